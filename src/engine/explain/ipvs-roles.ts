/**
 * Why kube-proxy's IPVS proxier writes each iptables rule, and what its virtual server did with a packet,
 * in English and Korean, from the roles the writer records (meaning.ts) and the IPVS hop's own facts:
 * - `ipvsRuleWords`: the whole sentence, for the rules panel's hover;
 * - `ipvsRuleReason`: the short clause the narration says when the rule matched (`{where}: {reason}, {action}`);
 * - `ipvsHopWords`: the virtual-server hop itself (scheduler, real server, persistence).
 * proxier.go's point, said where it matters: in IPVS mode no iptables rule DNATs; the rules mark, accept
 * and filter, and the virtual server rewrites the destination at LOCAL_IN (or LOCAL_OUT).
 */
import { particle, withParticle } from './particles';
import type { Sentence as Words } from './catalog';
import type { IpvsRuleMeaning, IpvsRuleRole } from './ipvs-meaning';

/** The virtual server as an IPVS hop gives it (node/hops.ts re-exports this: explain sits below node). */
export interface IpvsHopServer {
  readonly protocol: string;
  readonly address: string;
  readonly port: number;
  readonly scheduler: string;
  /** `-p TIMEOUT` (sessionAffinity ClientIP), in seconds. */
  readonly persistentTimeout?: number;
  /** Real servers of the virtual server when the packet came (weight 0 ones draining included). */
  readonly realServers: number;
}

/** `default/web:http` → `web`, as the rest of the narration names a Service; other namespaces keep theirs. */
const short = (s: string): string => {
  const name = s.split(':')[0] ?? s;
  return name.startsWith('default/') ? name.slice('default/'.length) : name;
};

/** What the narration knows of the packet when the rule matched. */
export interface IpvsPacketFacts {
  /** `ip:port` of the destination and source before the rule. */
  readonly dest: string;
  readonly src: string;
  readonly protocol: string;
  /** The Service port (`ns/name:port`) the packet's destination belongs to, when it is one. */
  readonly service?: string;
}

const ipOf = (addr: string): string => addr.slice(0, addr.lastIndexOf(':'));
const portOf = (addr: string): string => addr.slice(addr.lastIndexOf(':') + 1);

/** `svc-web's ClusterIP` / `svc-web의 ClusterIP`, or a Service's when the packet's Service is not known. */
function owned(kind: Words, service: string | undefined): Words {
  return service === undefined ? { en: `a Service's ${kind.en}`, ko: `서비스의 ${kind.ko}` } : { en: `${short(service)}'s ${kind.en}`, ko: `${short(service)}의 ${kind.ko}` };
}

