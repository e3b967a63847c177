/** nft's durations: `10800s`, `1m30s`, `3h`, `500ms` in; `3h`, `1m30s` out (nft's time_print). */

const UNITS: readonly (readonly [string, number])[] = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1000],
  ['ms', 1],
];

/** Milliseconds, or undefined when the text is not a duration. A bare number is seconds, as nft reads it. */
export function parseDuration(text: string): number | undefined {
  if (/^\d{1,10}$/.test(text)) return Number(text) * 1000;
  const re = /(\d{1,10})(ms|d|h|m|s)/gy;
  let total = 0;
  let pos = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    total += Number(m[1]) * UNITS.find(([u]) => u === m![2])![1];
    pos = re.lastIndex;
  }
  return pos === text.length && pos > 0 ? total : undefined;
}

export function formatDuration(ms: number): string {
  let rest = ms;
  let out = '';
  for (const [unit, size] of UNITS) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0) out += `${n}${unit}`;
  }
  return out === '' ? '0s' : out;
}
