import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseIptables } from './parse';
import { printIptablesS, printIptablesSave } from './print';
import { arbitraryRuleset } from '../test-support/arbitrary-ruleset';

const nat = (...rules: string[]) => `*nat\n:PREROUTING ACCEPT [0:0]\n:KUBE-SVC-X - [0:0]\n:KUBE-SEP-Y - [0:0]\n:KUBE-MARK-MASQ - [0:0]\n${rules.join('\n')}\nCOMMIT\n`;

function reprint(text: string): string[] {
  const r = parseIptables(text);
  expect(r.errors).toEqual([]);
  return printIptablesS(r.ruleset, 'nat').split('\n').filter((l) => l.startsWith('-A'));
}

describe('what kube-proxy writes is normalized as iptables-restore does', () => {
  it.each([
    [
      '-A KUBE-SVC-X -m comment --comment "ns/svc:p -> 10.1.1.1:80" -m statistic --mode random --probability 0.3333333333 -j KUBE-SEP-Y',
      '-A KUBE-SVC-X -m comment --comment "ns/svc:p -> 10.1.1.1:80" -m statistic --mode random --probability 0.33333333349 -j KUBE-SEP-Y',
    ],
    [
      '-A KUBE-SVC-X -m comment --comment "ns1/svc1:p80 cluster IP" -m tcp -p tcp -d 172.30.0.41 --dport 80 -j KUBE-SEP-Y',
      '-A KUBE-SVC-X -d 172.30.0.41/32 -p tcp -m comment --comment "ns1/svc1:p80 cluster IP" -m tcp --dport 80 -j KUBE-SEP-Y',
    ],
    ['-A KUBE-MARK-MASQ -j MARK --or-mark 0x4000', '-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000'],
    ['-A KUBE-MARK-MASQ -j MARK --xor-mark 0x4000', '-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x0'],
    ['-A KUBE-MARK-MASQ -j MARK --set-mark 16384', '-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0xffffffff'],
    ['-A KUBE-SEP-Y -p tcp --dport 80 -s 10.1.2.3/8 -j DNAT --to-destination 10.1.1.1:80', '-A KUBE-SEP-Y -s 10.0.0.0/8 -p tcp -m tcp --dport 80 -j DNAT --to-destination 10.1.1.1:80'],
    ['-A PREROUTING -m conntrack ! --ctstate ESTABLISHED,DNAT,RELATED -j ACCEPT', '-A PREROUTING -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j ACCEPT'],
    ['-A PREROUTING -m comment --comment plain -j ACCEPT', '-A PREROUTING -m comment --comment plain -j ACCEPT'],
    ['-A PREROUTING -s 10.0.0.0/255.255.0.0 -j ACCEPT', '-A PREROUTING -s 10.0.0.0/16 -j ACCEPT'],
  ])('%s', (written, shown) => {
    expect(reprint(nat(written))).toEqual([shown]);
  });
});

