import type { HopView, PacketView, TraceView } from '../../worker/api';
import type { Lang } from './messages';
import type { PlaybackStep } from './playback';
import { placeOf, playbackMessages } from './playback-messages';

/** narration.ts's `narrate`, passed in so this module does not load the sentences itself. */
export type Narrator = (lang: Lang, packet: PacketView, hop: HopView) => string;

/**
 * The sentence a playback step is narrated with: a hop's own sentence (narration.ts); for a folded run,
 * how many rules did not match where; for a folded packet, its first and last hops' sentences.
 */
export function playbackSentence(lang: Lang, trace: TraceView, step: PlaybackStep, narrate: Narrator): string {
  const packet = trace.packets[step.packet]!;
  const fold = step.fold;
  if (fold?.kind === 'rules') {
    const h = fold.hop;
    return playbackMessages(lang).rulesFolded({ where: placeOf(h), count: h.count, from: h.fromIndex + 1, to: h.toIndex + 1 });
  }
  if (fold?.kind === 'packet') {
    const first = narrate(lang, packet, packet.hops[0]!);
    const last = narrate(lang, packet, packet.hops[packet.hops.length - 1]!);
    return playbackMessages(lang).packetFolded({ first, last, hops: fold.hops });
  }
  return narrate(lang, packet, packet.hops[step.hop]!);
}
