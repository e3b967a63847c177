import fc from 'fast-check';
import { compressToEncodedURIComponent } from 'lz-string';
import { describe, expect, it } from 'vitest';
import { decodeShare, encodeShare, MAX_FRAGMENT_CHARS, type SharedState } from './codec';

const state: SharedState = {
  yaml: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: svc-clusterip\n',
  lesson: '01-clusterip',
  packet: { from: 'net-pod', to: 'svc-clusterip.default:9000', protocol: 'tcp' },
  seed: 7,
  step: 12,
  view: { node: 'myk8s-worker', table: 'nat', format: 'L' },
  lang: 'ko',
};

const arbitraryState: fc.Arbitrary<SharedState> = fc.record(
  {
    yaml: fc.string({ maxLength: 2000, unit: 'grapheme' }),
    lesson: fc.stringMatching(/^[a-z0-9-]{1,20}$/),
    packet: fc.record(
      { from: fc.string({ maxLength: 40 }), to: fc.string({ maxLength: 40 }), via: fc.string({ minLength: 1, maxLength: 20 }), protocol: fc.constantFrom('tcp' as const, 'udp' as const) },
      { requiredKeys: ['from', 'to'] },
    ),
    seed: fc.integer({ min: 0, max: 0xffffffff }),
    step: fc.integer({ min: 0, max: 1_000_000 }),
    view: fc.record(
      { node: fc.string({ minLength: 1, maxLength: 30 }), table: fc.constantFrom('nat' as const, 'filter' as const), format: fc.constantFrom('save' as const, 'S' as const, 'L' as const) },
      { requiredKeys: [] },
    ),
    lang: fc.constantFrom('en' as const, 'ko' as const),
  },
  { requiredKeys: ['yaml', 'seed', 'step', 'view', 'lang'] },
);

describe('share links', () => {
  it('round-trips a state through a versioned fragment', () => {
    const fragment = encodeShare(state);
    expect(fragment).toMatch(/^#s1\.[A-Za-z0-9+\-$]+$/);
    expect(decodeShare(fragment)).toEqual({ ok: true, state, version: 1 });
  });

  it('round-trips random states (property)', () => {
    fc.assert(
      fc.property(arbitraryState, (s) => {
        const r = decodeShare(encodeShare(s));
        expect(r.ok).toBe(true);
        if (r.ok) expect(r.state).toEqual(s);
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws on random strings, and says what is wrong (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 300 }), fc.string({ maxLength: 300 }).map((s) => `#s1.${s}`), fc.string().map((s) => `#s1.${compressToEncodedURIComponent(s)}`)), (fragment) => {
        const r = decodeShare(fragment);
        if (!r.ok && !('absent' in r)) expect(r.error.length).toBeGreaterThan(10);
      }),
      { numRuns: 2000 },
    );
  });

  const bad: ReadonlyArray<[string, string, RegExp]> = [
    ['a truncated link', encodeShare(state).slice(0, 40), /damaged/],
    ['a corrupted link', encodeShare(state).replace(/.{8}$/, '!!!!!!!!'), /damaged|not valid/],
    ['a 5 MB link', `#s1.${'A'.repeat(5 * 1024 * 1024)}`, /too large/],
    ['a newer format', '#s9.abc', /newer version/],
    ['a wrong type', `#s1.${compressToEncodedURIComponent(JSON.stringify({ ...state, seed: -1 }))}`, /seed: expected a whole number/],
    ['an unknown field', `#s1.${compressToEncodedURIComponent(JSON.stringify({ ...state, packet: { ...state.packet, evil: 1 } }))}`, /packet\.evil: unknown field/],
    ['not an object', `#s1.${compressToEncodedURIComponent('[1,2]')}`, /expected an object/],
    ['a bomb that expands past the cap', `#s1.${compressToEncodedURIComponent(JSON.stringify({ ...state, yaml: 'a'.repeat(600_000) }))}`, /expands to more than|longer than/],
  ];
  for (const [name, fragment, message] of bad) {
    it(`refuses ${name} with a message`, () => {
      const r = decodeShare(fragment);
      expect(r.ok).toBe(false);
      expect(!r.ok && 'error' in r ? r.error : '').toMatch(message);
    });
  }

  it('treats fragments without share state as a normal visit', () => {
    expect(decodeShare('')).toEqual({ ok: false, absent: true });
    expect(decodeShare('#rules')).toEqual({ ok: false, absent: true });
  });

  it('keeps the fragment cap well above a real scenario', () => {
    const big = encodeShare({ ...state, yaml: 'kind: Service\n'.repeat(3000) });
    expect(big.length).toBeLessThan(MAX_FRAGMENT_CHARS);
  });
});
