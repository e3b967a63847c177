/**
 * Why kube-proxy's nftables proxier writes each rule, element and set, in English and Korean: the
 * teaching words for the meanings the generator attaches (meaning.ts), in proxier.go's own terms. The
 * rules panel shows them when a line of `nft list ruleset` is hovered.
 */
import { withParticle } from '../../explain/particles';
import type { Words } from '../../netfilter/explain-tokens';
import type { NftElementRole, NftRuleMeaning, NftRuleRole } from './meaning';

/** `default/web:http` → `web:http`; other namespaces keep theirs. */
const short = (s: string | undefined): string => (s === undefined ? '?' : s.startsWith('default/') ? s.slice('default/'.length) : s);

export function nftRuleWords(m: NftRuleMeaning): Words {
  const svc = short(m.service);
  const ep = m.endpoint ?? '?';
  const words: Readonly<Record<NftRuleRole, Words>> = {
    'base-jump': { en: 'A base chain hands the packet to one of kube-proxy\'s helper chains (the base chains only hook in; the work is in the helpers).', ko: '베이스 체인이 kube-proxy의 도우미 체인으로 패킷을 넘깁니다(베이스 체인은 훅에 걸리기만 하고, 실제 일은 도우미 체인이 합니다).' },
    'masquerade-mark': { en: 'Marks the packet for masquerading: nat-postrouting → masquerading will rewrite its source.', ko: '패킷에 MASQUERADE 표시를 합니다. nat-postrouting → masquerading에서 출발지가 바뀝니다.' },
    'masquerade-skip-unmarked': { en: 'Packets without kube-proxy\'s masquerade bit leave masquerading untouched.', ko: 'kube-proxy의 MASQUERADE 비트가 없는 패킷은 손대지 않고 masquerading을 떠납니다.' },
    'masquerade-clear-mark': { en: 'Clears the masquerade bit so the mark does not follow the packet further (it could be re-masqueraded after encapsulation).', ko: 'MASQUERADE 비트를 지워 마크가 패킷을 계속 따라가지 않게 합니다(캡슐화 후 다시 MASQUERADE되는 것을 막음).' },
    masquerade: { en: 'Masquerades marked Service traffic: the source becomes this node\'s address, so replies come back through this node.', ko: '표시된 서비스 트래픽을 MASQUERADE합니다. 출발지가 이 노드의 주소가 되어 응답이 이 노드를 거쳐 돌아옵니다.' },
    'reject-invalid-port': { en: 'A ClusterIP on a port no Service has: rejected, so the client fails at once.', ko: '서비스에 없는 포트로 온 ClusterIP 트래픽은 거부(reject)해 클라이언트가 바로 실패합니다.' },
    'drop-unallocated-cluster-ip': { en: 'An address of the Service range that no Service has: dropped (nftables mode only; iptables mode sends it on unanswered).', ko: '서비스 대역에 있지만 어떤 서비스도 쓰지 않는 주소는 버립니다(nftables 모드만. iptables 모드는 응답 없이 내보냄).' },
    'firewall-lookup': { en: 'Destination . protocol . port looked up in @firewall-ips: load-balancer IPs with loadBalancerSourceRanges go to their firewall chain.', ko: '목적지 . 프로토콜 . 포트를 @firewall-ips에서 찾습니다. loadBalancerSourceRanges가 있는 로드밸런서 IP는 방화벽 체인으로 갑니다.' },
    'no-endpoints-lookup': { en: 'Looked up in the no-endpoint map: a Service without endpoints is rejected (or dropped for a Local policy) here, after DNAT would have happened.', ko: '엔드포인트 없음 맵에서 찾습니다. 엔드포인트가 없는 서비스는 여기서 거부됩니다(Local 정책이면 버림).' },
    reject: { en: 'The shared reject: the no-endpoint maps send here with goto.', ko: '공용 거부 체인: 엔드포인트 없음 맵이 goto로 이곳에 보냅니다.' },
    'service-lookup': { en: 'The heart of nftables mode: one lookup of destination . protocol . port in @service-ips finds the Service\'s chain, however many Services there are (iptables walks KUBE-SERVICES rule by rule).', ko: 'nftables 모드의 핵심: 목적지 . 프로토콜 . 포트를 @service-ips에서 한 번 조회해 서비스 체인을 찾습니다. 서비스가 몇 개든 조회는 한 번입니다(iptables는 KUBE-SERVICES를 규칙마다 훑음).' },
    'node-port-lookup': { en: 'For an address that takes NodePorts (@nodeport-ips): protocol . port looked up in @service-nodeports.', ko: 'NodePort를 받는 주소(@nodeport-ips)로 오면 프로토콜 . 포트를 @service-nodeports에서 찾습니다.' },
    'masquerade-off-cluster': { en: `${svc}: traffic to the ClusterIP from outside the pod network is marked for masquerading, so replies come back through this node.`, ko: `${svc}: 파드 네트워크 밖에서 ClusterIP로 온 트래픽에 MASQUERADE 표시를 해 응답이 이 노드를 거치게 합니다.` },
    'masquerade-all': { en: `${svc}: masqueradeAll: all traffic to the ClusterIP is marked for masquerading.`, ko: `${svc}: masqueradeAll: ClusterIP로 오는 모든 트래픽에 MASQUERADE 표시를 합니다.` },
    'external-masquerade': { en: `${svc}: external traffic (externalTrafficPolicy Cluster) is marked for masquerading.`, ko: `${svc}: 외부 트래픽(externalTrafficPolicy Cluster)에 MASQUERADE 표시를 합니다.` },
    'pod-traffic-short-circuit': { en: `${svc}: traffic from a pod of this cluster takes the cluster-wide endpoints (short-circuit).`, ko: `${svc}: 클러스터 파드에서 온 트래픽은 클러스터 전체 엔드포인트로 갑니다(short-circuit).` },
    'local-traffic-masquerade': { en: `${svc}: traffic from this node itself is marked for masquerading.`, ko: `${svc}: 이 노드 자신에서 온 트래픽에 MASQUERADE 표시를 합니다.` },
    'local-traffic-short-circuit': { en: `${svc}: traffic from this node itself takes the cluster-wide endpoints.`, ko: `${svc}: 이 노드 자신에서 온 트래픽은 클러스터 전체 엔드포인트로 갑니다.` },
    'jump-to-service-chain': { en: `${svc}: external traffic goes on to the endpoints chosen by the external traffic policy.`, ko: `${svc}: 외부 트래픽을 외부 트래픽 정책에 맞는 엔드포인트 체인으로 보냅니다.` },
    'source-range-drop': { en: `${svc}: sources outside loadBalancerSourceRanges are dropped.`, ko: `${svc}: loadBalancerSourceRanges 밖의 출발지는 버립니다.` },
    affinity: { en: `${svc}: sessionAffinity ClientIP: a client remembered in ${ep}'s affinity set goes straight back to it.`, ko: `${svc}: sessionAffinity ClientIP: ${ep}의 어피니티 집합에 기록된 클라이언트는 바로 그 엔드포인트로 갑니다.` },
    'endpoint-pick': { en: `${svc}: picks one of ${m.endpoints?.length ?? '?'} endpoints (${(m.endpoints ?? []).join(', ')}) with one numgen draw.`, ko: `${svc}: numgen 추첨 한 번으로 엔드포인트 ${m.endpoints?.length ?? '?'}개(${(m.endpoints ?? []).join(', ')}) 중 하나를 고릅니다.` },
    'hairpin-masquerade': { en: `${svc}: a packet from endpoint ${ep} to its own Service (hairpin) is marked for masquerading, or the pod would answer itself.`, ko: `${svc}: 엔드포인트 ${ep}에서 자기 서비스로 보낸 패킷(헤어핀)에 MASQUERADE 표시를 합니다. 그렇지 않으면 파드가 자기 자신에게 응답하게 됩니다.` },
    'affinity-update': { en: `${svc}: remembers the client for ${ep} (sessionAffinity).`, ko: `${svc}: 이 클라이언트를 ${ep}에 기록합니다(sessionAffinity).` },
    'endpoint-dnat': { en: `${svc}: DNAT to endpoint ${ep}.`, ko: `${svc}: 엔드포인트 ${withParticle(ep, '으로/로')} DNAT합니다.` },
  };
  return words[m.role];
}

