/**
 * The `--probability` kube-proxy writes for the i-th of n remaining endpoints: Go's
 * `fmt.Sprintf("%0.10f", 1.0/float64(n))` (proxier.go `computeProbability`). Go formats the exact
 * binary value of the double and rounds half to even; JavaScript's `toFixed` rounds ties up
 * (1/2048 = 0.00048828125 exactly: Go prints 0.0004882812, toFixed 0.0004882813), so the digits are
 * computed here from the double's exact value.
 */
export function probabilityText(n: number): string {
  // A cluster asks for the same few n (its endpoint counts) once per endpoint: exact formatting takes BigInts, so keep them.
  let text = probabilityTexts.get(n);
  if (text === undefined) {
    text = formatFixed(1 / n, 10);
    probabilityTexts.set(n, text);
  }
  return text;
}

const probabilityTexts = new Map<number, string>();

/** `%0.<digits>f` of a finite non-negative double, exactly as Go's strconv rounds it (half to even). */
export function formatFixed(value: number, digits: number): string {
  const { mantissa, exponent } = decompose(value);
  // value = mantissa · 2^exponent; scaled = value · 10^digits as an exact fraction num/den.
  let num = mantissa * 10n ** BigInt(digits);
  let den = 1n;
  if (exponent >= 0) num <<= BigInt(exponent);
  else den <<= BigInt(-exponent);
  let q = num / den;
  const twiceRemainder = (num % den) * 2n;
  if (twiceRemainder > den || (twiceRemainder === den && q % 2n === 1n)) q += 1n;
  const text = q.toString().padStart(digits + 1, '0');
  return digits === 0 ? text : `${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

function decompose(value: number): { mantissa: bigint; exponent: number } {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`cannot format ${value}`);
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  if (biased === 0) return { mantissa: fraction, exponent: -1074 };
  return { mantissa: fraction | (1n << 52n), exponent: biased - 1075 };
}
