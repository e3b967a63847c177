/**
 * Whether a string is an IPv4 address as `parseIpv4` accepts it (four dot-separated decimals 0–255,
 * no leading zeros), without its split and four regular expressions: kube-proxy's endpoint list asks
 * once per endpoint, 100,000 times for 10,000 services. dotted-quad.test.ts checks it against parseIpv4.
 */
export function isDottedQuad(text: string): boolean {
  let parts = 0;
  let digits = 0;
  let value = 0;
  let leadingZero = false;
  // The end of the text closes the last part, as a dot would.
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 0x2e;
    if (c === 0x2e) {
      if (digits === 0 || value > 255 || (leadingZero && digits > 1)) return false;
      parts++;
      digits = 0;
      value = 0;
      continue;
    }
    if (c < 0x30 || c > 0x39 || digits === 3) return false;
    if (digits === 0) leadingZero = c === 0x30;
    value = value * 10 + (c - 0x30);
    digits++;
  }
  return parts === 4;
}
