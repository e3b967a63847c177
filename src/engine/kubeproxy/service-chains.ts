/**
 * A service port's own chains (proxier.go syncProxyRules after the entry rules, and
 * `writeServiceToEndpointRules`): the off-cluster masquerade rule, KUBE-EXT (external
 * destinations), KUBE-FW (loadBalancerSourceRanges), KUBE-SVC/KUBE-SVL (choosing an endpoint: the
 * ClientIP affinity `recent --rcheck` rules, then a `statistic` cascade of 1/n, 1/(n-1), … with the
 * last rule unconditional) and one KUBE-SEP per endpoint (hairpin masquerade + DNAT).
 */
import type { SourceRef } from '../cluster/model';
import { cidrContains, parseCidr, parseIpv4 } from '../ipv4';
import { probabilityText } from './probability';
import type { RuleBuffer } from './rule-buffer';
import type { ProxierSettings, ServiceContext } from './service-context';
import { comment, field, vip } from './service-context';
import type { EndpointInfo, ServicePortInfo } from './service-ports';
import type { Explanation } from './types';

export function writeServiceChains(buf: RuleBuffer, ctx: ServiceContext, settings: ProxierSettings): void {
  const { sp } = ctx;
  const name = sp.name;
  const p = sp.protocol;
  const port = String(sp.port.port);
  const portSrc = sp.port.source;
  const w = (chain: string, args: string[], en: string, ko: string, sources: readonly SourceRef[]): void =>
    buf.write('nat', chain, args, { en, ko }, sources, name);
  const det = settings.localDetector;
  const detSrc = det.source === undefined ? [] : [det.source];

  if (ctx.hasInternalEndpoints) {
    const args = [...comment(`${name} cluster IP`), '-m', p, '-p', p, '-d', sp.clusterIP.value, '--dport', port];
    if (settings.masqueradeAll) {
      w(ctx.internalTrafficChain, [...args, '-j', 'KUBE-MARK-MASQ'],
        `masqueradeAll is on: every connection to ${vip(sp)} is marked for SNAT, so endpoints always see a node address as the source.`,
        `masqueradeAll이 켜져 있어 ${vip(sp)}로 가는 모든 연결에 SNAT 마크를 붙입니다. 엔드포인트에는 항상 노드 주소가 출발지로 보입니다.`,
        [sp.clusterIP.source, { doc: settings.configSource.doc, path: 'iptables.masqueradeAll' }]);
    } else if (det.implemented) {
      w(ctx.internalTrafficChain, [...args, ...det.ifNotLocal, '-j', 'KUBE-MARK-MASQ'],
        `Traffic to ${vip(sp)} that is not ${det.describe.en} (e.g. from a node or outside the cluster) is marked for SNAT, so the endpoint's reply comes back through this node.`,
        `${det.describe.ko} 트래픽이 아닌(노드나 클러스터 밖에서 온) ${vip(sp)} 트래픽에는 SNAT 마크를 붙여, 엔드포인트의 응답이 이 노드를 거쳐 돌아오게 합니다.`,
        [sp.clusterIP.source, ...detSrc]);
    }
  }

  if (ctx.usesExternalTrafficChain) {
    const ext = sp.chains.ext;
    buf.declare('nat', ext);
    const etpSrc = [field(sp, 'spec.externalTrafficPolicy')];
    if (!sp.externalPolicyLocal) {
      w(ext, [...comment(`masquerade traffic for ${name} external destinations`), '-j', 'KUBE-MARK-MASQ'],
        `External traffic to ${name} may be sent to an endpoint on another node (externalTrafficPolicy: Cluster), so it is marked for SNAT to make replies return through this node.`,
        `${name}로 오는 외부 트래픽은 다른 노드의 엔드포인트로 갈 수 있으므로(externalTrafficPolicy: Cluster) SNAT 마크를 붙여 응답이 이 노드를 거쳐 돌아오게 합니다.`,
        [portSrc, ...etpSrc]);
    } else {
      if (det.implemented) {
        w(ext, [...comment(`pod traffic for ${name} external destinations`), ...det.ifLocal, '-j', sp.chains.svc],
          `Pod traffic ${det.describe.en} to ${name}'s external addresses is short-circuited to ${sp.chains.svc}, using every endpoint, as if it had gone out to the load balancer and back.`,
          `${det.describe.ko} 파드 트래픽이 ${name}의 외부 주소로 가면 로드밸런서를 다녀온 것처럼 모든 엔드포인트를 쓰는 ${sp.chains.svc}로 바로 보냅니다.`,
          [...etpSrc, ...detSrc]);
      }
      w(ext, [...comment(`masquerade LOCAL traffic for ${name} external destinations`), '-m', 'addrtype', '--src-type', 'LOCAL', '-j', 'KUBE-MARK-MASQ'],
        `Traffic from this node itself to ${name}'s external addresses is marked for SNAT: its source is a local address the endpoint could not answer directly.`,
        `이 노드 자신이 ${name}의 외부 주소로 보내는 트래픽에는 SNAT 마크를 붙입니다. 출발지가 로컬 주소라 엔드포인트가 직접 응답할 수 없기 때문입니다.`,
        etpSrc);
      w(ext, [...comment(`route LOCAL traffic for ${name} external destinations`), '-m', 'addrtype', '--src-type', 'LOCAL', '-j', sp.chains.svc],
        `Traffic from this node itself to ${name}'s external addresses goes to ${sp.chains.svc}, using every endpoint, despite externalTrafficPolicy: Local.`,
        `이 노드 자신이 ${name}의 외부 주소로 보내는 트래픽은 externalTrafficPolicy: Local이어도 모든 엔드포인트를 쓰는 ${sp.chains.svc}로 갑니다.`,
        etpSrc);
    }
    if (ctx.hasExternalEndpoints) {
      w(ext, ['-j', ctx.externalPolicyChain],
        sp.externalPolicyLocal
          ? `Other external traffic goes to ${ctx.externalPolicyChain}, only this node's endpoints, keeping the client's source IP (externalTrafficPolicy: Local).`
          : `External traffic then goes to the service chain ${ctx.externalPolicyChain}.`,
        sp.externalPolicyLocal
          ? `나머지 외부 트래픽은 이 노드의 엔드포인트만 담은 ${ctx.externalPolicyChain}로 가며 클라이언트 출발지 IP가 유지됩니다(externalTrafficPolicy: Local).`
          : `그다음 외부 트래픽은 서비스 체인 ${ctx.externalPolicyChain}로 갑니다.`,
        [portSrc, ...(sp.externalPolicyLocal ? etpSrc : [])]);
    }
  }

  if (ctx.usesFWChain) writeFirewallChain(buf, sp, settings);

  if (ctx.usesClusterPolicyChain) {
    buf.declare('nat', sp.chains.svc);
    writeServiceToEndpointRules(buf, sp, sp.chains.svc, ctx.eps.cluster, settings.largeClusterMode);
  }
  if (ctx.usesLocalPolicyChain) {
    buf.declare('nat', sp.chains.svl);
    writeServiceToEndpointRules(buf, sp, sp.chains.svl, ctx.eps.local, settings.largeClusterMode);
  }
  for (const ep of ctx.eps.allReachable) writeEndpointChain(buf, sp, ep, settings.largeClusterMode);
}

