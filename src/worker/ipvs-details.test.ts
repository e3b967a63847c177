/**
 * The rules panel's hover in IPVS mode explains the rule the panel shows: the IPVS proxier's, at its own
 * position, with its own words (before, the iptables proxier's rule at the same index answered).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EngineSession } from './engine-session';

const lesson = readFileSync(join(import.meta.dirname, '../scenarios/lessons/21-ipvs-ping.yaml'), 'utf8');
const CP = 'myk8s-control-plane';

describe('rule details in IPVS mode', () => {
  const session = new EngineSession();
  session.load(lesson);
  const rules = (table: 'nat' | 'filter'): string[] => session.rules(CP, table, 'S').split('\n');

  it('KUBE-IPVS-FILTER’s REJECT: the rule the panel prints, and why it is there (the ping)', () => {
    const lines = rules('filter').filter((l) => l.startsWith('-A KUBE-IPVS-FILTER '));
    const index = lines.findIndex((l) => l.includes('REJECT'));
    expect(index).toBeGreaterThan(0);
    const d = session.ruleDetails(CP, 'filter', 'KUBE-IPVS-FILTER', index)!;
    expect(d.text).toBe(lines[index]);
    expect(d.explanation?.en).toContain('A ping to a ClusterIP ends here');
    expect(d.explanation?.ko).toContain('핑');
  });

  it('nat KUBE-SERVICES: every rule is the panel’s, the KUBE-CLUSTER-IP ACCEPT says IPVS DNATs at LOCAL_IN', () => {
    const lines = rules('nat').filter((l) => l.startsWith('-A KUBE-SERVICES '));
    lines.forEach((line, i) => expect(session.ruleDetails(CP, 'nat', 'KUBE-SERVICES', i)?.text).toBe(line));
    const accept = lines.findIndex((l) => l.includes('--match-set KUBE-CLUSTER-IP dst,dst -j ACCEPT'));
    expect(session.ruleDetails(CP, 'nat', 'KUBE-SERVICES', accept)?.explanation?.en).toContain('LOCAL_IN');
  });

  it('kindnet’s masq agent keeps its own words', () => {
    const d = session.ruleDetails(CP, 'nat', 'KIND-MASQ-AGENT', 0);
    expect(d?.explanation?.en.length).toBeGreaterThan(10);
    expect(d?.meaning?.role).toMatch(/kind-masq/);
  });
});
