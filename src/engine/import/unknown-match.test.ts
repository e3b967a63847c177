import { describe, expect, it } from 'vitest';
import { importDump } from './import';
import { nodeSetup } from './node-setup';
import { traceDump } from './trace';
import type { RuleHop } from '../node/hops';

/**
 * A module the lab does not simulate (Cilium's `-m bpf`, `-m owner`) in an imported dump: the lab cannot
 * know what it decides, so it reads such a rule as not firing and says so (issue #17), instead of letting
 * a rule it cannot judge drop or redirect the packet.
 */
describe('unknown matches in an imported dump are treated as not matching', () => {
  const dump = importDump(
    [
      '*filter',
      ':INPUT ACCEPT [0:0]',
      ':FORWARD ACCEPT [0:0]',
      ':OUTPUT ACCEPT [0:0]',
      '-A INPUT -p tcp -m bpf --bytecode "1,6 0 0 0" -j DROP',
      '-A INPUT -p tcp -m owner --uid-owner 0 -j REJECT --reject-with tcp-reset',
      '-A INPUT -p tcp --dport 22 -j ACCEPT',
      'COMMIT',
    ].join('\n'),
  );
  const setup = nodeSetup(dump, { nodeIps: ['10.0.0.5'] });

  it('reports each such module with the issue\'s wording', () => {
    const bpf = dump.issues.find((i) => i.subject === '-m bpf')!;
    expect(bpf).toMatchObject({ kind: 'unknown-match', severity: 'warning', line: 5 });
    expect(bpf.message).toBe('this dump uses `-m bpf` (line 5); the lab treats it as not matching: results after it may differ from your node');
    expect(dump.issues.find((i) => i.subject === '-m owner')?.kind).toBe('unknown-match');
  });

  it('the packet walks past the bpf DROP and the owner REJECT to the rule after them', () => {
    const t = traceDump(dump, setup, { src: '10.0.0.9', dst: '10.0.0.5:22' });
    expect(t.outcome).toBe('delivered');
    const input = t.packets[0]!.hops.filter((h): h is RuleHop => h.kind === 'rule' && h.hook === 'INPUT');
    expect(input.map((h) => [h.ruleIndex, h.matched])).toEqual([
      [0, false],
      [1, false],
      [2, true],
    ]);
    expect(input[0]!.notes).toContain('-m bpf: not simulated (treated as not matching)');
    expect(t.packets[0]!.fate.kind).toBe('local');
  });
});