function writeFirewallChain(buf: RuleBuffer, sp: ServicePortInfo, settings: ProxierSettings): void {
  const fw = sp.chains.fw;
  const name = sp.name;
  buf.declare('nat', fw);
  const head = comment(`${name} loadbalancer IP`);
  const nodeIP = parseIpv4(settings.nodeIP);
  let allowFromNode = false;
  for (const range of sp.loadBalancerSourceRanges) {
    buf.write('nat', fw, [...head, '-s', range.value, '-j', sp.chains.ext], {
      en: `Load-balancer traffic from ${range.value}, an allowed source range, continues to ${sp.chains.ext}.`,
      ko: `허용된 출발지 범위 ${range.value}에서 온 로드밸런서 트래픽은 ${sp.chains.ext}로 계속 갑니다.`,
    }, [range.source], name);
    const cidr = parseCidr(range.value);
    if (cidr !== undefined && nodeIP !== undefined && cidrContains(cidr, nodeIP)) allowFromNode = true;
  }
  // A VIP-like load balancer often puts its IP on the node, so a request from the node loops back
  // with the VIP as its source; kube-proxy lets those in when the node's own IP is allowed.
  if (allowFromNode) {
    for (const ip of sp.loadBalancerVIPs) {
      buf.write('nat', fw, [...head, '-s', ip.value, '-j', sp.chains.ext], {
        en: `This node's IP is in loadBalancerSourceRanges, so traffic looping back from the load-balancer IP ${ip.value} itself is allowed too.`,
        ko: `이 노드의 IP가 loadBalancerSourceRanges 안에 있으므로, 로드밸런서 IP ${ip.value} 자신에게서 되돌아온 트래픽도 허용합니다.`,
      }, [ip.source, field(sp, 'spec.loadBalancerSourceRanges')], name);
    }
  }
  buf.write('nat', fw, comment(`other traffic to ${name} will be dropped by KUBE-PROXY-FIREWALL`), {
    en: 'A rule without a target: traffic from other sources leaves this chain un-DNATed and is dropped later by filter KUBE-PROXY-FIREWALL.',
    ko: '타깃이 없는 규칙입니다. 다른 출발지의 트래픽은 DNAT되지 않은 채 이 체인을 빠져나가 filter 테이블의 KUBE-PROXY-FIREWALL에서 DROP됩니다.',
  }, [field(sp, 'spec.loadBalancerSourceRanges')], name);
}