export function nftElementWords(role: NftElementRole, service: string | undefined): Words {
  const svc = short(service);
  const words: Readonly<Record<NftElementRole, Words>> = {
    'active-cluster-ip': { en: `An active ClusterIP (${svc}): cluster-ips-check rejects it on a port no Service has.`, ko: `사용 중인 ClusterIP(${svc}): 서비스에 없는 포트로 오면 cluster-ips-check가 거부합니다.` },
    'node-port-address': { en: 'An address of this node that accepts NodePort traffic.', ko: 'NodePort 트래픽을 받는 이 노드의 주소입니다.' },
    'cluster-ip': { en: `${svc}'s cluster IP . protocol . port → its Service chain.`, ko: `${svc}의 cluster IP . 프로토콜 . 포트 → 서비스 체인.` },
    'external-ip': { en: `${svc}'s external IP . protocol . port → its external chain.`, ko: `${svc}의 external IP . 프로토콜 . 포트 → external 체인.` },
    'load-balancer-ip': { en: `${svc}'s load-balancer IP . protocol . port → its external chain.`, ko: `${svc}의 load-balancer IP . 프로토콜 . 포트 → external 체인.` },
    'node-port': { en: `${svc}'s protocol . node port → its external chain.`, ko: `${svc}의 프로토콜 . node port → external 체인.` },
    firewall: { en: `${svc}'s load-balancer IP → its firewall chain (loadBalancerSourceRanges).`, ko: `${svc}의 load-balancer IP → 방화벽 체인(loadBalancerSourceRanges).` },
    'no-endpoints': { en: `${svc} has no endpoints: goto reject-chain, the client is refused at once.`, ko: `${svc}에 엔드포인트가 없음: reject-chain으로 goto, 클라이언트는 바로 거부됩니다.` },
    'no-local-endpoints': { en: `${svc} has no endpoint on this node (traffic policy Local): dropped.`, ko: `${svc}에 이 노드의 엔드포인트가 없음(트래픽 정책 Local): 버립니다.` },
  };
  return words[role];
}

