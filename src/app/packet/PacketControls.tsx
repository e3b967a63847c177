import './packet.css';
import { Narration } from './Narration';
import { Pickers } from './Pickers';
import { Timeline } from './Timeline';
import { Transport } from './Transport';
import { CompareModesButton } from '../compare/CompareModesButton';

/** The bottom bar: what to send, playback, the timeline and the narration (DESIGN §5 sketch). */
export function PacketControls() {
  return (
    <section className="packet-controls" aria-label="Playback">
      <div className="pk-row">
        <Pickers />
        <CompareModesButton />
        <Transport />
      </div>
      <div className="pk-row">
        <Timeline />
      </div>
      <Narration />
    </section>
  );
}
