/**
 * The engine's only source of randomness: a small seeded PRNG, so that a scenario replays identically
 * from its seed (DESIGN §1: no `Math.random` in the engine).
 *
 * Generator: sfc32 (Chris Doty-Humphrey's "Small Fast Chaotic" generator, from PractRand), 128 bits
 * of state, passes PractRand/BigCrush, and needs only 32-bit integer arithmetic, which JavaScript
 * does exactly with `Math.imul`/`| 0`. Its four state words are filled from the seed by splitmix32
 * (the 32-bit variant of Vigna's SplitMix finaliser), which spreads nearby seeds (0, 1, 2, …) into
 * unrelated states, and the first outputs are discarded as sfc32's authors recommend.
 *
 * Not cryptographic. The kernel's `get_random_u32()` is; the simulation only needs the same
 * distribution and reproducibility.
 */

/** A deterministic stream of random numbers. */
export interface Random {
  /** A uniformly distributed unsigned 32-bit integer (0 … 2^32−1). */
  next32(): number;
  /** A uniformly distributed float in [0, 1), with 32 bits of resolution. */
  nextFloat(): number;
  /** A uniformly distributed integer in [lo, hi], both inclusive (unbiased; needs hi − lo < 2^32). */
  int(lo: number, hi: number): number;
  /**
   * An independent stream derived from this stream's seed and `label` only — not from how many
   * numbers this stream has already produced — so that adding a draw in one place of the
   * simulation does not shift the numbers drawn under another label.
   */
  fork(label: string): Random;
}

const TWO_32 = 0x1_0000_0000;

/** splitmix32: a counter advanced by the golden-ratio increment, then finalised (MurmurHash3 fmix32 constants). */
function splitmix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) | 0;
  let z = state.s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** FNV-1a over the UTF-16 code units of a label; only used to derive fork keys. */
function fnv1a(text: string, basis: number): number {
  let h = basis >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function fromKey(lo: number, hi: number): Random {
  const sm = { s: (lo ^ Math.imul(hi, 0x9e3779b1)) | 0 };
  let a = splitmix32(sm) | 0;
  let b = splitmix32(sm) | 0;
  let c = (splitmix32(sm) ^ hi) | 0;
  let d = splitmix32(sm) | 0;

  const next32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  // sfc32 is seeded "raw" from splitmix output; a dozen rounds let the state mix before use.
  for (let i = 0; i < 12; i++) next32();

  const int = (lo2: number, hi2: number): number => {
    if (!Number.isInteger(lo2) || !Number.isInteger(hi2) || hi2 < lo2 || hi2 - lo2 >= TWO_32) {
      throw new RangeError(`Random.int: bad range [${lo2}, ${hi2}]`);
    }
    const n = hi2 - lo2 + 1;
    // Rejection sampling: drop the top partial block of 2^32 so that `draw % n` is unbiased.
    const limit = TWO_32 - (TWO_32 % n);
    let draw = next32();
    while (draw >= limit) draw = next32();
    return lo2 + (draw % n);
  };

  return {
    next32,
    nextFloat: () => next32() / TWO_32,
    int,
    fork: (label: string) => fromKey(fnv1a(label, 0x811c9dc5 ^ lo) ^ Math.imul(hi, 0x27d4eb2f), fnv1a(label, 0x050c5d1f ^ hi) ^ lo),
  };
}

/**
 * A PRNG seeded from an integer (any safe integer; its low and high 32-bit halves both count).
 * The same seed always yields the same sequence, on every JavaScript engine.
 */
export function createRandom(seed: number): Random {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`createRandom: seed must be a safe integer, got ${seed}`);
  const lo = seed >>> 0;
  const hi = Math.floor(seed / TWO_32) >>> 0;
  return fromKey(lo, hi);
}
