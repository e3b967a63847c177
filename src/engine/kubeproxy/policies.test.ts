import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../cluster/load';
import { nodeRuleset } from './node-ruleset';
import { printIptablesS } from '../netfilter/print';

const text = readFileSync(join(import.meta.dirname, '__golden__/itp-etp-local-nodeport.yaml'), 'utf8');

describe('internalTrafficPolicy Local with externalTrafficPolicy Local', () => {
  const cluster = loadScenario(text).cluster!;
  it.each(['kind-worker', 'kind-worker2', 'kind-control-plane'])('%s gets rules iptables-restore accepts, with the cluster chain the short-circuit needs', (node) => {
    const { ruleset } = nodeRuleset(cluster, node);
    const nat = printIptablesS(ruleset, 'nat');
    const svc = /-N (KUBE-SVC-\S+)/.exec(nat.split('\n').filter((l) => l.includes('SVC-LOLE')).join('\n'))?.[1];
    expect(svc).toBe('KUBE-SVC-LOLE4ISW44XBNF3G');
    expect(nat).toContain(`-A KUBE-EXT-LOLE4ISW44XBNF3G -s 10.244.0.0/16 -m comment --comment "pod traffic for default/web external destinations" -j ${svc}`);
    // Only the node with the endpoint sends cluster-IP traffic to it (internalTrafficPolicy Local).
    const local = '-A KUBE-SERVICES -d 10.96.0.100/32 -p tcp -m comment --comment "default/web cluster IP" -m tcp --dport 80 -j KUBE-SVL-LOLE4ISW44XBNF3G';
    if (node === 'kind-worker') expect(nat).toContain(local);
    else expect(nat).not.toContain(local);
  });
});