describe('located errors, never a throw', () => {
  it.each([
    ['-A KUBE-SVC-X -p tcp --dprt 80 -j ACCEPT', 'line 6: unknown option "--dprt"', 22],
    ['-A KUBE-SVC-X -j KUBE-SEP-NOPE', "line 6: Couldn't load target `KUBE-SEP-NOPE': No such file or directory", 18],
    ['-A NOPE -j ACCEPT', 'line 6: chain "NOPE" does not exist in table nat', 4],
    ['-A KUBE-SVC-X -s 10.0.0.300 -j ACCEPT', "line 6: host/network `10.0.0.300' not found", 18],
    ['-A KUBE-SVC-X -m statistic --mode random --probability 1.5 -j ACCEPT', 'line 6: --probability must be between 0 and 1', 56],
    ['-A KUBE-SVC-X -m comment --comment "unterminated -j ACCEPT', 'line 6: unterminated quoted string', 36],
    ['-A KUBE-SVC-X --dport 80 -j ACCEPT', 'line 6: unknown option "--dport"', 15],
    ['-A KUBE-SVC-X ! -p all -j ACCEPT', 'line 6: rule would never match protocol', 20],
    ['-A KUBE-SVC-X -p tcp --tcp-flags ECE SYN -j ACCEPT', "line 6: Unknown TCP flag `ECE'", 34],
    ['-A KUBE-SVC-X -j DROP', 'line 6: The "nat" table is not intended for filtering, the use of DROP is therefore inhibited.', 18],
    ['-A KUBE-SVC-X -j KUBE-SVC-X', 'line 6: RULE_APPEND failed (Too many links): rule in chain KUBE-SVC-X', 18],
  ])('%s', (line, message, col) => {
    const r = parseIptables(nat(line));
    expect(r.errors).toEqual([{ line: 6, col, message }]);
  });

  it('keeps the good lines of a dump with a bad one', () => {
    const r = parseIptables(nat('-A KUBE-SVC-X -j ACCEPT', '-A KUBE-SVC-X -x', '-A KUBE-SVC-X -j RETURN'));
    expect(r.errors).toHaveLength(1);
    expect(r.ruleset.tables.get('nat')!.chains.get('KUBE-SVC-X')!.rules.map((x) => x.target.kind)).toEqual(['ACCEPT', 'RETURN']);
  });

  it('keeps unknown modules and targets verbatim, with a warning', () => {
    const text = nat('-A KUBE-SVC-X -m owner --uid-owner 0 -j TPROXY --on-port 1 --tproxy-mark 0x1/0x1');
    const r = parseIptables(text);
    expect(r.errors).toEqual([]);
    expect(r.warnings.map((w) => w.message)).toEqual(['line 6: -m owner is kept as written but not simulated', 'line 6: -j TPROXY is kept as written but not simulated']);
    expect(printIptablesSave(r.ruleset)).toContain('-A KUBE-SVC-X -m owner --uid-owner 0 -j TPROXY --on-port 1 --tproxy-mark 0x1/0x1');
  });

  it('refuses a jump that closes a loop through other chains, and drops that rule', () => {
    const r = parseIptables(nat('-A KUBE-SVC-X -j KUBE-SEP-Y', '-A KUBE-SEP-Y -j KUBE-MARK-MASQ', '-A KUBE-MARK-MASQ -g KUBE-SVC-X'));
    expect(r.errors).toEqual([{ line: 8, col: 22, message: 'line 8: RULE_APPEND failed (Too many links): rule in chain KUBE-MARK-MASQ' }]);
    expect(r.ruleset.tables.get('nat')!.chains.get('KUBE-MARK-MASQ')!.rules).toEqual([]);
  });

  it('refuses -P DROP in the nat table and chain names of 29 characters, as iptables does', () => {
    const r = parseIptables('-P PREROUTING DROP\n-N A2345678901234567890123456789\n-N A234567890123456789012345678\n', { table: 'nat' });
    expect(r.errors.map((e) => e.message)).toEqual([
      'line 1: The "nat" table is not intended for filtering, the use of DROP is therefore inhibited.',
      'line 2: invalid chain name "A2345678901234567890123456789"',
    ]);
    expect([...r.ruleset.tables.get('nat')!.chains.keys()]).toContain('A234567890123456789012345678');
  });

  it('leaves out what matches everything, as iptables does: a /0 address, -p all, full tcp/udp port ranges', () => {
    expect(reprint(nat('-A KUBE-SVC-X -s 0.0.0.0/0 -d 1.2.3.4/0 -p all -j ACCEPT'))).toEqual(['-A KUBE-SVC-X -j ACCEPT']);
    expect(reprint(nat('-A KUBE-SVC-X -p udp --sport 0:65535 --dport 53 -j ACCEPT'))).toEqual(['-A KUBE-SVC-X -p udp -m udp --dport 53 -j ACCEPT']);
    expect(reprint(nat('-A KUBE-SVC-X -p tcp --tcp-flags NONE NONE -j ACCEPT'))).toEqual(['-A KUBE-SVC-X -p tcp -m tcp -j ACCEPT']);
    expect(reprint(nat('-A KUBE-SVC-X ! -s 0.0.0.0/0 -j ACCEPT'))).toEqual(['-A KUBE-SVC-X ! -s 0.0.0.0/0 -j ACCEPT']);
  });

  it('reads -S text with -P/-N lines for the table given', () => {
    const r = parseIptables('-P INPUT DROP\n-N KUBE-X\n-A INPUT -j KUBE-X\n', { table: 'filter' });
    expect(r.format).toBe('S');
    expect(printIptablesS(r.ruleset, 'filter')).toBe('-P INPUT DROP\n-P FORWARD ACCEPT\n-P OUTPUT ACCEPT\n-N KUBE-X\n-A INPUT -j KUBE-X\n');
  });
});

describe('properties', () => {
  it('parse(print(ruleset)) is the ruleset (iptables-save -c)', () => {
    fc.assert(
      fc.property(arbitraryRuleset(), (ruleset) => {
        const text = printIptablesSave(ruleset, { counters: true });
        const back = parseIptables(text);
        expect(back.errors).toEqual([]);
        expect(back.ruleset).toEqual(ruleset);
      }),
      { numRuns: 1000 },
    );
  });

  it('parse(print -S) is the table', () => {
    fc.assert(
      fc.property(arbitraryRuleset(['nat'], false), (ruleset) => {
        const back = parseIptables(printIptablesS(ruleset, 'nat'), { table: 'nat' });
        expect(back.errors).toEqual([]);
        expect(back.ruleset).toEqual(ruleset);
      }),
      { numRuns: 1000 },
    );
  });

  const OPTIONS = ['-A', '-P', '-N', '-s', '-d', '-p', 'tcp', '-m', 'comment', '--comment', '"x y"', '!', '-j', 'ACCEPT', 'KUBE-SVC-X', '--dport', '80', 'statistic', '--probability', '0.5', 'recent', '--set', 'mark', '--mark', '0x4000/0x4000', 'MARK', '--set-xmark', 'DNAT', '--to-destination', '1.2.3.4:80', '*nat', 'COMMIT', ':KUBE-SVC-X - [0:0]', '[1:2]', '"'];
  it('never throws on arbitrary text or on soups of real options', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.array(fc.array(fc.constantFrom(...OPTIONS), { maxLength: 12 }).map((t) => t.join(' ')), { maxLength: 8 }).map((l) => l.join('\n'))), (text) => {
        const r = parseIptables(text);
        expect(Array.isArray(r.errors)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('parseIptables size limit', () => {
  it('refuses pasted input above the limit with a located error, and lets a caller lift it', () => {
    const big = `*nat\n${'# filler comment line\n'.repeat(40)}COMMIT\n`;
    expect(parseIptables(big, { maxChars: 100 }).errors[0]).toMatchObject({ line: 1, col: 1, message: expect.stringMatching(/too large .* the limit is 100/) });
    expect(parseIptables(big, { maxChars: Number.POSITIVE_INFINITY }).errors).toEqual([]);
  });
});
