/**
 * nft's element order, measured: each case is a set loaded into the real nft 1.0.6 (`unshare -n`) and
 * listed; the expected lists are what it printed (the kernel check re-measures on every run where it can).
 */
import { describe, expect, it } from 'vitest';
import { parseTransaction } from './parse-transaction';
import { printNftList } from './print-list';

const listed = (type: string, elements: string): string => {
  const r = parseTransaction(`add table ip t\nadd set ip t s { type ${type} ; }\nadd element ip t s { ${elements} }\n`);
  expect(r.errors).toEqual([]);
  return /elements = \{ ([^}]*) \}/.exec(printNftList(r.ruleset))![1]!;
};

describe('element order and wrapping as nft lists them', () => {
  it('addresses numerically, two a line', () => {
    expect(listed('ipv4_addr', '10.0.0.2, 9.0.0.3, 10.0.0.1, 1.0.0.10, 200.1.1.1, 10.1.0.0')).toBe('1.0.0.10, 9.0.0.3,\n\t\t\t     10.0.0.1, 10.0.0.2,\n\t\t\t     10.1.0.0, 200.1.1.1');
  });
  it('ports numerically, five a line', () => {
    expect(listed('inet_service', '80, 443, 8080, 1, 256, 53')).toBe('1, 53, 80, 256, 443,\n\t\t\t     8080');
  });
  it('protocols by number, named', () => {
    expect(listed('inet_proto', '1, 6, 17, 132, 2, 47, 50')).toBe('icmp, igmp, tcp, udp, gre,\n\t\t\t     esp, sctp');
  });
  it('concatenations by their register bytes from the last one back, one a line', () => {
    expect(listed('ipv4_addr . inet_proto . inet_service', '10.0.0.2 . tcp . 80, 9.0.0.3 . udp . 80, 10.0.0.1 . tcp . 81, 10.0.0.1 . tcp . 8080, 1.0.0.10 . sctp . 1, 10.0.0.1 . udp . 80')).toBe(
      '1.0.0.10 . sctp . 1,\n\t\t\t     10.0.0.2 . tcp . 80,\n\t\t\t     10.0.0.1 . udp . 80,\n\t\t\t     9.0.0.3 . udp . 80,\n\t\t\t     10.0.0.1 . tcp . 81,\n\t\t\t     10.0.0.1 . tcp . 8080',
    );
    expect(listed('inet_proto . inet_service', 'udp . 53, tcp . 53, tcp . 80, udp . 1')).toBe('udp . 1,\n\t\t\t     tcp . 53,\n\t\t\t     udp . 53,\n\t\t\t     tcp . 80');
  });
  it('ct states two a line, marks five a line', () => {
    expect(listed('ct_state', 'new, established, related')).toBe('established, related,\n\t\t\t     new');
    expect(listed('mark', '1, 2, 3, 4, 5, 6')).toBe('0x00000001, 0x00000002, 0x00000003, 0x00000004, 0x00000005,\n\t\t\t     0x00000006');
  });
});
