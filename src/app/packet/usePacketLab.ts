import { useFollowHop } from './useFollowHop';
import { useKeyboardShortcuts } from './useKeyboardShortcuts';
import { usePacketSync } from './usePacketSync';
import { usePlaybackClock } from './usePlaybackClock';

/** Everything the packet lesson runs in the background: choices, the clock, following the hop, keys. Mount once. */
export function usePacketLab(): void {
  usePacketSync();
  usePlaybackClock();
  useFollowHop();
  useKeyboardShortcuts();
}