function writeServiceToEndpointRules(buf: RuleBuffer, sp: ServicePortInfo, chain: string, endpoints: readonly EndpointInfo[], largeClusterMode: boolean): void {
  const name = sp.name;
  const epComment = (ep: EndpointInfo): string[] => (largeClusterMode ? [] : comment(`${name} -> ${ep.key}`));
  if (sp.sessionAffinityClientIP) {
    const seconds = String(sp.stickyMaxAgeSeconds);
    for (const ep of endpoints) {
      buf.write('nat', chain, [...epComment(ep), '-m', 'recent', '--name', ep.chain, '--rcheck', '--seconds', seconds, '--reap', '-j', ep.chain], () => ({
        en: `sessionAffinity: ClientIP — a client seen going to ${ep.key} in the last ${seconds}s (recent list ${ep.chain}) goes there again.`,
        ko: `sessionAffinity: ClientIP — 최근 ${seconds}초 안에 ${ep.key}로 간 클라이언트(recent 목록 ${ep.chain})는 다시 같은 곳으로 갑니다.`,
      }), [field(sp, 'spec.sessionAffinity'), ...ep.sources], name);
    }
  }
  const n = endpoints.length;
  endpoints.forEach((ep, i) => {
    const left = n - i;
    const args = [...epComment(ep)];
    if (i < n - 1) args.push('-m', 'statistic', '--mode', 'random', '--probability', probabilityText(left));
    args.push('-j', ep.chain);
    buf.write('nat', chain, args, () => pickExplanation(ep.key, n, i), ep.sources, name);
  });
}

/** Why the i-th of n endpoint rules of a KUBE-SVC chain picks `key`. */
function pickExplanation(key: string, n: number, i: number): Explanation {
  const left = n - i;
  if (n === 1) return { en: `The only endpoint ${key} takes all traffic.`, ko: `엔드포인트가 ${key} 하나뿐이라 모든 트래픽이 그리로 갑니다.` };
  if (i < n - 1) {
    return {
      en: `Picks endpoint ${key} with probability 1/${left} of the connections still unassigned, so each of the ${n} endpoints gets 1/${n} overall.`,
      ko: `아직 배정되지 않은 연결 중 1/${left} 확률로 엔드포인트 ${key}를 고릅니다. 결과적으로 ${n}개 엔드포인트가 각각 1/${n}씩 받습니다.`,
    };
  }
  return {
    en: `The last endpoint ${key} takes whatever the rules above did not pick (no probability needed).`,
    ko: `마지막 엔드포인트 ${key}는 위 규칙들이 고르지 않은 나머지를 모두 받습니다(확률 조건 없음).`,
  };
}

function writeEndpointChain(buf: RuleBuffer, sp: ServicePortInfo, ep: EndpointInfo, largeClusterMode: boolean): void {
  const name = sp.name;
  const p = sp.protocol;
  buf.declare('nat', ep.chain);
  const head = largeClusterMode ? [] : comment(name);
  buf.write('nat', ep.chain, [...head, '-s', ep.ip, '-j', 'KUBE-MARK-MASQ'], () => ({
    en: `Hairpin: if the endpoint ${ep.ip} connects to its own service and is picked, the connection is marked for SNAT so the pod does not receive a packet from itself.`,
    ko: `헤어핀: 엔드포인트 ${ep.ip}가 자기 서비스에 접속했다가 자신이 선택되면 SNAT 마크를 붙입니다. 파드가 자기 주소에서 온 패킷을 받지 않게 하기 위한 것입니다.`,
  }), ep.sources, name);
  const args = [...head];
  if (sp.sessionAffinityClientIP) args.push('-m', 'recent', '--name', ep.chain, '--set');
  args.push('-m', p, '-p', p, '-j', 'DNAT', '--to-destination', ep.key);
  buf.write('nat', ep.chain, args, () => sp.sessionAffinityClientIP
    ? {
        en: `DNAT to the endpoint ${ep.key}, recording the client's address in the recent list ${ep.chain} for session affinity.`,
        ko: `엔드포인트 ${ep.key}로 DNAT하고, 세션 어피니티를 위해 클라이언트 주소를 recent 목록 ${ep.chain}에 기록합니다.`,
      }
    : {
        en: `DNAT: the destination becomes the endpoint ${ep.key}; conntrack remembers it and rewrites the replies back.`,
        ko: `DNAT: 목적지를 엔드포인트 ${ep.key}로 바꿉니다. conntrack이 이를 기억해 응답 패킷을 되돌려 바꿉니다.`,
      }, sp.sessionAffinityClientIP ? [...ep.sources, field(sp, 'spec.sessionAffinity')] : ep.sources, name);
}
