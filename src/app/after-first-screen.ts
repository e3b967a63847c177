import { useEffect, useState } from 'react';
import { useLabStore } from './store';
import { usePacketStore } from './packet/store';

/** After the first screen works, how long to leave the network and the main thread to it. */
const SETTLE_MS = 1000;
/** Whatever happens (an engine error, a scenario without choices), no longer than this. */
const AT_MOST_MS = 10_000;

/**
 * True once the first screen works (the rules are there and a packet can be sent) and a moment has
 * passed: what is not part of that screen (the service worker's offline copy, the panel splitters)
 * waits for it, so it never competes with the first load for the network or the main thread.
 */
export function useAfterFirstScreen(): boolean {
  const canSend = usePacketStore((s) => !!s.from && !!s.to && !!s.choices);
  const engineFailed = useLabStore((s) => s.engineError !== undefined);
  const [settled, setSettled] = useState(false);
  const [late, setLate] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setLate(true), AT_MOST_MS);
    return () => clearTimeout(timer);
  }, []);
  const usable = canSend || engineFailed;
  useEffect(() => {
    if (!usable) return;
    let idle: number | undefined;
    const timer = setTimeout(() => {
      if ('requestIdleCallback' in window) idle = requestIdleCallback(() => setSettled(true), { timeout: 2000 });
      else setSettled(true);
    }, SETTLE_MS);
    return () => {
      clearTimeout(timer);
      if (idle !== undefined) cancelIdleCallback(idle);
    };
  }, [usable]);
  return settled || late;
}
