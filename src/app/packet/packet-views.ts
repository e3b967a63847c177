/**
 * The Packet and Conntrack regions' full views and the narration's sentences load with the first packet, not with the page: before it
 * both regions show one sentence. Pointing at or focusing Send packet starts loading them, so they are
 * in by the time the worker's trace is.
 */
export const loadPacketDetails = () => import('./PacketDetails');
export const loadConntrackDetails = () => import('./ConntrackDetails');

export type Narrator = typeof import('./narration').narrate;
export const loadNarration = (): Promise<Narrator> => import('./narration').then((m) => m.narrate);

export function preloadPacketViews(): void {
  void loadPacketDetails();
  void loadConntrackDetails();
  void loadNarration();
}
