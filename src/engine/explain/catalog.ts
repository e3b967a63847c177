/**
 * Every sentence that says why a kube-proxy (or kubelet) rule exists, English and Korean side by side,
 * keyed by explanation. The generator gives a key and its values with each rule (`RuleMeaning`); the
 * rules panel's hover shows `en`/`ko`, the packet narration the short `reason` clause (said when the
 * rule matched). Placeholders: `{name}`, or `{name:을/를}` for a Korean particle chosen by how the value
 * is read (`withParticle`), written straight after it.
 *
 * Values the narration adds to the rule's own: `{dest}` and `{src}` (the packet's destination and
 * source `ip:port` before the rule) and `{service}` shortened to the Service's name.
 */
import { withParticle, type ParticlePair } from './particles';

export type Lang = 'en' | 'ko';

/** One sentence in each language. */
export interface Sentence {
  readonly en: string;
  readonly ko: string;
}

export interface CatalogEntry extends Sentence {
  /** Why the rule matched, as a clause of the narration (`{where}: {reason}, {action}`); none when the action says it all. */
  readonly reason?: Sentence;
}

export const CATALOG = {
  // ── Node-wide jumps (proxier.go iptablesJumpChains; kubelet's KUBE-FIREWALL) ──
  'node.jumpProxyFirewall': {
    en: 'New connections are checked against loadBalancerSourceRanges first: KUBE-PROXY-FIREWALL drops load-balancer traffic from sources the service does not allow.',
    ko: '새 연결은 먼저 KUBE-PROXY-FIREWALL에서 loadBalancerSourceRanges 검사를 받습니다. 허용되지 않은 출발지에서 온 로드밸런서 트래픽은 여기서 DROP됩니다.',
    reason: { en: 'a new connection passes the load-balancer firewall', ko: '새 연결은 로드밸런서 방화벽 검사를 거침' },
  },
  'node.jumpHealthCheckNodePorts': {
    en: 'Packets for this node go through filter KUBE-NODEPORTS, which accepts the health-check node ports of externalTrafficPolicy Local services.',
    ko: '이 노드로 오는 패킷은 filter 테이블의 KUBE-NODEPORTS를 거칩니다. externalTrafficPolicy: Local 서비스의 헬스 체크 노드 포트를 ACCEPT하는 곳입니다.',
    reason: { en: 'packets for this node pass the health-check node ports', ko: '이 노드로 오는 패킷은 헬스 체크 노드 포트 검사를 거침' },
  },
  'node.jumpExternalServices': {
    en: 'New connections to external IPs, load-balancer IPs and NodePorts go through KUBE-EXTERNAL-SERVICES, which rejects or drops those with no usable endpoint.',
    ko: 'external IP, 로드밸런서 IP, NodePort로 오는 새 연결은 KUBE-EXTERNAL-SERVICES를 거칩니다. 쓸 수 있는 엔드포인트가 없으면 여기서 REJECT 또는 DROP됩니다.',
    reason: { en: 'a new connection passes the externally-visible service checks', ko: '새 연결은 외부 노출 서비스 검사를 거침' },
  },
  'node.jumpFilterServices': {
    en: 'New connections to a cluster IP go through filter KUBE-SERVICES, which rejects services that have no endpoints.',
    ko: '클러스터 IP로 가는 새 연결은 filter 테이블의 KUBE-SERVICES를 거칩니다. 엔드포인트가 없는 서비스는 여기서 REJECT됩니다.',
    reason: { en: 'a new connection passes the service checks', ko: '새 연결은 서비스 검사를 거침' },
  },
  'node.jumpKubeletFirewall': {
    en: 'kubelet sends every packet through KUBE-FIREWALL, which blocks connections to 127.0.0.0/8 that arrive from outside the node.',
    ko: 'kubelet이 모든 패킷을 KUBE-FIREWALL로 보냅니다. 노드 밖에서 127.0.0.0/8로 들어오는 연결을 막기 위한 것입니다.',
    reason: { en: 'kubelet checks every packet', ko: 'kubelet이 모든 패킷을 검사' },
  },
  'node.jumpForward': {
    en: 'Forwarded packets go through KUBE-FORWARD, which accepts service traffic even when the FORWARD policy is DROP.',
    ko: '포워딩되는 패킷은 KUBE-FORWARD를 거칩니다. FORWARD 기본 정책이 DROP이어도 서비스 트래픽은 ACCEPT되도록 하기 위한 것입니다.',
    reason: { en: 'forwarded packets pass kube-proxy\'s forwarding rules', ko: '포워딩되는 패킷은 kube-proxy의 포워딩 규칙을 거침' },
  },
  'node.jumpNatServices': {
    en: 'Every packet entering the node or sent by a local process is checked against the service rules in nat KUBE-SERVICES, where service IPs are DNATed to endpoints.',
    ko: '노드로 들어오는 패킷과 로컬 프로세스가 보내는 패킷은 모두 nat 테이블의 KUBE-SERVICES에서 서비스 규칙과 비교됩니다. 서비스 IP를 엔드포인트로 DNAT하는 곳입니다.',
    reason: { en: 'every packet is checked against the Service rules', ko: '모든 패킷은 서비스 규칙과 비교됨' },
  },
  'node.jumpPostrouting': {
    en: 'Leaving packets go through KUBE-POSTROUTING, which masquerades the ones kube-proxy marked for SNAT.',
    ko: '나가는 패킷은 KUBE-POSTROUTING을 거칩니다. kube-proxy가 SNAT 대상으로 표시한 패킷을 MASQUERADE하는 곳입니다.',
    reason: { en: 'leaving packets pass kube-proxy\'s postrouting rules', ko: '나가는 패킷은 kube-proxy의 POSTROUTING 규칙을 거침' },
  },
  'services.jumpNodePorts': {
    en: 'Anything not matched above that is addressed to one of this node\'s own addresses is checked for NodePorts (last rule, so service IPs win).',
    ko: '위 규칙에 걸리지 않았고 목적지가 이 노드 자신의 주소인 패킷은 NodePort인지 확인합니다. 서비스 IP 규칙이 먼저 적용되도록 항상 마지막 규칙입니다.',
    reason: { en: '{dest} is addressed to this node itself and no service IP matched', ko: '{dest:은/는} 이 노드 자신의 주소이고 서비스 IP 규칙에 걸리지 않음' },
  },
  'services.jumpNodePortsNoLocalhost': {
    en: 'Anything not matched above that is addressed to this node (except 127.0.0.0/8, as localhost NodePorts are off) is checked for NodePorts.',
    ko: '위 규칙에 걸리지 않았고 목적지가 이 노드인 패킷은 NodePort인지 확인합니다. localhost NodePort가 꺼져 있어 127.0.0.0/8은 제외합니다.',
    reason: { en: '{dest} is addressed to this node itself and no service IP matched', ko: '{dest:은/는} 이 노드 자신의 주소이고 서비스 IP 규칙에 걸리지 않음' },
  },
  'services.jumpNodePortsAddress': {
    en: 'nodePortAddresses limits NodePorts to some addresses: traffic to {ip} is checked for NodePorts (last rule, so service IPs win).',
    ko: 'nodePortAddresses로 NodePort를 받을 주소가 정해져 있습니다. {ip:으로/로} 오는 트래픽은 NodePort인지 확인합니다(서비스 IP 규칙이 먼저 적용되도록 마지막 규칙).',
    reason: { en: '{ip} takes NodePorts (nodePortAddresses) and no service IP matched', ko: '{ip:은/는} NodePort를 받는 주소(nodePortAddresses)이고 서비스 IP 규칙에 걸리지 않음' },
  },

  // ── KUBE-POSTROUTING, KUBE-MARK-MASQ, KUBE-FIREWALL, KUBE-FORWARD ──
  'postrouting.skipUnmarked': {
    en: 'Packets without the masquerade mark {mark} need no SNAT and return to POSTROUTING untouched.',
    ko: '마스커레이드 마크 {mark:이/가} 없는 패킷은 SNAT이 필요 없으므로 그대로 POSTROUTING으로 RETURN합니다.',
    reason: { en: 'the packet does not carry the masquerade mark {mark}', ko: '패킷에 마스커레이드 마크 {mark:이/가} 없음' },
  },
  'postrouting.clearMark': {
    en: 'The mark {mark} is cleared so the packet is not masqueraded again if it passes through the stack once more.',
    ko: '패킷이 네트워크 스택을 다시 지나가더라도 두 번 MASQUERADE되지 않도록 마크 {mark:을/를} 지웁니다.',
    reason: { en: 'the packet carries the masquerade mark, cleared before MASQUERADE', ko: '패킷에 마스커레이드 마크가 있어 MASQUERADE 전에 지움' },
  },
  'postrouting.masquerade': {
    en: 'Marked service traffic is source-NATed to the address of the interface it leaves by (MASQUERADE). --random-fully picks the source port at random, so concurrent connections on this node racing for the same source port do not clash.',
    ko: '마크된 서비스 트래픽은 나가는 인터페이스의 주소로 출발지 NAT(MASQUERADE)됩니다. --random-fully는 출발지 포트를 완전히 무작위로 골라, 이 노드에서 동시에 생긴 연결들이 같은 출발지 포트를 두고 경합하다 충돌하는 것을 막습니다.',
    reason: { en: 'kube-proxy marked this service traffic for SNAT', ko: 'kube-proxy가 이 서비스 트래픽을 SNAT 대상으로 표시함' },
  },
  'markMasq.setMark': {
    en: 'Jumping here sets the masquerade mark {mark}; KUBE-POSTROUTING will then MASQUERADE the packet.',
    ko: '여기로 점프하면 마스커레이드 마크 {mark:이/가} 붙고, 나중에 KUBE-POSTROUTING에서 MASQUERADE됩니다.',
    reason: { en: 'the packet is marked for masquerade', ko: '패킷에 마스커레이드 표시' },
  },
  'kubeletFirewall.blockLocalnet': {
    en: 'With route_localnet on (for localhost NodePorts), packets to 127.0.0.0/8 from other hosts could reach local services; new ones that were not DNATed are dropped (kubernetes issue 90259).',
    ko: 'localhost NodePort 때문에 route_localnet이 켜져 있어 다른 호스트가 127.0.0.0/8의 로컬 서비스에 닿을 수 있습니다. DNAT되지 않은 새 연결은 DROP합니다(kubernetes 이슈 90259).',
    reason: { en: '{dest} is a loopback address reached from outside the node', ko: '{dest:은/는} 노드 밖에서 들어온 루프백 주소' },
  },
  'forward.dropInvalid': {
    en: 'Packets conntrack considers INVALID (e.g. out-of-window TCP) are dropped and counted, instead of reaching a pod un-NATed and causing a connection reset.',
    ko: 'conntrack이 INVALID로 본 패킷(예: 윈도우 밖 TCP)은 nfacct로 세고 DROP합니다. NAT되지 않은 채 파드에 닿아 연결이 리셋되는 것을 막기 위한 것입니다.',
    reason: { en: 'conntrack classifies the packet INVALID', ko: 'conntrack이 패킷을 INVALID로 분류' },
  },
  'forward.acceptMarked': {
    en: 'Service traffic marked for masquerade ({mark}) is forwarded even when the FORWARD policy is DROP.',
    ko: '마스커레이드 마크({mark})가 붙은 서비스 트래픽은 FORWARD 기본 정책이 DROP이어도 포워딩됩니다.',
    reason: { en: 'the packet carries the masquerade mark {mark}', ko: '패킷에 마스커레이드 마크 {mark:이/가} 있음' },
  },
  // ── kind's masq agent (kindnet), not kube-proxy: pod traffic leaving the pod network takes the node's address ──
  'kindMasq.jump': {
    en: "kindnet's masq agent: every packet for an address that is not this node's own goes through KIND-MASQ-AGENT, which decides whether it leaves with the node's address.",
    ko: 'kindnet의 masq agent 규칙입니다. 이 노드 자신의 주소가 아닌 곳으로 가는 패킷은 모두 KIND-MASQ-AGENT를 거치며, 거기서 노드 주소로 나갈지가 정해집니다.',
    reason: { en: '{dest} is not an address of this node', ko: '{dest:은/는} 이 노드의 주소가 아님' },
  },
  'kindMasq.returnPodSubnet': {
    en: 'Traffic to the pod network ({cidr}) keeps its source: pods see each other by their own addresses.',
    ko: '파드 네트워크({cidr})로 가는 트래픽은 출발지를 그대로 둡니다. 파드끼리는 서로의 실제 주소를 봅니다.',
    reason: { en: '{dest} is inside the pod network', ko: '{dest:은/는} 파드 네트워크 안의 주소' },
  },
  'kindMasq.masquerade': {
    en: 'Everything else leaves with the address of the interface it goes out by (MASQUERADE): a pod reaching a node, the docker network or the internet is seen as its node.',
    ko: '그 밖의 트래픽은 나가는 인터페이스의 주소로 바뀝니다(MASQUERADE). 파드가 노드나 docker 네트워크, 인터넷에 닿으면 상대는 파드가 아니라 그 노드를 봅니다.',
    reason: { en: 'the packet leaves the pod network', ko: '패킷이 파드 네트워크 밖으로 나감' },
  },

  'forward.acceptEstablished': {
    en: 'Later packets of connections already accepted (RELATED,ESTABLISHED in conntrack) are forwarded too.',
    ko: '이미 허용된 연결의 이후 패킷(conntrack 상태 RELATED,ESTABLISHED)도 포워딩됩니다.',
    reason: { en: 'the packet belongs to a connection conntrack already knows (RELATED or ESTABLISHED)', ko: 'conntrack이 이미 아는 연결(RELATED 또는 ESTABLISHED)의 패킷' },
  },

  // ── A service port's entry rules (nat KUBE-SERVICES / KUBE-NODEPORTS, filter) ──
  'services.clusterIP': {
    en: 'Traffic to {service}\'s cluster IP {vip} jumps to its service chain {chain}.',
    ko: '{service}의 클러스터 IP {vip:으로/로} 가는 트래픽은 서비스 체인 {chain:으로/로} 점프합니다.',
    reason: { en: 'destination {dest} matches {service}\'s cluster IP', ko: '목적지 {dest} = {service}의 cluster IP' },
  },
  'services.clusterIPLocal': {
    en: 'Traffic to {service}\'s cluster IP {vip} jumps to {chain}, which holds only this node\'s endpoints (internalTrafficPolicy: Local).',
    ko: '{service}의 클러스터 IP {vip:으로/로} 가는 트래픽은 이 노드의 엔드포인트만 담은 {chain:으로/로} 점프합니다(internalTrafficPolicy: Local).',
    reason: { en: 'destination {dest} matches {service}\'s cluster IP (internalTrafficPolicy: Local)', ko: '목적지 {dest} = {service}의 cluster IP (internalTrafficPolicy: Local)' },
  },
  'services.noEndpoints': {
    en: '{service} has no usable endpoint, so new connections to its cluster IP {vip} are rejected (ICMP port unreachable) instead of hanging.',
    ko: '{service}에는 쓸 수 있는 엔드포인트가 없어, 클러스터 IP {vip:으로/로} 가는 새 연결은 기다리지 않고 REJECT(ICMP port unreachable)됩니다.',
    reason: { en: '{service} has no endpoints', ko: '{service}에 엔드포인트가 없음' },
  },
  'services.noLocalEndpoints': {
    en: '{service} has internalTrafficPolicy: Local but no endpoint on this node, so traffic to {vip} from here is dropped.',
    ko: '{service:은/는} internalTrafficPolicy: Local인데 이 노드에 엔드포인트가 없어, 이 노드에서 {vip:으로/로} 가는 트래픽은 DROP됩니다.',
    reason: { en: '{service} has no local endpoints on this node (internalTrafficPolicy: Local)', ko: '{service}: 이 노드에 로컬 엔드포인트가 없음 (internalTrafficPolicy: Local)' },
  },
  'services.externalIP': {
    en: 'Traffic to {service}\'s external IP {address} jumps to {chain}, the chain for traffic to external destinations.',
    ko: '{service}의 external IP {address:으로/로} 가는 트래픽은 외부 목적지용 체인 {chain:으로/로} 점프합니다.',
    reason: { en: 'destination {dest} is an external IP of {service}', ko: '목적지 {dest} = {service}의 external IP' },
  },
  'services.loadBalancerIP': {
    en: 'Traffic to {service}\'s load-balancer IP {address} jumps to {chain}, the chain for traffic to external destinations.',
    ko: '{service}의 로드밸런서 IP {address:으로/로} 가는 트래픽은 외부 목적지용 체인 {chain:으로/로} 점프합니다.',
    reason: { en: 'destination {dest} is {service}\'s load balancer IP', ko: '목적지 {dest} = {service}의 로드밸런서 IP' },
  },
  'services.loadBalancerIPFirewall': {
    en: 'Traffic to {service}\'s load-balancer IP {address} jumps to {chain}, which lets in only loadBalancerSourceRanges.',
    ko: '{service}의 로드밸런서 IP {address:으로/로} 가는 트래픽은 loadBalancerSourceRanges만 통과시키는 {chain:으로/로} 점프합니다.',
    reason: { en: 'destination {dest} is {service}\'s load balancer IP, guarded by loadBalancerSourceRanges', ko: '목적지 {dest} = {service}의 로드밸런서 IP (loadBalancerSourceRanges로 보호됨)' },
  },
  'externalServices.noEndpointsExternalIP': {
    en: '{service} has no usable endpoint, so new connections to external IP {address} are rejected.',
    ko: '{service}에는 쓸 수 있는 엔드포인트가 없어 external IP {address:으로/로} 오는 새 연결은 REJECT됩니다.',
    reason: { en: '{service} has no endpoints', ko: '{service}에 엔드포인트가 없음' },
  },
  'externalServices.noEndpointsLoadBalancerIP': {
    en: '{service} has no usable endpoint, so new connections to load-balancer IP {address} are rejected.',
    ko: '{service}에는 쓸 수 있는 엔드포인트가 없어 로드밸런서 IP {address:으로/로} 오는 새 연결은 REJECT됩니다.',
    reason: { en: '{service} has no endpoints', ko: '{service}에 엔드포인트가 없음' },
  },
  'externalServices.noEndpointsNodePort': {
    en: '{service} has no usable endpoint, so new connections to NodePort {nodePort}/{protocol} are rejected.',
    ko: '{service}에는 쓸 수 있는 엔드포인트가 없어 NodePort {nodePort}/{protocol:으로/로} 오는 새 연결은 REJECT됩니다.',
    reason: { en: '{service} has no endpoints', ko: '{service}에 엔드포인트가 없음' },
  },
  'externalServices.noLocalEndpointsExternalIP': {
    en: '{service} has externalTrafficPolicy: Local but no endpoint on this node, so outside traffic to external IP {address} that was not short-circuited by {chain} is dropped here.',
    ko: '{service:은/는} externalTrafficPolicy: Local인데 이 노드에 엔드포인트가 없습니다. {chain}에서 처리되지 않은, external IP {address:으로/로} 오는 외부 트래픽은 여기서 DROP됩니다.',
    reason: { en: '{service} has no local endpoints on this node', ko: '{service}: 이 노드에 로컬 엔드포인트가 없음' },
  },
  'externalServices.noLocalEndpointsLoadBalancerIP': {
    en: '{service} has externalTrafficPolicy: Local but no endpoint on this node, so outside traffic to load-balancer IP {address} that was not short-circuited by {chain} is dropped here (the load balancer\'s health check steers it to other nodes).',
    ko: '{service:은/는} externalTrafficPolicy: Local인데 이 노드에 엔드포인트가 없습니다. {chain}에서 처리되지 않은, 로드밸런서 IP {address:으로/로} 오는 외부 트래픽은 여기서 DROP됩니다(로드밸런서는 헬스 체크로 다른 노드를 고릅니다).',
    reason: { en: '{service} has no local endpoints on this node', ko: '{service}: 이 노드에 로컬 엔드포인트가 없음' },
  },
  'externalServices.noLocalEndpointsNodePort': {
    en: '{service} has externalTrafficPolicy: Local but no endpoint on this node, so outside traffic to NodePort {nodePort}/{protocol} that was not short-circuited by {chain} is dropped here (the load balancer\'s health check steers it to other nodes).',
    ko: '{service:은/는} externalTrafficPolicy: Local인데 이 노드에 엔드포인트가 없습니다. {chain}에서 처리되지 않은, NodePort {nodePort}/{protocol:으로/로} 오는 외부 트래픽은 여기서 DROP됩니다(로드밸런서는 헬스 체크로 다른 노드를 고릅니다).',
    reason: { en: '{service} has no local endpoints on this node', ko: '{service}: 이 노드에 로컬 엔드포인트가 없음' },
  },
  'proxyFirewall.drop': {
    en: 'Traffic to {address} that {chain} did not send on (its source is outside loadBalancerSourceRanges) was never DNATed, so it is dropped here.',
    ko: '{chain:이/가} 통과시키지 않은(출발지가 loadBalancerSourceRanges 밖인) {address} 트래픽은 DNAT되지 않은 채 남아 여기서 DROP됩니다.',
    reason: { en: '{dest} is still {service}\'s load balancer IP: {chain} did not let the source {src} through', ko: '{dest:은/는} 아직 {service}의 로드밸런서 IP: {chain:이/가} 출발지 {src:을/를} 통과시키지 않음' },
  },
  'nodePorts.localhost': {
    en: 'NodePort {nodePort}/{protocol} reached through localhost (127.0.0.0/8) is counted in the nfacct counter localhost_nps_accepted_pkts and sent to {chain}.',
    ko: 'localhost(127.0.0.0/8)로 들어온 NodePort {nodePort}/{protocol} 트래픽은 nfacct 카운터 localhost_nps_accepted_pkts에 집계되고 {chain:으로/로} 갑니다.',
    reason: { en: 'port {nodePort} on localhost is {service}\'s NodePort', ko: 'localhost의 포트 {nodePort} = {service}의 NodePort' },
  },
  'nodePorts.nodePort': {
    en: 'Traffic to NodePort {nodePort}/{protocol} on this node jumps to {chain}, the chain for traffic to external destinations of {service}.',
    ko: '이 노드의 NodePort {nodePort}/{protocol:으로/로} 오는 트래픽은 {service}의 외부 목적지용 체인 {chain:으로/로} 점프합니다.',
    reason: { en: 'port {nodePort} is {service}\'s NodePort', ko: '포트 {nodePort} = {service}의 NodePort' },
  },
  'nodePorts.healthCheck': {
    en: 'kube-proxy answers the load balancer\'s health checks for {service} on TCP port {port}; the port is accepted whether or not this node has local endpoints.',
    ko: 'kube-proxy는 {service}에 대한 로드밸런서 헬스 체크를 TCP {port} 포트에서 응답합니다. 이 노드에 로컬 엔드포인트가 있든 없든 이 포트는 ACCEPT됩니다.',
    reason: { en: 'port {port} is {service}\'s health-check node port', ko: '포트 {port} = {service}의 헬스 체크 노드 포트' },
  },

  // ── A service port's own chains: KUBE-SVC/SVL, KUBE-EXT, KUBE-FW, KUBE-SEP ──
  'svc.masqueradeAll': {
    en: 'masqueradeAll is on: every connection to {vip} is marked for SNAT, so endpoints always see a node address as the source.',
    ko: 'masqueradeAll이 켜져 있어 {vip:으로/로} 가는 모든 연결에 SNAT 마크를 붙입니다. 엔드포인트에는 항상 노드 주소가 출발지로 보입니다.',
    reason: { en: 'masqueradeAll is on', ko: 'masqueradeAll이 켜져 있음' },
  },
  'svc.masqueradeOffClusterCidr': {
    en: 'Traffic to {vip} that is not from the pod network {cidr} (e.g. from a node or outside the cluster) is marked for SNAT, so the endpoint\'s reply comes back through this node.',
    ko: '파드 네트워크 {cidr}에서 온 트래픽이 아닌(노드나 클러스터 밖에서 온) {vip} 트래픽에는 SNAT 마크를 붙여, 엔드포인트의 응답이 이 노드를 거쳐 돌아오게 합니다.',
    reason: { en: 'the source {src} is outside the pod network {cidr}', ko: '출발지 {src:이/가} 파드 네트워크 {cidr} 밖에 있음' },
  },
  'svc.masqueradeOffClusterInterface': {
    en: 'Traffic to {vip} that is not arriving on interface {interface} (e.g. from a node or outside the cluster) is marked for SNAT, so the endpoint\'s reply comes back through this node.',
    ko: '인터페이스 {interface:으로/로} 들어온 트래픽이 아닌(노드나 클러스터 밖에서 온) {vip} 트래픽에는 SNAT 마크를 붙여, 엔드포인트의 응답이 이 노드를 거쳐 돌아오게 합니다.',
    reason: { en: 'the packet did not arrive on a pod interface ({interface})', ko: '패킷이 파드 인터페이스({interface})로 들어오지 않음' },
  },
  'ext.masquerade': {
    en: 'External traffic to {service} may be sent to an endpoint on another node (externalTrafficPolicy: Cluster), so it is marked for SNAT to make replies return through this node.',
    ko: '{service:으로/로} 오는 외부 트래픽은 다른 노드의 엔드포인트로 갈 수 있으므로(externalTrafficPolicy: Cluster) SNAT 마크를 붙여 응답이 이 노드를 거쳐 돌아오게 합니다.',
    reason: { en: 'external traffic to {service} may go to another node (externalTrafficPolicy: Cluster)', ko: '{service:으로/로} 오는 외부 트래픽은 다른 노드로 갈 수 있음 (externalTrafficPolicy: Cluster)' },
  },
  'ext.podTrafficCidr': {
    en: 'Pod traffic from the pod network {cidr} to {service}\'s external addresses is short-circuited to {chain}, using every endpoint, as if it had gone out to the load balancer and back.',
    ko: '파드 네트워크 {cidr}에서 온 파드 트래픽이 {service}의 외부 주소로 가면, 로드밸런서를 다녀온 것처럼 모든 엔드포인트를 쓰는 {chain:으로/로} 바로 보냅니다.',
    reason: { en: 'the source {src} is a pod (in {cidr}), so externalTrafficPolicy does not apply', ko: '출발지 {src:이/가} 파드({cidr} 안)라서 externalTrafficPolicy가 적용되지 않음' },
  },
  'ext.podTrafficInterface': {
    en: 'Pod traffic arriving on interface {interface} to {service}\'s external addresses is short-circuited to {chain}, using every endpoint, as if it had gone out to the load balancer and back.',
    ko: '인터페이스 {interface:으로/로} 들어온 파드 트래픽이 {service}의 외부 주소로 가면, 로드밸런서를 다녀온 것처럼 모든 엔드포인트를 쓰는 {chain:으로/로} 바로 보냅니다.',
    reason: { en: 'the packet came from a pod (interface {interface}), so externalTrafficPolicy does not apply', ko: '패킷이 파드(인터페이스 {interface})에서 와서 externalTrafficPolicy가 적용되지 않음' },
  },
  'ext.masqueradeLocal': {
    en: 'Traffic from this node itself to {service}\'s external addresses is marked for SNAT: its source is a local address the endpoint could not answer directly.',
    ko: '이 노드 자신이 {service}의 외부 주소로 보내는 트래픽에는 SNAT 마크를 붙입니다. 출발지가 로컬 주소라 엔드포인트가 직접 응답할 수 없기 때문입니다.',
    reason: { en: 'the source {src} is this node\'s own address', ko: '출발지 {src:이/가} 이 노드 자신의 주소' },
  },
  'ext.routeLocal': {
    en: 'Traffic from this node itself to {service}\'s external addresses goes to {chain}, using every endpoint, despite externalTrafficPolicy: Local.',
    ko: '이 노드 자신이 {service}의 외부 주소로 보내는 트래픽은 externalTrafficPolicy: Local이어도 모든 엔드포인트를 쓰는 {chain:으로/로} 갑니다.',
    reason: { en: 'the source {src} is this node\'s own address, so every endpoint may serve it', ko: '출발지 {src:이/가} 이 노드 자신의 주소라 모든 엔드포인트를 쓸 수 있음' },
  },
  'ext.toLocalPolicy': {
    en: 'Other external traffic goes to {chain}, only this node\'s endpoints, keeping the client\'s source IP (externalTrafficPolicy: Local).',
    ko: '나머지 외부 트래픽은 이 노드의 엔드포인트만 담은 {chain:으로/로} 가며 클라이언트 출발지 IP가 유지됩니다(externalTrafficPolicy: Local).',
    reason: { en: 'externalTrafficPolicy: Local keeps external traffic on this node\'s endpoints', ko: 'externalTrafficPolicy: Local이라 외부 트래픽은 이 노드의 엔드포인트로만 감' },
  },
  'ext.toClusterPolicy': {
    en: 'External traffic then goes to the service chain {chain}.',
    ko: '그다음 외부 트래픽은 서비스 체인 {chain:으로/로} 갑니다.',
  },
  'fw.allowRange': {
    en: 'Load-balancer traffic from {range}, an allowed source range, continues to {chain}.',
    ko: '허용된 출발지 범위 {range}에서 온 로드밸런서 트래픽은 {chain:으로/로} 계속 갑니다.',
    reason: { en: 'the source {src} is in the allowed range {range}', ko: '출발지 {src:이/가} 허용 범위 {range} 안에 있음' },
  },
  'fw.allowLoadBalancerIP': {
    en: 'This node\'s IP is in loadBalancerSourceRanges, so traffic looping back from the load-balancer IP {ip} itself is allowed too.',
    ko: '이 노드의 IP가 loadBalancerSourceRanges 안에 있으므로, 로드밸런서 IP {ip} 자신에게서 되돌아온 트래픽도 허용합니다.',
    reason: { en: 'the source is the load-balancer IP {ip} itself, looping back on this node', ko: '출발지가 이 노드로 되돌아온 로드밸런서 IP {ip} 자신' },
  },
  'fw.other': {
    en: 'A rule without a target: traffic from other sources leaves this chain un-DNATed and is dropped later by filter KUBE-PROXY-FIREWALL.',
    ko: '타깃이 없는 규칙입니다. 다른 출발지의 트래픽은 DNAT되지 않은 채 이 체인을 빠져나가 filter 테이블의 KUBE-PROXY-FIREWALL에서 DROP됩니다.',
    reason: { en: 'the source {src} is in none of loadBalancerSourceRanges', ko: '출발지 {src:이/가} loadBalancerSourceRanges 어디에도 없음' },
  },
  'svc.affinity': {
    en: 'sessionAffinity: ClientIP — a client seen going to {endpoint} in the last {seconds}s (recent list {list}) goes there again.',
    ko: 'sessionAffinity: ClientIP — 최근 {seconds}초 안에 {endpoint:으로/로} 간 클라이언트(recent 목록 {list})는 다시 같은 곳으로 갑니다.',
    reason: { en: 'the client went to {endpoint} within the last {seconds}s (sessionAffinity: ClientIP)', ko: '클라이언트가 최근 {seconds}초 안에 {endpoint:으로/로} 갔음 (sessionAffinity: ClientIP)' },
  },
  'svc.pick': {
    en: 'Picks endpoint {endpoint} with probability 1/{left} of the connections still unassigned, so each of the {total} endpoints gets 1/{total} overall.',
    ko: '아직 배정되지 않은 연결 중 1/{left} 확률로 엔드포인트 {endpoint:을/를} 고릅니다. 결과적으로 {total}개 엔드포인트가 각각 1/{total}씩 받습니다.',
    reason: { en: 'the random draw picks endpoint {endpoint} (probability 1/{left})', ko: '무작위 추첨으로 엔드포인트 {endpoint} 선택 (확률 1/{left})' },
  },
  'svc.onlyEndpoint': {
    en: 'The only endpoint {endpoint} takes all traffic.',
    ko: '엔드포인트가 {endpoint} 하나뿐이라 모든 트래픽이 그리로 갑니다.',
    reason: { en: '{endpoint} is the only endpoint', ko: '엔드포인트는 {endpoint} 하나뿐' },
  },
  'svc.lastEndpoint': {
    en: 'The last endpoint {endpoint} takes whatever the rules above did not pick (no probability needed).',
    ko: '마지막 엔드포인트 {endpoint:은/는} 위 규칙들이 고르지 않은 나머지를 모두 받습니다(확률 조건 없음).',
    reason: { en: 'every packet the earlier draws passed over goes to the last endpoint, {endpoint}', ko: '앞선 추첨에서 뽑히지 않은 패킷은 모두 마지막 엔드포인트 {endpoint:으로/로} 감' },
  },
  'sep.hairpin': {
    en: 'Hairpin: if the endpoint {endpointIP} connects to its own service and is picked, the connection is marked for SNAT so the pod does not receive a packet from itself.',
    ko: '헤어핀: 엔드포인트 {endpointIP:이/가} 자기 서비스에 접속했다가 자신이 선택되면 SNAT 마크를 붙입니다. 파드가 자기 주소에서 온 패킷을 받지 않게 하기 위한 것입니다.',
    reason: { en: 'hairpin: the source {src} is the endpoint itself', ko: '헤어핀: 출발지 {src:이/가} 엔드포인트 자신' },
  },
  'sep.dnat': {
    en: 'DNAT: the destination becomes the endpoint {endpoint}; conntrack remembers it and rewrites the replies back.',
    ko: 'DNAT: 목적지를 엔드포인트 {endpoint:으로/로} 바꿉니다. conntrack이 이를 기억해 응답 패킷을 되돌려 바꿉니다.',
  },
  'sep.dnatAffinity': {
    en: 'DNAT to the endpoint {endpoint}, recording the client\'s address in the recent list {list} for session affinity.',
    ko: '엔드포인트 {endpoint:으로/로} DNAT하고, 세션 어피니티를 위해 클라이언트 주소를 recent 목록 {list}에 기록합니다.',
    reason: { en: 'the client is recorded in {list} for session affinity', ko: '세션 어피니티를 위해 클라이언트를 {list}에 기록' },
  },
} as const satisfies Readonly<Record<string, CatalogEntry>>;