/** The short clause for a matched rule. */
export function ipvsRuleReason(m: IpvsRuleMeaning, p: IpvsPacketFacts): Words {
  const set = m.set ?? '?';
  const dest = p.dest;
  const srcIp = ipOf(p.src);
  const dport = portOf(p.dest);
  const clusterIP = owned({ en: 'ClusterIP', ko: 'ClusterIP' }, p.service);
  const lbIP = owned({ en: 'load-balancer IP', ko: '로드밸런서 IP' }, p.service);
  const extIP = owned({ en: 'external IP', ko: '외부 IP' }, p.service);
  const nodePort = owned({ en: 'NodePort', ko: 'NodePort' }, p.service);
  // The address a Service set holds: named by the set it is in.
  const inSet = (w: Words): Words => ({ en: `${dest} is ${w.en} (in ${set})`, ko: `${withParticle(dest, '은/는')} ${set}에 있는 ${w.ko}이고` });
  const words: Readonly<Record<IpvsRuleRole, () => Words>> = {
    'jump-to-services': () => ({ en: 'every packet is checked against kube-proxy\'s `ipset` rules (in IPVS mode they mark and accept; none of them DNATs)', ko: '모든 패킷은 kube-proxy의 `ipset` 규칙과 비교됨(IPVS 모드의 규칙은 표시와 ACCEPT만 하고 DNAT는 하지 않음)' }),
    'jump-to-postrouting': () => ({ en: 'leaving packets pass kube-proxy\'s masquerade rules', ko: '나가는 패킷은 kube-proxy의 MASQUERADE 규칙을 거침' }),
    'jump-to-forward': () => ({ en: 'forwarded packets pass kube-proxy\'s forwarding rules', ko: '포워딩되는 패킷은 kube-proxy의 포워딩 규칙을 거침' }),
    'jump-to-health-check': () => ({ en: 'packets for this node pass the health-check node port rule', ko: '이 노드로 오는 패킷은 헬스 체크 노드 포트 규칙을 거침' }),
    'jump-to-proxy-firewall': () => ({ en: 'packets pass the loadBalancerSourceRanges firewall', ko: '패킷은 loadBalancerSourceRanges 방화벽을 거침' }),
    'jump-to-ipvs-filter': () => ({ en: 'packets for this node pass the IPVS access filter (a Service address answers only on its Service ports)', ko: '이 노드로 오는 패킷은 IPVS 접근 필터를 거침(서비스 주소는 서비스 포트로만 응답함)' }),
    'jump-to-ipvs-out-filter': () => ({ en: 'the node\'s own packets pass the IPVS output filter', ko: '노드 자신이 보내는 패킷은 IPVS 출력 필터를 거침' }),
    'jump-to-kubelet-firewall': () => ({ en: 'kubelet checks every packet', ko: 'kubelet이 모든 패킷을 검사' }),
    'block-localnet': () => ({ en: `${dest} is a localhost address reached from outside the node`, ko: `${withParticle(dest, '은/는')} 노드 밖에서 들어온 localhost 주소임` }),
    'localhost-return': () => ({ en: `the source ${srcIp} is localhost, which kube-proxy leaves alone`, ko: `출발지 ${withParticle(srcIp, '은/는')} localhost라 kube-proxy가 손대지 않음` }),
    'cluster-ip-masquerade-off-cluster': () => ({ en: `${dest} is ${clusterIP.en} (in ${set}) and the source ${srcIp} is outside the pod network`, ko: `${withParticle(dest, '은/는')} ${set}에 있는 ${clusterIP.ko}이고 출발지 ${withParticle(srcIp, '은/는')} 파드 네트워크 밖에 있음` }),
    'cluster-ip-masquerade-all': () => ({ en: `${dest} is ${clusterIP.en} (in ${set}) and masqueradeAll is on`, ko: `${withParticle(dest, '은/는')} ${set}에 있는 ${clusterIP.ko}이고 masqueradeAll이 켜져 있음` }),
    'cluster-ip-masquerade-vip-source': () => ({ en: `the source ${srcIp} is a Service address on kube-ipvs0 (kube-proxy has no local detector)`, ko: `출발지 ${withParticle(srcIp, '은/는')} kube-ipvs0의 서비스 주소임(kube-proxy에 로컬 판별 기준이 없음)` }),
    'load-balancer-jump': () => ({ en: `${dest} is ${lbIP.en} (in ${set})`, ko: `${withParticle(dest, '은/는')} ${set}에 있는 ${lbIP.ko}임` }),
    'external-ip-masquerade': () => ({ en: `${dest} is ${extIP.en} (in ${set})`, ko: `${withParticle(dest, '은/는')} ${set}에 있는 ${extIP.ko}임` }),
    'external-ip-accept-off-machine': () => ({ en: `${inSet(extIP).en} and the packet came from off this machine`, ko: `${inSet(extIP).ko} 패킷이 이 머신 밖에서 왔음` }),
    'external-ip-accept-local': () => ({ en: `${inSet(extIP).en}, an address of this node`, ko: `${inSet(extIP).ko} 이 노드의 주소임` }),
    'jump-to-node-port': () =>
      // ICMP has no port: the NodePort sets are asked all the same, and hold nothing for it.
      p.protocol === 'icmp'
        ? { en: `${ipOf(dest)} is an address of this node (kube-ipvs0 holds every Service IP too), so the packet is checked against the NodePort sets`, ko: `${withParticle(ipOf(dest), '은/는')} 이 노드의 주소라(kube-ipvs0가 모든 서비스 IP도 가짐) 패킷을 NodePort 집합과 비교함` }
        : { en: `${ipOf(dest)} is an address of this node (kube-ipvs0 holds every Service IP too), so port ${dport} is checked against the NodePort sets`, ko: `${withParticle(ipOf(dest), '은/는')} 이 노드의 주소라(kube-ipvs0가 모든 서비스 IP도 가짐) 포트 ${withParticle(dport, '이/가')} NodePort 집합에 있는지 확인함` },
    'accept-service': () =>
      set === 'KUBE-CLUSTER-IP'
        ? { en: `${dest} is ${clusterIP.en} (in ${set}); accepted so no later rule stops it, and the IPVS virtual server DNATs it at LOCAL_IN, not this rule`, ko: `${withParticle(dest, '은/는')} ${set}에 있는 ${clusterIP.ko}임. 뒤의 규칙이 막지 못하게 ACCEPT하고, DNAT는 이 규칙이 아니라 LOCAL_IN의 IPVS 가상 서버가 함` }
        : { en: `${dest} is ${lbIP.en} (in ${set}); accepted so no later rule stops it, and the IPVS virtual server DNATs it at LOCAL_IN`, ko: `${withParticle(dest, '은/는')} ${set}에 있는 ${lbIP.ko}임. 뒤의 규칙이 막지 못하게 ACCEPT하고, DNAT는 LOCAL_IN의 IPVS 가상 서버가 함` },
    'node-port-local-return': () => ({ en: `port ${dport} is ${nodePort.en} with externalTrafficPolicy Local (in ${set}): no masquerade, the client address is kept`, ko: `포트 ${withParticle(dport, '은/는')} externalTrafficPolicy: Local인 ${nodePort.ko}임(${set}). MASQUERADE하지 않아 클라이언트 주소가 유지됨` }),
    'node-port-masquerade': () => ({ en: `port ${dport} is ${nodePort.en} (in ${set}), so replies must come back through this node`, ko: `포트 ${withParticle(dport, '은/는')} ${set}에 있는 ${nodePort.ko}라 응답이 이 노드를 거쳐 돌아와야 함` }),
    'load-balancer-local-return': () => ({ en: `${dest} is ${lbIP.en} with externalTrafficPolicy Local (in ${set}): the client address is kept`, ko: `${withParticle(dest, '은/는')} externalTrafficPolicy: Local인 ${lbIP.ko}임(${set}). 클라이언트 주소가 유지됨` }),
    'load-balancer-masquerade': () => ({ en: 'load-balancer traffic with externalTrafficPolicy Cluster is marked for masquerading', ko: 'externalTrafficPolicy Cluster인 로드밸런서 트래픽은 MASQUERADE 표시를 받음' }),
    'loop-back-masquerade': () => ({ en: `${dest} with source ${srcIp} is in ${set}: a pod reaching itself through its Service (hairpin) is masqueraded, or it would answer itself`, ko: `출발지가 ${srcIp}인 ${withParticle(dest, '이/가')} ${set}에 있음. 자기 서비스를 거쳐 자신에게 온 파드 트래픽(헤어핀)은 MASQUERADE해야 파드가 자기 자신에게 응답하지 않음` }),
    'masquerade-skip-unmarked': () => ({ en: 'the packet does not carry kube-proxy\'s masquerade mark', ko: '패킷에 kube-proxy의 MASQUERADE 표시가 없음' }),
    'masquerade-clear-mark': () => ({ en: 'the mark is cleared so the packet is not masqueraded twice', ko: '두 번 MASQUERADE되지 않도록 표시를 지움' }),
    masquerade: () => ({ en: 'the packet carries kube-proxy\'s masquerade mark', ko: '패킷에 kube-proxy의 MASQUERADE 표시가 있음' }),
    'masquerade-mark': () => ({ en: 'kube-proxy marks the packet for masquerading', ko: 'kube-proxy가 패킷에 MASQUERADE 표시를 함' }),
    'forward-marked': () => ({ en: 'the packet carries kube-proxy\'s masquerade mark (Service traffic)', ko: '패킷에 kube-proxy의 MASQUERADE 표시가 있음(서비스 트래픽)' }),
    'forward-established': () => ({ en: 'the connection is already established', ko: '이미 성립된 연결임' }),
    'health-check-accept': () => ({ en: `port ${dport} is a health-check node port (in ${set})`, ko: `포트 ${withParticle(dport, '은/는')} 헬스 체크 노드 포트임(${set})` }),
    'source-ranges-jump': () => ({ en: `${dest} is ${lbIP.en} with loadBalancerSourceRanges (in ${set})`, ko: `${withParticle(dest, '은/는')} loadBalancerSourceRanges가 있는 ${lbIP.ko}임(${set})` }),
    'source-range-allowed': () => ({ en: `the source ${srcIp} is allowed for ${dest} (in ${set})`, ko: `출발지 ${withParticle(srcIp, '은/는')} ${dest}에 허용된 출발지임(${set})` }),
    'source-range-drop': () => ({ en: `the source ${srcIp} is outside loadBalancerSourceRanges`, ko: `출발지 ${withParticle(srcIp, '은/는')} loadBalancerSourceRanges 밖에 있음` }),
    'no-node-access-drop': () => ({ en: `the node's own connection to its load-balancer IP ${dest}, which loadBalancerSourceRanges leave out`, ko: `노드 자신이 loadBalancerSourceRanges에 들지 않는 로드밸런서 IP ${withParticle(dest, '으로/로')} 여는 연결임` }),
    'ipvs-filter-return': () =>
      set === 'KUBE-HEALTH-CHECK-NODE-PORT'
        ? { en: `port ${dport} is a health-check node port (in ${set}), so the filter lets it through`, ko: `포트 ${withParticle(dport, '은/는')} 헬스 체크 노드 포트(${set})라 필터를 통과함` }
        : { en: `${dest} is a Service address and port${p.service === undefined ? '' : ` (${short(p.service)})`} in ${set}, so the filter lets it through`, ko: `${withParticle(dest, '은/는')} ${set}에 있는 서비스 주소와 포트${p.service === undefined ? '' : `(${short(p.service)})`}라 필터를 통과함` },
    'ipvs-filter-reject': () => {
      const what = p.protocol === 'icmp' ? { en: 'ICMP', ko: 'ICMP' } : { en: `${p.protocol.toUpperCase()} port ${dport}`, ko: `${p.protocol.toUpperCase()} 포트 ${dport}` };
      return {
        en: `${ipOf(dest)} is on kube-ipvs0 (in ${set}) but no Service listens there for ${what.en}, and this is a new connection`,
        ko: `${withParticle(ipOf(dest), '은/는')} kube-ipvs0의 주소(${set})지만 ${what.ko}에는 서비스가 없고, 새 연결임`,
      };
    },
  };
  return words[m.role]();
}

