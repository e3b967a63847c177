import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { sha256Utf8, sha256WordsOf } from './sha256';

const hex = (text: string): string => bytesToHex(sha256Utf8(text));

describe('sha256Utf8', () => {
  it('gives the FIPS 180-4 test vectors', () => {
    expect(hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
  });

  it('agrees with @noble/hashes at every padding boundary and beyond', () => {
    for (let n = 0; n <= 300; n++) {
      const text = 'kube-proxy/'.repeat(30).slice(0, n);
      expect(hex(text), `length ${n}`).toBe(bytesToHex(sha256(utf8ToBytes(text))));
    }
  });

  it('agrees with @noble/hashes on any string, including non-ASCII ones', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        expect(hex(text)).toBe(bytesToHex(sha256(utf8ToBytes(text))));
      }),
      { numRuns: 500, seed: 20261130 },
    );
  });

  it('hashes parts as their concatenation, however long (the buffer grows between parts) and whatever they hold', () => {
    const wordsHex = (w: Int32Array): string => Array.from(w, (v) => (v >>> 0).toString(16).padStart(8, '0')).join('');
    const part = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 20 }), fc.string({ minLength: 200, maxLength: 700 }));
    fc.assert(
      fc.property(fc.array(part, { maxLength: 4 }), (parts) => {
        expect(wordsHex(sha256WordsOf(parts))).toBe(bytesToHex(sha256(utf8ToBytes(parts.join('')))));
      }),
      { numRuns: 500, seed: 20261207 },
    );
  });
});
