/**
 * Durations as people write them in a script and as Go prints them (`time.Duration.String()` without
 * the sub-second units people do not need here): `500ms`, `30s`, `2m`, `1h30m`, `5d` is not Go's but a
 * conntrack ESTABLISHED timeout is counted in days, so `d` is accepted too.
 */

const UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** The longest wait a script or the UI asks for: a year is far past every conntrack and affinity timeout. */
export const MAX_WAIT_MS = 366 * 86_400_000;

/** Milliseconds of `text` (`30s`, `2m`, `1h30m`, `250ms`, `1d`), or undefined when it is not a duration. */
export function parseDuration(text: string): number | undefined {
  if (!/^(\d+(ms|s|m|h|d))+$/.test(text)) return undefined;
  let ms = 0;
  for (const [, n, unit] of text.matchAll(/(\d+)(ms|s|m|h|d)/g)) ms += Number(n) * UNITS[unit!]!;
  return Number.isSafeInteger(ms) ? ms : undefined;
}

/** The shortest text `parseDuration` reads back as `ms`: `1h30m`, `45s`, `1500ms` → `1s500ms`. */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  let rest = ms;
  let out = '';
  for (const unit of ['d', 'h', 'm', 's', 'ms']) {
    const size = UNITS[unit]!;
    const n = Math.floor(rest / size);
    if (n > 0) out += `${n}${unit}`;
    rest -= n * size;
  }
  return out;
}