/** The whole sentence for the rules panel's hover (plain text there: no backticks, which only the narration renders as code). */
export function ipvsRuleWords(m: IpvsRuleMeaning): Words {
  const set = m.set ?? '?';
  const words: Readonly<Record<IpvsRuleRole, Words>> = {
    'jump-to-services': { en: 'Every packet entering the node or sent by a local process goes through nat KUBE-SERVICES. In IPVS mode its rules only mark for masquerading and accept Service traffic; the IPVS virtual server does the DNAT later, at LOCAL_IN or LOCAL_OUT.', ko: '노드로 들어오는 패킷과 로컬 프로세스가 보내는 패킷은 모두 nat KUBE-SERVICES를 거칩니다. IPVS 모드에서 이 규칙들은 MASQUERADE 표시와 ACCEPT만 하고, DNAT는 나중에 LOCAL_IN이나 LOCAL_OUT에서 IPVS 가상 서버가 합니다.' },
    'jump-to-postrouting': { en: 'Leaving packets go through KUBE-POSTROUTING, which masquerades the ones kube-proxy marked and hairpin traffic.', ko: '나가는 패킷은 KUBE-POSTROUTING을 거칩니다. kube-proxy가 표시한 패킷과 헤어핀 트래픽을 MASQUERADE하는 곳입니다.' },
    'jump-to-forward': { en: 'Forwarded packets go through KUBE-FORWARD, which accepts Service traffic even when the FORWARD policy is DROP.', ko: '포워딩되는 패킷은 KUBE-FORWARD를 거칩니다. FORWARD 기본 정책이 DROP이어도 서비스 트래픽은 ACCEPT되도록 하기 위한 것입니다.' },
    'jump-to-health-check': { en: 'Packets for this node go through filter KUBE-NODE-PORT, which accepts the health-check node ports.', ko: '이 노드로 오는 패킷은 filter KUBE-NODE-PORT를 거칩니다. 헬스 체크 노드 포트를 ACCEPT하는 곳입니다.' },
    'jump-to-proxy-firewall': { en: 'Packets go through KUBE-PROXY-FIREWALL, which applies loadBalancerSourceRanges to load-balancer IPs.', ko: '패킷은 KUBE-PROXY-FIREWALL을 거칩니다. 로드밸런서 IP에 loadBalancerSourceRanges를 적용하는 곳입니다.' },
    'jump-to-ipvs-filter': { en: 'Packets for this node go through KUBE-IPVS-FILTER: kube-ipvs0 makes every Service IP an address of the node, so without it any port of the host would answer on a Service IP (kubernetes#72236).', ko: '이 노드로 오는 패킷은 KUBE-IPVS-FILTER를 거칩니다. kube-ipvs0 때문에 모든 서비스 IP가 노드의 주소가 되므로, 이 필터가 없으면 호스트의 어떤 포트든 서비스 IP로 응답하게 됩니다(kubernetes#72236).' },
    'jump-to-ipvs-out-filter': { en: 'The node\'s own packets go through KUBE-IPVS-OUT-FILTER, which keeps the node from its load-balancer IPs when loadBalancerSourceRanges leave it out.', ko: '노드 자신의 패킷은 KUBE-IPVS-OUT-FILTER를 거칩니다. loadBalancerSourceRanges에 노드가 없으면 노드가 로드밸런서 IP에 접근하지 못하게 합니다.' },
    'jump-to-kubelet-firewall': { en: 'kubelet sends every packet through KUBE-FIREWALL, which blocks connections to 127.0.0.0/8 that arrive from outside the node.', ko: 'kubelet이 모든 패킷을 KUBE-FIREWALL로 보냅니다. 노드 밖에서 127.0.0.0/8로 들어오는 연결을 막기 위한 것입니다.' },
    'block-localnet': { en: 'kubelet drops connections to 127.0.0.0/8 that come from outside the node (route_localnet would otherwise expose localhost services).', ko: 'kubelet이 노드 밖에서 127.0.0.0/8로 오는 연결을 버립니다(route_localnet 때문에 localhost 서비스가 노출되는 것을 막음).' },
    'localhost-return': { en: 'Connections from localhost are dismissed early: kube-proxy leaves them alone.', ko: 'localhost에서 온 연결은 일찍 돌려보냅니다. kube-proxy는 손대지 않습니다.' },
    'cluster-ip-masquerade-off-cluster': { en: `Traffic to a ClusterIP (${set}) from outside the pod network is marked for masquerading, so replies come back through this node.`, ko: `파드 네트워크 밖에서 ClusterIP(${set})로 온 트래픽에 MASQUERADE 표시를 해 응답이 이 노드를 거쳐 돌아오게 합니다.` },
    'cluster-ip-masquerade-all': { en: `masqueradeAll: every connection to a ClusterIP (${set}) is marked for masquerading.`, ko: `masqueradeAll: ClusterIP(${set})로 가는 모든 연결에 MASQUERADE 표시를 합니다.` },
    'cluster-ip-masquerade-vip-source': { en: `No local detector: the node's own traffic whose source is a Service IP (${set}, src,dst) is marked for masquerading.`, ko: `로컬 판별 기준이 없을 때: 출발지가 서비스 IP(${set}, src,dst)인 노드 자신의 트래픽에 MASQUERADE 표시를 합니다.` },
    'load-balancer-jump': { en: `Traffic to a load-balancer IP (${set}) goes to KUBE-LOAD-BALANCER, which decides on masquerading.`, ko: `로드밸런서 IP(${set})로 온 트래픽은 KUBE-LOAD-BALANCER로 가서 MASQUERADE 여부가 정해집니다.` },
    'external-ip-masquerade': { en: `Traffic to an external IP (${set}) is marked for masquerading.`, ko: `외부 IP(${set})로 온 트래픽에 MASQUERADE 표시를 합니다.` },
    'external-ip-accept-off-machine': { en: `Traffic to an external IP (${set}) from off this machine is accepted, so IPVS takes it.`, ko: `이 머신 밖에서 외부 IP(${set})로 온 트래픽을 ACCEPT해 IPVS가 받게 합니다.` },
    'external-ip-accept-local': { en: `Traffic to an external IP (${set}) that is an address of this node is accepted, so IPVS takes it.`, ko: `이 노드의 주소인 외부 IP(${set})로 온 트래픽을 ACCEPT해 IPVS가 받게 합니다.` },
    'jump-to-node-port': { en: 'Traffic addressed to this node (kube-ipvs0 makes every Service IP one of them) is checked against the NodePort sets in KUBE-NODE-PORT.', ko: '이 노드로 온 트래픽(kube-ipvs0 때문에 서비스 IP도 모두 노드 주소임)은 KUBE-NODE-PORT에서 NodePort 집합과 비교합니다.' },
    'accept-service': { en: `Traffic to an address and port in ${set} is accepted here, whatever rules other components add later; the IPVS virtual server does the DNAT at LOCAL_IN, not this rule.`, ko: `${set}에 있는 주소와 포트로 온 트래픽은 다른 구성 요소가 나중에 추가한 규칙과 상관없이 여기서 ACCEPT합니다. DNAT는 이 규칙이 아니라 LOCAL_IN의 IPVS 가상 서버가 합니다.` },
    'node-port-local-return': { en: `A NodePort with externalTrafficPolicy Local (${set}) returns unmarked: the client address is kept.`, ko: `externalTrafficPolicy: Local인 NodePort(${set})는 표시 없이 돌아갑니다. 클라이언트 주소가 유지됩니다.` },
    'node-port-masquerade': { en: `Traffic to a NodePort (${set}) is marked for masquerading, so replies come back through this node.`, ko: `NodePort(${set})로 온 트래픽에 MASQUERADE 표시를 해 응답이 이 노드를 거쳐 돌아오게 합니다.` },
    'load-balancer-local-return': { en: `A load-balancer IP with externalTrafficPolicy Local (${set}) returns unmarked: the client address is kept.`, ko: `externalTrafficPolicy: Local인 로드밸런서 IP(${set})는 표시 없이 돌아갑니다. 클라이언트 주소가 유지됩니다.` },
    'load-balancer-masquerade': { en: 'Other load-balancer traffic is marked for masquerading.', ko: '나머지 로드밸런서 트래픽에 MASQUERADE 표시를 합니다.' },
    'loop-back-masquerade': { en: `A pod that reaches itself through its Service (${set}: endpoint ip,port and the same ip as source) is masqueraded, or it would answer itself.`, ko: `자기 서비스를 거쳐 자신에게 온 파드 트래픽(${set}: 엔드포인트 ip,port와 같은 출발지 ip)을 MASQUERADE합니다. 그렇지 않으면 파드가 자기 자신에게 응답합니다.` },
    'masquerade-skip-unmarked': { en: 'Packets without kube-proxy\'s masquerade mark return untouched.', ko: 'kube-proxy의 MASQUERADE 표시가 없는 패킷은 그대로 돌아갑니다.' },
    'masquerade-clear-mark': { en: 'Clears the mark so a packet that re-traverses the stack is not masqueraded twice.', ko: '스택을 다시 지나는 패킷이 두 번 MASQUERADE되지 않도록 표시를 지웁니다.' },
    masquerade: { en: 'Masquerades marked Service traffic: the source becomes this node\'s address, so replies come back through this node.', ko: '표시된 서비스 트래픽을 MASQUERADE합니다. 출발지가 이 노드의 주소가 되어 응답이 이 노드를 거쳐 돌아옵니다.' },
    'masquerade-mark': { en: 'Marks the packet for masquerading: KUBE-POSTROUTING will rewrite its source.', ko: '패킷에 MASQUERADE 표시를 합니다. KUBE-POSTROUTING에서 출발지가 바뀝니다.' },
    'forward-marked': { en: 'Marked Service traffic is accepted in FORWARD.', ko: '표시된 서비스 트래픽을 FORWARD에서 ACCEPT합니다.' },
    'forward-established': { en: 'Packets of established connections are accepted in FORWARD.', ko: '성립된 연결의 패킷을 FORWARD에서 ACCEPT합니다.' },
    'health-check-accept': { en: `Health-check node ports (${set}) are accepted.`, ko: `헬스 체크 노드 포트(${set})를 ACCEPT합니다.` },
    'source-ranges-jump': { en: `A load-balancer IP with loadBalancerSourceRanges (${set}) goes to KUBE-SOURCE-RANGES-FIREWALL.`, ko: `loadBalancerSourceRanges가 있는 로드밸런서 IP(${set})는 KUBE-SOURCE-RANGES-FIREWALL로 갑니다.` },
    'source-range-allowed': { en: `An allowed source (${set}) returns and goes on.`, ko: `허용된 출발지(${set})는 돌아가서 계속 진행합니다.` },
    'source-range-drop': { en: 'Sources outside loadBalancerSourceRanges are dropped.', ko: 'loadBalancerSourceRanges 밖의 출발지는 버립니다.' },
    'no-node-access-drop': { en: 'The node may not reach this load-balancer IP: its sourceRanges leave the node out (for IPVS the node\'s connection has the LB IP as source and destination).', ko: '노드는 이 로드밸런서 IP에 접근할 수 없습니다. sourceRanges에 노드가 없습니다(IPVS에서는 노드의 연결이 LB IP를 출발지와 목적지로 가짐).' },
    'ipvs-filter-return': { en: `An address and port in ${set} is a real Service port: it may pass.`, ko: `${set}에 있는 주소와 포트는 실제 서비스 포트이므로 통과합니다.` },
    'ipvs-filter-reject': { en: `A new connection to an address on kube-ipvs0 (${set}) that is no Service port is rejected: a Service IP answers only on its Service ports. A ping to a ClusterIP ends here.`, ko: `kube-ipvs0의 주소(${set})로 오는 새 연결 중 서비스 포트가 아닌 것은 거부합니다. 서비스 IP는 서비스 포트로만 응답합니다. ClusterIP로 보낸 핑도 여기서 끝납니다.` },
  };
  return words[m.role];
}

