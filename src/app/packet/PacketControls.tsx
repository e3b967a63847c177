import './packet.css';
import { Narration } from './Narration';
import { Pickers } from './Pickers';
import { Timeline } from './Timeline';
import { Transport } from './Transport';
// Compare modes' dialog and words load after the first screen (lazy-buttons.tsx).
import { CompareModesEntry } from '../lazy-buttons';

/** The bottom bar: what to send, playback, the timeline and the narration (DESIGN §5 sketch). */
export function PacketControls() {
  return (
    <section className="packet-controls" aria-label="Playback">
      <div className="pk-row">
        <Pickers />
        <CompareModesEntry />
        <Transport />
      </div>
      <div className="pk-row">
        <Timeline />
      </div>
      <Narration />
    </section>
  );
}
