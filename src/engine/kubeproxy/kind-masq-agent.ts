/**
 * What kindnet adds to a kind node's nat table beside kube-proxy: its masq agent (kindnet's `masq.go`, after
 * the ip-masq-agent), which MASQUERADEs pod traffic for anything outside the pod subnet. kube-proxy's jump to
 * KUBE-POSTROUTING is inserted (`-I`) and kindnet's is appended, so a node lists it second:
 *
 *   -A POSTROUTING -m addrtype ! --dst-type LOCAL -m comment --comment "kind-masq-agent: ensure nat POSTROUTING …" -j KIND-MASQ-AGENT
 *   -A KIND-MASQ-AGENT -d 10.10.0.0/16 -m comment --comment "kind-masq-agent: local traffic is not subject to MASQUERADE" -j RETURN
 *   -A KIND-MASQ-AGENT -m comment --comment "kind-masq-agent: outbound traffic is subject to MASQUERADE (must be last in chain)" -j MASQUERADE
 *
 * (a real node's `iptables -t nat -S`, test-vectors/seeds). Docker's embedded-DNS chains (DOCKER_OUTPUT,
 * DOCKER_POSTROUTING) are left out: their DNAT ports are random per container.
 */
import type { ClusterModel } from '../cluster/model';
import { nodeMeaning } from './meanings';
import type { GeneratedRule } from './types';

export const KIND_MASQ_AGENT = 'KIND-MASQ-AGENT';

const comment = (text: string): string => `-m comment --comment "${text}"`;

/** kindnet's rules for a kind cluster's node, as `-A` lines of the nat table with their meanings; none for other clusters. */
export function kindMasqAgentRules(cluster: Pick<ClusterModel, 'kindnet' | 'podSubnet'>): GeneratedRule[] {
  if (!cluster.kindnet) return [];
  const rule = (chain: string, index: number, args: string, meaning: GeneratedRule['meaning']): GeneratedRule => ({
    table: 'nat', chain, index, text: `-A ${chain} ${args}`, meaning, sources: [],
  });
  return [
    rule('POSTROUTING', -1, `-m addrtype ! --dst-type LOCAL ${comment('kind-masq-agent: ensure nat POSTROUTING directs all non-LOCAL destination traffic to our custom KIND-MASQ-AGENT chain')} -j ${KIND_MASQ_AGENT}`,
      nodeMeaning('jump-to-kind-masq-agent', 'kindMasq.jump')),
    rule(KIND_MASQ_AGENT, 0, `-d ${cluster.podSubnet} ${comment('kind-masq-agent: local traffic is not subject to MASQUERADE')} -j RETURN`,
      nodeMeaning('kind-masq-return', 'kindMasq.returnPodSubnet', { cidr: cluster.podSubnet })),
    rule(KIND_MASQ_AGENT, 1, `${comment('kind-masq-agent: outbound traffic is subject to MASQUERADE (must be last in chain)')} -j MASQUERADE`,
      nodeMeaning('kind-masq-masquerade', 'kindMasq.masquerade')),
  ];
}

/**
 * kube-proxy's restore text with kindnet's chain declared and its rules appended to the nat table (as
 * kindnet appends them after kube-proxy has run); each rule's `index` is set from the chain's length there.
 */
export function withKindRules(restoreText: string, kind: readonly GeneratedRule[]): { restoreText: string; rules: GeneratedRule[] } {
  if (kind.length === 0) return { restoreText, rules: [] };
  const nat = restoreText.indexOf('*nat\n');
  const commit = restoreText.indexOf('COMMIT\n', nat);
  if (nat < 0 || commit < 0) throw new Error('kube-proxy wrote no nat table');
  const natText = restoreText.slice(nat, commit);
  const count = (chain: string): number => natText.split('\n').filter((l) => l.startsWith(`-A ${chain} `)).length;
  const rules = kind.map((r) => (r.index >= 0 ? r : { ...r, index: count(r.chain) }));
  const declare = `:${KIND_MASQ_AGENT} - [0:0]\n`;
  const firstRule = natText.indexOf('\n-A ');
  const insertAt = firstRule < 0 ? commit : nat + firstRule + 1;
  const text = restoreText.slice(0, insertAt) + declare + restoreText.slice(insertAt, commit) + rules.map((r) => `${r.text}\n`).join('') + restoreText.slice(commit);
  return { restoreText: text, rules };
}
