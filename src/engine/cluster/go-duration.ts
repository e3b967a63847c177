/**
 * Go's `time.ParseDuration`, which `metav1.Duration` fields of kube-proxy's configuration go through
 * (`24h0m0s`, `1h`, `300s`, `1.5h`, `-1s`, `0`): seconds, or undefined with Go's own complaint.
 */

const UNIT_SECONDS: Readonly<Record<string, number>> = { ns: 1e-9, us: 1e-6, µs: 1e-6, μs: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };

/** Seconds of a Go duration, or the error text `time.ParseDuration` returns. */
export function parseGoDuration(text: string): { readonly seconds: number } | { readonly error: string } {
  const bad = { error: `time: invalid duration ${JSON.stringify(text)}` };
  const m = /^([-+]?)(.*)$/.exec(text)!;
  const body = m[2]!;
  if (body === '0') return { seconds: 0 };
  if (body === '') return bad;
  let seconds = 0;
  let rest = body;
  while (rest !== '') {
    const part = /^(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h)/.exec(rest);
    if (!part) return /^(\d+\.?\d*|\.\d+)$/.test(rest) ? { error: `time: missing unit in duration ${JSON.stringify(text)}` } : bad;
    seconds += Number(part[1]) * UNIT_SECONDS[part[2]!]!;
    rest = rest.slice(part[0].length);
  }
  return { seconds: m[1] === '-' ? -seconds : seconds };
}