const SCHEDULERS: Readonly<Record<string, Words>> = {
  rr: { en: 'round robin', ko: '라운드 로빈' },
  wrr: { en: 'weighted round robin', ko: '가중 라운드 로빈' },
  lc: { en: 'least connection', ko: '최소 연결' },
  wlc: { en: 'weighted least connection', ko: '가중 최소 연결' },
  lblc: { en: 'locality-based least connection', ko: '지역 기반 최소 연결' },
  lblcr: { en: 'locality-based least connection with replication', ko: '복제 지역 기반 최소 연결' },
  dh: { en: 'destination hashing', ko: '목적지 해싱' },
  sh: { en: 'source hashing', ko: '출발지 해싱' },
  sed: { en: 'shortest expected delay', ko: '최단 예상 지연' },
  nq: { en: 'never queue', ko: '대기열 없음' },
  mh: { en: 'maglev hashing', ko: '매글레브 해싱' },
};

/** What an IPVS hop carries: its action and the virtual server's facts. */
export interface IpvsHopFacts {
  readonly action: 'schedule' | 'connection' | 'reply' | 'no-destination';
  readonly hook: string;
  readonly vs: IpvsHopServer;
  readonly realServer?: string;
  readonly persistent?: boolean;
  /** `ip:port` before and after the rewrite. */
  readonly from: string;
  readonly to: string;
  readonly service?: string;
}

