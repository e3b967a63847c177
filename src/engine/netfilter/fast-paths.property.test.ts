/**
 * The loader's fast paths against what they replaced: parseIpv4 read character by character against the
 * split-and-regex version, parseNatRange without spreads against the split version, and the jump-loop
 * search over numbered chains against the Map-based search (the old implementations are kept here as the
 * reference). Shared rule pieces (shared-values.ts) are covered by parse.test.ts's round trips.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIpv4 } from '../ipv4';
import { loopClosingJumps } from './jump-loops';
import type { ChainJump } from './jump-loops';
import { parseNatRange } from './parse-target';
import { RuleSyntaxError } from './syntax-error';

function referenceParseIpv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const p of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(p)) return undefined;
    const v = Number(p);
    if (v > 255) return undefined;
    n = n * 256 + v;
  }
  return n;
}

function referenceParsePorts(text: string): { from: number; to: number } {
  const m = /^(\d+)(?:-(\d+))?$/.exec(text);
  if (!m || Number(m[1]) > 65535 || (m[2] !== undefined && (Number(m[2]) > 65535 || Number(m[2]) < Number(m[1])))) throw new RuleSyntaxError(`Port range "${text}" is invalid`, 1);
  return { from: Number(m[1]), to: m[2] === undefined ? Number(m[1]) : Number(m[2]) };
}

function referenceParseNatRange(text: string): object {
  const colon = text.indexOf(':');
  const addrPart = colon === -1 ? text : text.slice(0, colon);
  const portPart = colon === -1 ? undefined : text.slice(colon + 1);
  let range: { minAddress?: number; maxAddress?: number } = {};
  if (addrPart !== '') {
    const [a, b] = addrPart.split('-');
    const min = referenceParseIpv4(a ?? '');
    const max = b === undefined ? min : referenceParseIpv4(b);
    if (min === undefined || max === undefined || max < min) throw new RuleSyntaxError(`Bad IP address "${addrPart}"`, 1);
    range = { minAddress: min, maxAddress: max };
  }
  return {
    ...(range.minAddress !== undefined ? { minAddress: range.minAddress, maxAddress: range.maxAddress! } : {}),
    ...(portPart !== undefined ? { ports: referenceParsePorts(portPart) } : {}),
  };
}

function referenceLoopClosingJumps<J extends ChainJump>(chains: Iterable<string>, jumps: readonly J[]): J[] {
  const from = new Map<string, J[]>();
  for (const j of jumps) {
    const list = from.get(j.from);
    if (list) list.push(j);
    else from.set(j.from, [j]);
  }
  const colour = new Map<string, 'grey' | 'black'>();
  const closing: J[] = [];
  for (const root of chains) {
    if (colour.has(root) || !from.has(root)) continue;
    colour.set(root, 'grey');
    const path: { readonly chain: string; next: number }[] = [{ chain: root, next: 0 }];
    while (path.length > 0) {
      const top = path[path.length - 1]!;
      const out = from.get(top.chain) ?? [];
      const j = out[top.next++];
      if (j === undefined) {
        colour.set(top.chain, 'black');
        path.pop();
        continue;
      }
      const c = colour.get(j.to);
      if (c === 'grey') closing.push(j);
      else if (c === undefined) {
        colour.set(j.to, 'grey');
        path.push({ chain: j.to, next: 0 });
      }
    }
  }
  return closing;
}

/** The result, or the error's message: both implementations must agree on which inputs they refuse and how. */
function outcome<T>(f: () => T): T | string {
  try {
    return f();
  } catch (e) {
    return e instanceof Error ? `error: ${e.message}` : 'error';
  }
}

const digitsDotsDashes = (chars: readonly string[], maxLength: number): fc.Arbitrary<string> =>
  fc.array(fc.constantFrom(...chars), { maxLength }).map((a) => a.join(''));

describe('the loader\'s fast paths', () => {
  it('parseIpv4 agrees with the split-and-regex version', () => {
    const quads = fc.tuple(fc.nat(300), fc.nat(300), fc.nat(300), fc.nat(300)).map((q) => q.join('.'));
    fc.assert(
      fc.property(fc.oneof(quads, digitsDotsDashes(['0', '1', '2', '5', '9', '.'], 20), fc.string()), (s) => {
        expect(parseIpv4(s)).toBe(referenceParseIpv4(s));
      }),
      { numRuns: 5000, seed: 11 },
    );
  });

  it('parseNatRange agrees with the split version, errors included', () => {
    const ip = fc.oneof(fc.tuple(fc.nat(256), fc.nat(3), fc.nat(3), fc.nat(256)).map((q) => q.join('.')), digitsDotsDashes(['1', '0', '.'], 9));
    const port = fc.oneof(fc.nat(70000).map(String), digitsDotsDashes(['0', '8', '-', 'x'], 7));
    const range = fc.tuple(fc.option(ip, { nil: undefined }), fc.option(ip, { nil: undefined }), fc.option(ip, { nil: undefined }), fc.option(port, { nil: undefined }))
      .map(([a, b, c, p]) => `${a ?? ''}${b === undefined ? '' : `-${b}`}${c === undefined ? '' : `-${c}`}${p === undefined ? '' : `:${p}`}`);
    fc.assert(
      fc.property(fc.oneof(range, fc.string()), (s) => {
        expect(outcome(() => parseNatRange(s, 1))).toStrictEqual(outcome(() => referenceParseNatRange(s)));
      }),
      { numRuns: 5000, seed: 12 },
    );
  });

  it('the jump-loop search refuses the same jumps as the Map-based search, in the same order', () => {
    const graph = fc.integer({ min: 1, max: 12 }).chain((n) =>
      fc.record({
        n: fc.constant(n),
        jumps: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 40 }),
        order: fc.shuffledSubarray(Array.from({ length: n }, (_, i) => i), { minLength: n }),
      }),
    );
    fc.assert(
      fc.property(graph, ({ jumps, order }) => {
        const chains = order.map((i) => `C${i}`);
        const list = jumps.map(([f, t], line) => ({ from: `C${f}`, to: `C${t}`, line }));
        expect(loopClosingJumps(chains, list).map((j) => j.line)).toEqual(referenceLoopClosingJumps(chains, list).map((j) => j.line));
      }),
      { numRuns: 3000, seed: 13 },
    );
  });
});
