/**
 * SHA-256 (FIPS 180-4) of a string's UTF-8 bytes, for chain names only. A cluster of 10,000 services
 * × 10 endpoints names 110,000 chains; a general-purpose hash object per name (encoder, buffers,
 * views) cost microseconds each, so this one reuses a single message buffer and schedule. Checked
 * against @noble/hashes in sha256.test.ts.
 */
import { utf8ToBytes } from '@noble/hashes/utils.js';

const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);
const INITIAL = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

const W = new Int32Array(64);
const state = new Int32Array(8);
let message = new Uint8Array(256);

/** Bytes kept free past the message for its padding (0x80, zeros, the 8-byte length: at most 72). */
const PADDING_ROOM = 128;

/** A larger message buffer keeping its first `kept` bytes. */
function grow(kept: number, size: number): void {
  const grown = new Uint8Array(size);
  grown.set(message.subarray(0, kept));
  message = grown;
}

/**
 * The message's UTF-8 bytes into `message`, padded to whole 64-byte blocks; returns the padded length. The
 * message is the concatenation of `parts`, read part by part (a chain name hashes a service port, a protocol
 * and an endpoint: joining them first made, and then flattened, a string per endpoint).
 */
function load(parts: readonly string[]): number {
  // ASCII (every chain name's input) is copied as it is checked, in one pass; anything else is encoded whole.
  let length = 0;
  let ascii = true;
  for (let p = 0; ascii && p < parts.length; p++) {
    const part = parts[p]!;
    if (length + part.length + PADDING_ROOM > message.length) grow(length, (length + part.length + PADDING_ROOM) * 2);
    for (let i = 0; i < part.length; i++) {
      const c = part.charCodeAt(i);
      if (c > 0x7f) {
        ascii = false;
        break;
      }
      message[length++] = c;
    }
  }
  if (!ascii) {
    const bytes = utf8ToBytes(parts.join(''));
    length = bytes.length;
    if (length + PADDING_ROOM > message.length) grow(0, (length + PADDING_ROOM) * 2);
    message.set(bytes);
  }
  // Room for the padding (at most 72 bytes) was kept above.
  const padded = Math.ceil((length + 9) / 64) * 64;
  message[length] = 0x80;
  // A few dozen zero bytes at most: a loop, not a call to fill.
  for (let i = length + 1; i < padded - 4; i++) message[i] = 0;
  // The bit length as a 64-bit big-endian integer; strings here are far below 2^29 bytes.
  const bits = length * 8;
  message[padded - 4] = bits >>> 24;
  message[padded - 3] = (bits >>> 16) & 0xff;
  message[padded - 2] = (bits >>> 8) & 0xff;
  message[padded - 1] = bits & 0xff;
  return padded;
}

function compress(offset: number): void {
  for (let t = 0; t < 16; t++) {
    const i = offset + t * 4;
    W[t] = (message[i]! << 24) | (message[i + 1]! << 16) | (message[i + 2]! << 8) | message[i + 3]!;
  }
  for (let t = 16; t < 64; t++) {
    const w15 = W[t - 15]!;
    const w2 = W[t - 2]!;
    const s0 = ((w15 >>> 7) | (w15 << 25)) ^ ((w15 >>> 18) | (w15 << 14)) ^ (w15 >>> 3);
    const s1 = ((w2 >>> 17) | (w2 << 15)) ^ ((w2 >>> 19) | (w2 << 13)) ^ (w2 >>> 10);
    W[t] = (W[t - 16]! + s0 + W[t - 7]! + s1) | 0;
  }
  let a = state[0]!, b = state[1]!, c = state[2]!, d = state[3]!, e = state[4]!, f = state[5]!, g = state[6]!, h = state[7]!;
  for (let t = 0; t < 64; t++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const ch = (e & f) ^ (~e & g);
    const t1 = (h + S1 + ch + K[t]! + W[t]!) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const maj = (a & b) ^ (a & c) ^ (b & c);
    const t2 = (S0 + maj) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  state[0] = (state[0]! + a) | 0;
  state[1] = (state[1]! + b) | 0;
  state[2] = (state[2]! + c) | 0;
  state[3] = (state[3]! + d) | 0;
  state[4] = (state[4]! + e) | 0;
  state[5] = (state[5]! + f) | 0;
  state[6] = (state[6]! + g) | 0;
  state[7] = (state[7]! + h) | 0;
}

/**
 * The SHA-256 digest of `text` encoded as UTF-8, as eight big-endian 32-bit words (signed). The array is
 * reused: it holds this digest only until the next call.
 */
export function sha256Words(text: string): Int32Array {
  return sha256WordsOf([text]);
}

/** `sha256Words` of the concatenation of `parts`, without making that string. */
export function sha256WordsOf(parts: readonly string[]): Int32Array {
  const padded = load(parts);
  state.set(INITIAL);
  for (let offset = 0; offset < padded; offset += 64) compress(offset);
  return state;
}

/** The 32-byte SHA-256 digest of `text` encoded as UTF-8. */
export function sha256Utf8(text: string): Uint8Array {
  const state = sha256Words(text);
  const digest = new Uint8Array(32);
  for (let i = 0; i < 8; i++) {
    const v = state[i]!;
    digest[i * 4] = v >>> 24;
    digest[i * 4 + 1] = (v >>> 16) & 0xff;
    digest[i * 4 + 2] = (v >>> 8) & 0xff;
    digest[i * 4 + 3] = v & 0xff;
  }
  return digest;
}