/** IPVS's hooks by the netfilter hook they sit on. */
const stageOf = (hook: string): string => (hook === 'INPUT' ? 'LOCAL_IN' : hook === 'OUTPUT' ? 'LOCAL_OUT' : hook);

export function ipvsHopWords(f: IpvsHopFacts): Words {
  const stage = stageOf(f.hook);
  const vs = `${f.vs.protocol} ${f.vs.address}:${f.vs.port}`;
  const svc = f.service === undefined ? { en: '', ko: '' } : { en: ` (${short(f.service)})`, ko: `(${short(f.service)})` };
  const rs = f.realServer ?? '?';
  const sched = SCHEDULERS[f.vs.scheduler] ?? { en: f.vs.scheduler, ko: f.vs.scheduler };
  switch (f.action) {
    case 'schedule':
      if (f.persistent)
        return {
          en: `IPVS at ${stage}: virtual server ${vs}${svc.en} is persistent (-p ${f.vs.persistentTimeout ?? '?'}, sessionAffinity ClientIP): this client's persistence template sends it back to ${rs}; the destination ${f.from} → ${f.to} (IPVS's own DNAT, masquerading forward)`,
          ko: `${stage}의 IPVS: 가상 서버 ${vs}${svc.ko}: 고정 연결 설정(-p ${f.vs.persistentTimeout ?? '?'}, sessionAffinity: ClientIP)이 있어 이 클라이언트의 고정 연결 템플릿이 ${withParticle(rs, '으로/로')} 다시 보냅니다. 목적지 ${f.from} → ${f.to}(IPVS 자체의 DNAT, 마스커레이딩 포워딩)`,
        };
      return {
        en: `IPVS at ${stage}: virtual server ${vs}${svc.en} has ${f.vs.realServers} real server${f.vs.realServers === 1 ? '' : 's'}; its scheduler \`${f.vs.scheduler}\` (${sched.en}) picks ${rs}${f.vs.persistentTimeout !== undefined ? ` and remembers it for this client (-p ${f.vs.persistentTimeout})` : ''}; the destination ${f.from} → ${f.to} (IPVS's own DNAT, masquerading forward)`,
        ko: `${stage}의 IPVS: 가상 서버 ${vs}${svc.ko}의 실제 서버 ${f.vs.realServers}개 중 ${sched.ko} 스케줄러 \`${f.vs.scheduler}\`${particle(f.vs.scheduler, '이/가')} ${withParticle(rs, '을/를')} 고릅니다${f.vs.persistentTimeout !== undefined ? `(이 클라이언트에 대해 -p ${f.vs.persistentTimeout}초 동안 기억)` : ''}. 목적지 ${f.from} → ${f.to}(IPVS 자체의 DNAT, 마스커레이딩 포워딩)`,
      };
    case 'connection':
      return {
        en: `IPVS at ${stage}: this flow already has an IPVS connection on ${vs}${svc.en} to ${rs}; the destination ${f.from} → ${f.to} again, no new scheduling`,
        ko: `${stage}의 IPVS: 이 흐름에는 이미 ${vs}${svc.ko}에서 ${rs}에 대한 IPVS 연결이 있어 새로 스케줄링하지 않습니다. 목적지 ${f.from} → ${f.to}`,
      };
    case 'reply':
      return {
        en: `IPVS at ${stage}: a reply from real server ${rs} of ${vs}${svc.en} leaves with the virtual address as its source: ${f.from} → ${f.to}`,
        ko: `${stage}의 IPVS: ${vs}${svc.ko}의 실제 서버 ${rs}에서 온 응답의 출발지를 가상 주소로 되돌립니다: ${f.from} → ${f.to}`,
      };
    case 'no-destination':
      return {
        en: `IPVS at ${stage}: virtual server ${vs}${svc.en} has no real server available, so IPVS answers ICMP port unreachable`,
        ko: `${stage}의 IPVS: 가상 서버 ${vs}${svc.ko}에 쓸 수 있는 실제 서버가 없어 IPVS가 ICMP 포트 도달 불가 메시지로 응답합니다`,
      };
  }
}
