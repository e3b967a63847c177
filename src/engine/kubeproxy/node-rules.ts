/**
 * The node-wide rules: the jumps from the built-in chains kube-proxy ensures with `iptables -I`
 * (proxier.go `iptablesJumpChains`, each prepended, so the last ensured comes first; kubelet's
 * KUBE-FIREWALL jumps were there before kube-proxy started and stay last), KUBE-POSTROUTING,
 * KUBE-MARK-MASQ, kubelet's KUBE-FIREWALL (pkg/kubelet/kubelet_network_linux.go), KUBE-FORWARD and
 * the final jump to KUBE-NODEPORTS.
 */
import type { SourceRef } from '../cluster/model';
import type { NodePortAddresses } from './node-port-addresses';
import type { RuleBuffer } from './rule-buffer';

const NEW = ['-m', 'conntrack', '--ctstate', 'NEW'];
const comment = (text: string): string[] => ['-m', 'comment', '--comment', text.includes(' ') ? `"${text}"` : text];

/** Built-in chains and kube-proxy's top-level chains, declared in the order kube-proxy writes them. */
export function declareTopLevelChains(buf: RuleBuffer): void {
  for (const c of ['INPUT', 'FORWARD', 'OUTPUT']) buf.declare('filter', c, 'ACCEPT');
  for (const c of ['KUBE-SERVICES', 'KUBE-EXTERNAL-SERVICES', 'KUBE-FORWARD', 'KUBE-NODEPORTS', 'KUBE-PROXY-FIREWALL', 'KUBE-FIREWALL']) buf.declare('filter', c);
  for (const c of ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING']) buf.declare('nat', c, 'ACCEPT');
  for (const c of ['KUBE-SERVICES', 'KUBE-NODEPORTS', 'KUBE-POSTROUTING', 'KUBE-MARK-MASQ']) buf.declare('nat', c);
}

/** The jumps from INPUT/FORWARD/OUTPUT/PREROUTING/POSTROUTING, in the order `iptables-save` shows them. */
export function writeBuiltinJumps(buf: RuleBuffer): void {
  const fw = [...NEW, ...comment('kubernetes load balancer firewall'), '-j', 'KUBE-PROXY-FIREWALL'];
  const fwWhy = {
    en: 'New connections are checked against loadBalancerSourceRanges first: KUBE-PROXY-FIREWALL drops load-balancer traffic from sources the service does not allow.',
    ko: '새 연결은 먼저 KUBE-PROXY-FIREWALL에서 loadBalancerSourceRanges 검사를 받습니다. 허용되지 않은 출발지에서 온 로드밸런서 트래픽은 여기서 DROP됩니다.',
  };
  const ext = [...NEW, ...comment('kubernetes externally-visible service portals'), '-j', 'KUBE-EXTERNAL-SERVICES'];
  const extWhy = {
    en: 'New connections to external IPs, load-balancer IPs and NodePorts go through KUBE-EXTERNAL-SERVICES, which rejects or drops those with no usable endpoint.',
    ko: 'external IP, 로드밸런서 IP, NodePort로 오는 새 연결은 KUBE-EXTERNAL-SERVICES를 거칩니다. 쓸 수 있는 엔드포인트가 없으면 여기서 REJECT 또는 DROP됩니다.',
  };
  const svc = [...NEW, ...comment('kubernetes service portals'), '-j', 'KUBE-SERVICES'];
  const svcWhy = {
    en: 'New connections to a cluster IP go through filter KUBE-SERVICES, which rejects services that have no endpoints.',
    ko: '클러스터 IP로 가는 새 연결은 filter 테이블의 KUBE-SERVICES를 거칩니다. 엔드포인트가 없는 서비스는 여기서 REJECT됩니다.',
  };
  const kubeletFw = {
    en: 'kubelet sends every packet through KUBE-FIREWALL, which blocks connections to 127.0.0.0/8 that arrive from outside the node.',
    ko: 'kubelet이 모든 패킷을 KUBE-FIREWALL로 보냅니다. 노드 밖에서 127.0.0.0/8로 들어오는 연결을 막기 위한 것입니다.',
  };
  buf.write('filter', 'INPUT', fw, fwWhy);
  buf.write('filter', 'INPUT', [...comment('kubernetes health check service ports'), '-j', 'KUBE-NODEPORTS'], {
    en: 'Packets for this node go through filter KUBE-NODEPORTS, which accepts the health-check node ports of externalTrafficPolicy Local services.',
    ko: '이 노드로 오는 패킷은 filter 테이블의 KUBE-NODEPORTS를 거칩니다. externalTrafficPolicy: Local 서비스의 헬스 체크 노드 포트를 ACCEPT하는 곳입니다.',
  });
  buf.write('filter', 'INPUT', ext, extWhy);
  buf.write('filter', 'INPUT', ['-j', 'KUBE-FIREWALL'], kubeletFw);
  buf.write('filter', 'FORWARD', fw, fwWhy);
  buf.write('filter', 'FORWARD', [...comment('kubernetes forwarding rules'), '-j', 'KUBE-FORWARD'], {
    en: 'Forwarded packets go through KUBE-FORWARD, which accepts service traffic even when the FORWARD policy is DROP.',
    ko: '포워딩되는 패킷은 KUBE-FORWARD를 거칩니다. FORWARD 기본 정책이 DROP이어도 서비스 트래픽은 ACCEPT되도록 하기 위한 것입니다.',
  });
  buf.write('filter', 'FORWARD', svc, svcWhy);
  buf.write('filter', 'FORWARD', ext, extWhy);
  buf.write('filter', 'OUTPUT', fw, fwWhy);
  buf.write('filter', 'OUTPUT', svc, svcWhy);
  buf.write('filter', 'OUTPUT', ['-j', 'KUBE-FIREWALL'], kubeletFw);
  const portals = {
    en: 'Every packet entering the node or sent by a local process is checked against the service rules in nat KUBE-SERVICES, where service IPs are DNATed to endpoints.',
    ko: '노드로 들어오는 패킷과 로컬 프로세스가 보내는 패킷은 모두 nat 테이블의 KUBE-SERVICES에서 서비스 규칙과 비교됩니다. 서비스 IP를 엔드포인트로 DNAT하는 곳입니다.',
  };
  buf.write('nat', 'PREROUTING', [...comment('kubernetes service portals'), '-j', 'KUBE-SERVICES'], portals);
  buf.write('nat', 'OUTPUT', [...comment('kubernetes service portals'), '-j', 'KUBE-SERVICES'], portals);
  buf.write('nat', 'POSTROUTING', [...comment('kubernetes postrouting rules'), '-j', 'KUBE-POSTROUTING'], {
    en: 'Leaving packets go through KUBE-POSTROUTING, which masquerades the ones kube-proxy marked for SNAT.',
    ko: '나가는 패킷은 KUBE-POSTROUTING을 거칩니다. kube-proxy가 SNAT 대상으로 표시한 패킷을 MASQUERADE하는 곳입니다.',
  });
}

/** KUBE-POSTROUTING, KUBE-MARK-MASQ and KUBE-FIREWALL, written before any service. */
export function writeMasqueradeAndFirewall(buf: RuleBuffer, mark: string, configSource: SourceRef): void {
  const src = [configSource];
  buf.write('nat', 'KUBE-POSTROUTING', ['-m', 'mark', '!', '--mark', `${mark}/${mark}`, '-j', 'RETURN'], {
    en: `Packets without the masquerade mark ${mark} need no SNAT and return to POSTROUTING untouched.`,
    ko: `마스커레이드 마크 ${mark}가 없는 패킷은 SNAT이 필요 없으므로 그대로 POSTROUTING으로 RETURN합니다.`,
  }, src);
  buf.write('nat', 'KUBE-POSTROUTING', ['-j', 'MARK', '--xor-mark', mark], {
    en: `The mark ${mark} is cleared so the packet is not masqueraded again if it passes through the stack once more.`,
    ko: `패킷이 네트워크 스택을 다시 지나가더라도 두 번 MASQUERADE되지 않도록 마크 ${mark}를 지웁니다.`,
  }, src);
  buf.write('nat', 'KUBE-POSTROUTING', [...comment('kubernetes service traffic requiring SNAT'), '-j', 'MASQUERADE', '--random-fully'], {
    en: 'Marked service traffic is source-NATed to the outgoing interface address (MASQUERADE), with fully random source ports so conntrack entries do not collide.',
    ko: '마크된 서비스 트래픽은 나가는 인터페이스 주소로 SNAT(MASQUERADE)됩니다. --random-fully로 출발지 포트를 무작위로 골라 conntrack 항목 충돌을 피합니다.',
  }, src);
  buf.write('nat', 'KUBE-MARK-MASQ', ['-j', 'MARK', '--or-mark', mark], {
    en: `Jumping here sets the masquerade mark ${mark}; KUBE-POSTROUTING will then MASQUERADE the packet.`,
    ko: `여기로 점프하면 마스커레이드 마크 ${mark}가 붙고, 나중에 KUBE-POSTROUTING에서 MASQUERADE됩니다.`,
  }, src);
  buf.write('filter', 'KUBE-FIREWALL', [...comment('block incoming localnet connections'), '-d', '127.0.0.0/8', '!', '-s', '127.0.0.0/8', '-m', 'conntrack', '!', '--ctstate', 'RELATED,ESTABLISHED,DNAT', '-j', 'DROP'], {
    en: 'With route_localnet on (for localhost NodePorts), packets to 127.0.0.0/8 from other hosts could reach local services; new ones that were not DNATed are dropped (kubernetes issue 90259).',
    ko: 'localhost NodePort 때문에 route_localnet이 켜져 있어 다른 호스트가 127.0.0.0/8의 로컬 서비스에 닿을 수 있습니다. DNAT되지 않은 새 연결은 DROP합니다(kubernetes 이슈 90259).',
  });
}

/** KUBE-FORWARD: INVALID drop (with its nfacct counter), then accept marked and established traffic. */
export function writeForward(buf: RuleBuffer, mark: string): void {
  buf.write('filter', 'KUBE-FORWARD', ['-m', 'conntrack', '--ctstate', 'INVALID', '-m', 'nfacct', '--nfacct-name', 'ct_state_invalid_dropped_pkts', '-j', 'DROP'], {
    en: 'Packets conntrack considers INVALID (e.g. out-of-window TCP) are dropped and counted, instead of reaching a pod un-NATed and causing a connection reset.',
    ko: 'conntrack이 INVALID로 본 패킷(예: 윈도우 밖 TCP)은 nfacct로 세고 DROP합니다. NAT되지 않은 채 파드에 닿아 연결이 리셋되는 것을 막기 위한 것입니다.',
  });
  buf.write('filter', 'KUBE-FORWARD', [...comment('kubernetes forwarding rules'), '-m', 'mark', '--mark', `${mark}/${mark}`, '-j', 'ACCEPT'], {
    en: `Service traffic marked for masquerade (${mark}) is forwarded even when the FORWARD policy is DROP.`,
    ko: `마스커레이드 마크(${mark})가 붙은 서비스 트래픽은 FORWARD 기본 정책이 DROP이어도 포워딩됩니다.`,
  });
  buf.write('filter', 'KUBE-FORWARD', [...comment('kubernetes forwarding conntrack rule'), '-m', 'conntrack', '--ctstate', 'RELATED,ESTABLISHED', '-j', 'ACCEPT'], {
    en: 'Later packets of connections already accepted (RELATED,ESTABLISHED in conntrack) are forwarded too.',
    ko: '이미 허용된 연결의 이후 패킷(conntrack 상태 RELATED,ESTABLISHED)도 포워딩됩니다.',
  });
}

/** The jump(s) to nat KUBE-NODEPORTS, which must be the last rules of KUBE-SERVICES. */
export function writeNodePortsJump(buf: RuleBuffer, npa: NodePortAddresses, localhostNodePorts: boolean, configSource: SourceRef): void {
  const last = comment('kubernetes service nodeports; NOTE: this must be the last rule in this chain');
  const src = [{ doc: configSource.doc, path: 'nodePortAddresses' }];
  if (npa.matchAll) {
    const args = [...last, '-m', 'addrtype', '--dst-type', 'LOCAL'];
    // Without route_localnet, a NodePort on 127.0.0.1 could never answer, so it is not captured.
    if (!localhostNodePorts) args.push('!', '-d', '127.0.0.0/8');
    buf.write('nat', 'KUBE-SERVICES', [...args, '-j', 'KUBE-NODEPORTS'], localhostNodePorts
      ? {
          en: 'Anything not matched above that is addressed to one of this node\'s own addresses is checked for NodePorts (last rule, so service IPs win).',
          ko: '위 규칙에 걸리지 않았고 목적지가 이 노드 자신의 주소인 패킷은 NodePort인지 확인합니다. 서비스 IP 규칙이 먼저 적용되도록 항상 마지막 규칙입니다.',
        }
      : {
          en: 'Anything not matched above that is addressed to this node (except 127.0.0.0/8, as localhost NodePorts are off) is checked for NodePorts.',
          ko: '위 규칙에 걸리지 않았고 목적지가 이 노드인 패킷은 NodePort인지 확인합니다. localhost NodePort가 꺼져 있어 127.0.0.0/8은 제외합니다.',
        }, src);
    return;
  }
  for (const ip of npa.nodeIPs) {
    if (ip.startsWith('127.') && !localhostNodePorts) continue;
    buf.write('nat', 'KUBE-SERVICES', [...last, '-d', ip, '-j', 'KUBE-NODEPORTS'], {
      en: `nodePortAddresses limits NodePorts to some addresses: traffic to ${ip} is checked for NodePorts (last rule, so service IPs win).`,
      ko: `nodePortAddresses로 NodePort를 받을 주소가 정해져 있습니다. ${ip}로 오는 트래픽은 NodePort인지 확인합니다(서비스 IP 규칙이 먼저 적용되도록 마지막 규칙).`,
    }, src);
  }
}