export type ExplanationKey = keyof typeof CATALOG;

const PLACEHOLDER = /\{([A-Za-z]+)(?::([^}]+))?\}/g;

/** The placeholder names of a template, in order of first appearance. */
export function placeholders(template: string): string[] {
  const names: string[] = [];
  for (const m of template.matchAll(PLACEHOLDER)) if (!names.includes(m[1]!)) names.push(m[1]!);
  return names;
}

/**
 * A template with its values in place; `{name:을/를}` attaches the particle that fits the value. A value
 * that is missing stays visible as `{name}` (a test keeps every rule's values complete).
 */
export function fill(template: string, params: Readonly<Record<string, string | number>>): string {
  return template.replace(PLACEHOLDER, (whole, name: string, pair: string | undefined) => {
    const value = params[name];
    if (value === undefined) return whole;
    const text = String(value);
    return pair === undefined ? text : withParticle(text, pair as ParticlePair);
  });
}

/** Why the rule exists, in `lang`. */
export function explain(key: ExplanationKey, params: Readonly<Record<string, string | number>>, lang: Lang): string {
  return fill(CATALOG[key][lang], params);
}

/** The narration's clause for a matched rule, in `lang`; undefined when the key has none. */
export function reason(key: ExplanationKey, params: Readonly<Record<string, string | number>>, lang: Lang): string | undefined {
  const entry: CatalogEntry = CATALOG[key];
  return entry.reason === undefined ? undefined : fill(entry.reason[lang], params);
}