/** The sets and maps kube-proxy declares (proxier.go setupNFTables), and its per-endpoint affinity sets. */
export function nftSetWords(name: string): Words | undefined {
  const fixed: Readonly<Record<string, Words>> = {
    'cluster-ips': { en: 'Every active ClusterIP: cluster-ips-check tells a wrong port of a real ClusterIP (reject) from an address no Service has (drop).', ko: '사용 중인 모든 ClusterIP: cluster-ips-check가 실제 ClusterIP의 잘못된 포트(reject)와 어떤 서비스도 없는 주소(drop)를 구별하는 데 씁니다.' },
    'nodeport-ips': { en: 'The node\'s addresses that accept NodePort traffic (--nodeport-addresses; primary by default in nftables mode).', ko: 'NodePort 트래픽을 받는 노드 주소(--nodeport-addresses, nftables 모드 기본값은 primary).' },
    'service-ips': { en: 'The dispatch map: ClusterIP, external IP and load-balancer IP . protocol . port → the Service\'s chain. One lookup replaces iptables\' walk of KUBE-SERVICES.', ko: '분기 맵: ClusterIP, external IP, load-balancer IP . 프로토콜 . 포트 → 서비스 체인. 조회 한 번이 iptables의 KUBE-SERVICES 훑기를 대신합니다.' },
    'service-nodeports': { en: 'protocol . node port → the Service\'s external chain.', ko: '프로토콜 . node port → 서비스의 external 체인.' },
    'firewall-ips': { en: 'Load-balancer IPs with loadBalancerSourceRanges → their firewall chain, checked before DNAT.', ko: 'loadBalancerSourceRanges가 있는 로드밸런서 IP → 방화벽 체인. DNAT 전에 검사합니다.' },
    'no-endpoint-services': { en: 'Service IPs with no (local) endpoints → reject (goto reject-chain) or drop.', ko: '(로컬) 엔드포인트가 없는 서비스 IP → 거부(reject-chain으로 goto) 또는 버림.' },
    'no-endpoint-nodeports': { en: 'Node ports with no (local) endpoints → reject or drop.', ko: '(로컬) 엔드포인트가 없는 node port → 거부 또는 버림.' },
  };
  if (fixed[name]) return fixed[name];
  if (name.startsWith('affinity-')) return { en: 'Clients this endpoint has served, kept for the session affinity timeout (sessionAffinity ClientIP).', ko: '이 엔드포인트가 맡은 클라이언트를 세션 어피니티 타임아웃 동안 기억합니다(sessionAffinity ClientIP).' };
  return undefined;
}
