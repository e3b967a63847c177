import { describe, expect, it } from 'vitest';
import { chainGraph, type ChainGraph } from './chain-graph';
import { endpointRules } from './endpoint-rules';
import { parseIptables } from './parse';

/** kube-proxy's rules for one Service with three endpoints, the endpoint chains without comments (large-cluster mode). */
const SAVE = `*nat
:PREROUTING ACCEPT [0:0]
:KUBE-SERVICES - [0:0]
:KUBE-MARK-MASQ - [0:0]
:KUBE-SVC-AAAA - [0:0]
:KUBE-SEP-ONE - [0:0]
:KUBE-SEP-TWO - [0:0]
:KUBE-SEP-THREE - [0:0]
-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
-A KUBE-SERVICES -d 10.96.0.100/32 -p tcp -m comment --comment "default/web:http cluster IP" -m tcp --dport 80 -j KUBE-SVC-AAAA
-A KUBE-SVC-AAAA ! -s 10.244.0.0/16 -d 10.96.0.100/32 -p tcp -m comment --comment "default/web:http cluster IP" -m tcp --dport 80 -j KUBE-MARK-MASQ
-A KUBE-SVC-AAAA -m statistic --mode random --probability 0.33333333349 -j KUBE-SEP-THREE
-A KUBE-SVC-AAAA -m statistic --mode random --probability 0.50000000000 -j KUBE-SEP-ONE
-A KUBE-SVC-AAAA -j KUBE-SEP-TWO
-A KUBE-SEP-ONE -s 10.244.1.2/32 -j KUBE-MARK-MASQ
-A KUBE-SEP-ONE -p tcp -m tcp -j DNAT --to-destination 10.244.1.2:80
-A KUBE-SEP-TWO -s 10.244.2.2/32 -j KUBE-MARK-MASQ
-A KUBE-SEP-TWO -p tcp -m tcp -j DNAT --to-destination 10.244.2.2:80
-A KUBE-SEP-THREE -s 10.244.3.2/32 -j KUBE-MARK-MASQ
-A KUBE-SEP-THREE -p tcp -m tcp -j DNAT --to-destination 10.244.3.2:80
COMMIT
`;

function graph(): ChainGraph {
  const parsed = parseIptables(SAVE);
  if (parsed.errors.length > 0) throw new Error(parsed.errors.map((e) => e.message).join('; '));
  return chainGraph(parsed.ruleset, 'nat');
}

describe('chainGraph', () => {
  it('gives uncommented endpoint chains the Service of the chain that picks them', () => {
    const g = graph();
    for (const sep of ['KUBE-SEP-ONE', 'KUBE-SEP-TWO', 'KUBE-SEP-THREE']) expect(g.nodes.find((n) => n.chain === sep)?.service, sep).toBe('default/web:http');
    expect(g.nodes.find((n) => n.chain === 'KUBE-MARK-MASQ')?.service).toBeUndefined();
  });
});

describe('endpointRules', () => {
  it('numbers each endpoint by the 1-based rule of its Service chain that picks it, whatever the chains\' names', () => {
    const rules = endpointRules(graph());
    expect(Object.fromEntries([...rules].map(([c, r]) => [c, `${r.from} ${r.rule}`]))).toEqual({
      'KUBE-SEP-THREE': 'KUBE-SVC-AAAA 2',
      'KUBE-SEP-ONE': 'KUBE-SVC-AAAA 3',
      'KUBE-SEP-TWO': 'KUBE-SVC-AAAA 4',
    });
  });
});
