/**
 * Which rules of a long chain could match a packet's destination. kube-proxy's KUBE-SERVICES holds one
 * `-d CLUSTER-IP/32 … -j KUBE-SVC-…` rule per service port; the kernel reads them one by one, so a
 * packet for the last of 10,000 services is compared 10,000 times. Every one of those rules whose
 * destination differs fails in the `-s -d -i -o -p -f` part, before any module runs: nothing is counted
 * and nothing changes. A walk that keeps only its last step (walk.ts) may therefore jump straight to the
 * next rule naming the packet's destination and count the ones in between as evaluated — the number the
 * kernel's linear walk would have reached, which is what the UI teaches with.
 */
import type { Chain, Rule } from './model';
import type { Ipv4 } from '../ipv4';

/** Runs shorter than this are walked rule by rule: a lookup would cost more than it saves. */
const MIN_RUN = 8;

export interface DestinationIndex {
  /** `chain.rules.length` when built: a chain that grew or shrank is indexed again. */
  readonly length: number;
  /** Per rule: the run it belongs to, or -1. */
  readonly runOf: Int32Array;
  readonly runs: readonly Run[];
}

/** Consecutive rules that each require one exact destination (`-d A.B.C.D/32`, not inverted). */
interface Run {
  /** One past the run's last rule. */
  readonly end: number;
  /** Destination → the run's rules naming it, in ascending order. */
  readonly byDestination: ReadonlyMap<Ipv4, readonly number[]>;
}

const indexes = new WeakMap<Chain, DestinationIndex>();

function exactDestination(rule: Rule): Ipv4 | undefined {
  const d = rule.ip.destination;
  return d && !d.invert && d.value.prefix === 32 ? d.value.address : undefined;
}

function build(chain: Chain): DestinationIndex {
  const rules = chain.rules;
  const runOf = new Int32Array(rules.length).fill(-1);
  const runs: Run[] = [];
  let i = 0;
  while (i < rules.length) {
    if (exactDestination(rules[i]!) === undefined) {
      i++;
      continue;
    }
    let end = i;
    while (end < rules.length && exactDestination(rules[end]!) !== undefined) end++;
    if (end - i >= MIN_RUN) {
      const byDestination = new Map<Ipv4, number[]>();
      for (let k = i; k < end; k++) {
        const dst = exactDestination(rules[k]!)!;
        const list = byDestination.get(dst);
        if (list === undefined) byDestination.set(dst, [k]);
        else list.push(k);
        runOf[k] = runs.length;
      }
      runs.push({ end, byDestination });
    }
    i = end;
  }
  return { length: rules.length, runOf, runs };
}

/**
 * The chain's index of destinations, or undefined when it has no run long enough to be worth one.
 * Rulesets are not edited in place once loaded (iptables-restore replaces whole tables); a chain whose
 * length changed is indexed again.
 */
export function destinationIndex(chain: Chain): DestinationIndex | undefined {
  let idx = indexes.get(chain);
  if (idx === undefined || idx.length !== chain.rules.length) {
    idx = build(chain);
    indexes.set(chain, idx);
  }
  return idx.runs.length > 0 ? idx : undefined;
}

/**
 * The first rule at or after `index` that could match a packet to `dst`: `index` itself unless it lies in
 * an indexed run, else the next rule of the run naming `dst`, else the first rule after the run. The rules
 * skipped all fail on their destination.
 */
export function nextCandidate(idx: DestinationIndex, index: number, dst: Ipv4): number {
  const r = idx.runOf[index];
  if (r === undefined || r < 0) return index;
  const run = idx.runs[r]!;
  const candidates = run.byDestination.get(dst);
  if (candidates === undefined) return run.end;
  // The first candidate ≥ index (binary search: a service with many ports repeats its cluster IP).
  let lo = 0;
  let hi = candidates.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (candidates[mid]! < index) lo = mid + 1;
    else hi = mid;
  }
  return lo < candidates.length ? candidates[lo]! : run.end;
}
