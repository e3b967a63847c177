import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cidrContains, formatCidr, formatIpv4, lastUsable, parseCidr, parseIpv4 } from './ipv4';

describe('ipv4', () => {
  it.each([
    ['10.244.1.2', 0x0af40102],
    ['0.0.0.0', 0],
    ['255.255.255.255', 0xffffffff],
  ])('parses %s', (text, n) => {
    expect(parseIpv4(text)).toBe(n);
    expect(formatIpv4(n)).toBe(text);
  });

  it.each(['10.1.1', '10.1.1.1.1', '256.1.1.1', '010.1.1.1', '1.2.3.-1', '', 'a.b.c.d', '1.2.3.4 '])('rejects %j', (text) => {
    expect(parseIpv4(text)).toBeUndefined();
  });

  it('masks a CIDR as the kernel does', () => {
    expect(formatCidr(parseCidr('10.1.2.3/8')!)).toBe('10.0.0.0/8');
    expect(formatCidr(parseCidr('10.1.2.3')!)).toBe('10.1.2.3/32');
    expect(formatCidr(parseCidr('1.2.3.4/0')!)).toBe('0.0.0.0/0');
    expect(parseCidr('10.0.0.0/33')).toBeUndefined();
  });

  it('knows membership and the last usable address', () => {
    const c = parseCidr('10.244.1.0/24')!;
    expect(cidrContains(c, parseIpv4('10.244.1.77')!)).toBe(true);
    expect(cidrContains(c, parseIpv4('10.244.2.1')!)).toBe(false);
    expect(formatIpv4(lastUsable(c))).toBe('10.244.1.254');
  });

  it('format/parse round-trips every u32', () => {
    fc.assert(fc.property(fc.nat({ max: 0xffffffff }), (n) => parseIpv4(formatIpv4(n)) === n), { numRuns: 1000 });
  });
});
