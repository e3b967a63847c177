/**
 * lz-string's `decompressFromEncodedURIComponent` (lz-string 1.5.0, `_decompress` with the URI-safe
 * alphabet, 6 bits per character), rewritten to stop as soon as the text it produces passes a limit.
 * The library's own function builds the whole text first: a 64 KB link of its repeating case expands to
 * 403 million characters (930 MB) before any caller can check the size. It also throws on some damaged
 * input (`#s1.y`: "Cannot read properties of undefined"); here every damage is an answer, never an exception.
 * Same output as the library for every input it decodes within the limit (a property test checks this).
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$';
const VALUE: ReadonlyMap<string, number> = new Map([...ALPHABET].map((c, i) => [c, i]));

export type BoundedDecompression =
  | { readonly kind: 'text'; readonly text: string }
  /** The data ended early, held a character outside the alphabet, or referred to nothing. */
  | { readonly kind: 'damaged' }
  /** The text would be longer than the limit; decompression stopped there. */
  | { readonly kind: 'too-long' };

const DAMAGED = { kind: 'damaged' } as const;
const TOO_LONG = { kind: 'too-long' } as const;

export function decompressBounded(input: string, maxChars: number): BoundedDecompression {
  // lz-string: spaces stand for '+' (a `+` in a URL may arrive decoded as a space).
  const data = input.replace(/ /g, '+');
  if (data === '') return DAMAGED;
  for (const ch of data) if (!VALUE.has(ch)) return DAMAGED;

  let index = 0;
  let value = VALUE.get(data[index++]!)!;
  let position = 32;
  const readBits = (count: number): number => {
    let bits = 0;
    for (let power = 1, n = 0; n < count; n++, power *= 2) {
      const bit = value & position;
      position >>= 1;
      if (position === 0) {
        position = 32;
        // Past the end the library reads 0 bits, and stops at its next length check.
        value = index < data.length ? VALUE.get(data[index]!)! : 0;
        index++;
      }
      if (bit > 0) bits += power;
    }
    return bits;
  };

  const dictionary: string[] = ['', '', ''];
  let enlargeIn = 4;
  let numBits = 3;
  const out: string[] = [];

  const first = readBits(2);
  if (first === 2) return { kind: 'text', text: '' };
  // The library has no case for 3 and goes on with an undefined first character, then throws.
  if (first === 3) return DAMAGED;
  const c = String.fromCharCode(readBits(first === 0 ? 8 : 16));
  dictionary[3] = c;
  let w = c;
  out.push(c);
  let length = 1;

  for (;;) {
    if (index > data.length) return DAMAGED;
    let code = readBits(numBits);
    if (code === 0 || code === 1) {
      dictionary.push(String.fromCharCode(readBits(code === 0 ? 8 : 16)));
      code = dictionary.length - 1;
      enlargeIn--;
    } else if (code === 2) {
      return { kind: 'text', text: out.join('') };
    }
    if (enlargeIn === 0) {
      enlargeIn = 2 ** numBits;
      numBits++;
    }
    let entry: string;
    const known = dictionary[code];
    if (known !== undefined && known !== '') entry = known;
    else if (code === dictionary.length) entry = w + w.charAt(0);
    else return DAMAGED;
    length += entry.length;
    if (length > maxChars) return TOO_LONG;
    out.push(entry);
    dictionary.push(w + entry.charAt(0));
    enlargeIn--;
    w = entry;
    if (enlargeIn === 0) {
      enlargeIn = 2 ** numBits;
      numBits++;
    }
  }
}
