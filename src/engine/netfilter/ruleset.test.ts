import { describe, expect, it } from 'vitest';
import { appendRule, emptyRuleset, ensureChain, ensureTable, makeRule, setPolicy } from './ruleset';
import { parseIptables } from './parse';
import { printIptablesSave } from './print';
import { parseCidr } from '../ipv4';

describe('building a ruleset by hand', () => {
  it('prints exactly as the same rules parsed from iptables-save text', () => {
    const built = emptyRuleset();
    const nat = ensureTable(built, 'nat');
    ensureChain(nat, 'KUBE-SERVICES');
    appendRule(nat, 'PREROUTING', makeRule({ target: { kind: 'jump', chain: 'KUBE-SERVICES' } }));
    appendRule(nat, 'KUBE-SERVICES', makeRule({ ip: { destination: { value: parseCidr('10.96.0.1')!, invert: false } }, target: { kind: 'RETURN' } }));
    const filter = ensureTable(built, 'filter');
    expect(setPolicy(filter, 'FORWARD', 'DROP')).toBe(true);
    expect(setPolicy(nat, 'KUBE-SERVICES', 'DROP')).toBe(false);

    const text = printIptablesSave(built);
    expect(text).toBe(
      [
        '*nat',
        ':PREROUTING ACCEPT [0:0]',
        ':INPUT ACCEPT [0:0]',
        ':OUTPUT ACCEPT [0:0]',
        ':POSTROUTING ACCEPT [0:0]',
        ':KUBE-SERVICES - [0:0]',
        '-A PREROUTING -j KUBE-SERVICES',
        '-A KUBE-SERVICES -d 10.96.0.1/32 -j RETURN',
        'COMMIT',
        '*filter',
        ':INPUT ACCEPT [0:0]',
        ':FORWARD DROP [0:0]',
        ':OUTPUT ACCEPT [0:0]',
        'COMMIT',
        '',
      ].join('\n'),
    );
    expect(parseIptables(text).ruleset).toEqual(built);
  });

  it('ensureTable and ensureChain return what exists instead of replacing it', () => {
    const r = emptyRuleset();
    const t = ensureTable(r, 'raw');
    const c = ensureChain(t, 'X');
    expect(ensureTable(r, 'raw')).toBe(t);
    expect(ensureChain(t, 'X')).toBe(c);
    expect(ensureChain(t, 'PREROUTING').policy).toBe('ACCEPT');
  });
});
