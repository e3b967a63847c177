/**
 * The restore builder against the parser on the cases a trusted writer rarely meets: rules before their chain's
 * declaration, a chain written whole (openChain … closeChain), declarations repeated, and what COMMIT refuses
 * (a chain never declared, a jump to nowhere, a loop). Whole kube-proxy rulesets are checked in
 * src/test-support/direct-load.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { parseIptables } from './parse';
import { RestoreBuilder } from './restore-builder';

const NAT = ['nat'] as const;

describe('RestoreBuilder', () => {
  it('adopts rules appended before their chain is declared, keeps declaration order, and declares a chain once', () => {
    const b = new RestoreBuilder();
    expect(b.declare('nat', 'PREROUTING', 'ACCEPT')).toBe(true);
    expect(b.declare('nat', 'PREROUTING', 'ACCEPT')).toBe(false);
    b.append('nat', 'LATE', ['-j', 'RETURN']);
    expect(b.declare('nat', 'FIRST')).toBe(true);
    expect(b.declare('nat', 'LATE')).toBe(true);
    expect(b.declare('nat', 'FIRST')).toBe(false);
    b.append('nat', 'PREROUTING', ['-j', 'FIRST']);
    b.append('nat', 'FIRST', ['-j', 'LATE']);
    b.append('nat', 'LATE', ['-j', 'ACCEPT']);
    const text = [
      '*nat', ':PREROUTING ACCEPT [0:0]', ':INPUT ACCEPT [0:0]', ':OUTPUT ACCEPT [0:0]', ':POSTROUTING ACCEPT [0:0]', ':FIRST - [0:0]', ':LATE - [0:0]',
      '-A LATE -j RETURN', '-A PREROUTING -j FIRST', '-A FIRST -j LATE', '-A LATE -j ACCEPT', 'COMMIT', '',
    ].join('\n');
    const parsed = parseIptables(text);
    expect(parsed.errors).toEqual([]);
    expect(b.finish(NAT)).toEqual(parsed.ruleset);
  });

  it('writes a chain whole between openChain and closeChain, its rule list made to size', () => {
    const b = new RestoreBuilder();
    b.append('nat', 'OUTPUT', ['-j', 'KUBE-SEP-A']);
    expect(b.openChain('nat', 'KUBE-SEP-A')).toBe(true);
    b.append('nat', 'KUBE-SEP-A', ['-s', '10.0.0.1/32', '-j', 'MARK', '--set-xmark', '0x4000/0x4000']);
    b.append('nat', 'KUBE-SEP-A', ['-p', 'tcp', '-j', 'DNAT', '--to-destination', '10.0.0.1:80']);
    b.closeChain('nat');
    // Opening a chain that exists is a declaration that changes nothing.
    expect(b.openChain('nat', 'KUBE-SEP-A')).toBe(false);
    b.closeChain('nat');
    const ruleset = b.finish(NAT);
    const parsed = parseIptables(
      ['*nat', ':KUBE-SEP-A - [0:0]', '-A OUTPUT -j KUBE-SEP-A', '-A KUBE-SEP-A -s 10.0.0.1/32 -j MARK --set-xmark 0x4000/0x4000', '-A KUBE-SEP-A -p tcp -j DNAT --to-destination 10.0.0.1:80', 'COMMIT', ''].join('\n'),
    );
    expect(parsed.errors).toEqual([]);
    expect(ruleset).toEqual(parsed.ruleset);
    expect(ruleset.tables.get('nat')!.chains.get('KUBE-SEP-A')!.rules).toHaveLength(2);
  });

  it('refuses at COMMIT what iptables-restore refuses', () => {
    const never = new RestoreBuilder();
    never.append('nat', 'NOPE', ['-j', 'ACCEPT']);
    expect(() => never.finish(NAT)).toThrow('chain "NOPE" does not exist in table nat');

    const nowhere = new RestoreBuilder();
    nowhere.declare('nat', 'A');
    nowhere.append('nat', 'A', ['-j', 'B']);
    expect(() => nowhere.finish(NAT)).toThrow("-A A: Couldn't load target `B': No such file or directory");

    const loop = new RestoreBuilder();
    loop.declare('nat', 'A');
    loop.declare('nat', 'B');
    loop.append('nat', 'A', ['-j', 'B']);
    loop.append('nat', 'B', ['-j', 'A']);
    expect(() => loop.finish(NAT)).toThrow('Too many links');

    const open = new RestoreBuilder();
    open.openChain('nat', 'A');
    expect(() => open.finish(NAT)).toThrow('chain "A" was opened and never closed');
  });
});
