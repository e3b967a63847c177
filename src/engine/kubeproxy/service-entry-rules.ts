/**
 * A service port's entry rules (proxier.go syncProxyRules, in its order): nat KUBE-SERVICES
 * captures the cluster IP, external IPs and load-balancer IPs; nat KUBE-NODEPORTS the node port;
 * the filter table rejects or drops what has no usable endpoint, drops load-balancer traffic from
 * sources outside loadBalancerSourceRanges, and accepts the health-check node port.
 */
import type { RuleBuffer } from './rule-buffer';
import type { ProxierSettings, ServiceContext } from './service-context';
import { comment, field, vip } from './service-context';

export function writeServiceEntryRules(buf: RuleBuffer, ctx: ServiceContext, settings: ProxierSettings): void {
  const { sp } = ctx;
  const p = sp.protocol;
  const port = String(sp.port.port);
  const portSrc = sp.port.source;
  const name = sp.name;
  const w = (table: 'nat' | 'filter', chain: string, args: string[], en: string, ko: string, sources = [portSrc]): void =>
    buf.write(table, chain, args, { en, ko }, sources, name);
  const policySrc = (local: boolean, path: string) => (local ? [field(sp, path)] : []);

  if (ctx.hasInternalEndpoints) {
    w('nat', 'KUBE-SERVICES', [...comment(`${name} cluster IP`), '-m', p, '-p', p, '-d', sp.clusterIP.value, '--dport', port, '-j', ctx.internalTrafficChain],
      sp.internalPolicyLocal
        ? `Traffic to ${name}'s cluster IP ${vip(sp)} jumps to ${ctx.internalTrafficChain}, which holds only this node's endpoints (internalTrafficPolicy: Local).`
        : `Traffic to ${name}'s cluster IP ${vip(sp)} jumps to its service chain ${ctx.internalTrafficChain}.`,
      sp.internalPolicyLocal
        ? `${name}의 클러스터 IP ${vip(sp)}로 가는 트래픽은 이 노드의 엔드포인트만 담은 ${ctx.internalTrafficChain}로 점프합니다(internalTrafficPolicy: Local).`
        : `${name}의 클러스터 IP ${vip(sp)}로 가는 트래픽은 서비스 체인 ${ctx.internalTrafficChain}로 점프합니다.`,
      [sp.clusterIP.source, portSrc, ...policySrc(sp.internalPolicyLocal, 'spec.internalTrafficPolicy')]);
  } else if (ctx.internalFilter !== undefined) {
    const f = ctx.internalFilter;
    w('filter', 'KUBE-SERVICES', [...comment(f.comment), '-m', p, '-p', p, '-d', sp.clusterIP.value, '--dport', port, '-j', f.target],
      f.target === 'REJECT'
        ? `${name} has no usable endpoint, so new connections to its cluster IP ${vip(sp)} are rejected (ICMP port unreachable) instead of hanging.`
        : `${name} has internalTrafficPolicy: Local but no endpoint on this node, so traffic to ${vip(sp)} from here is dropped.`,
      f.target === 'REJECT'
        ? `${name}에는 쓸 수 있는 엔드포인트가 없어, 클러스터 IP ${vip(sp)}로 가는 새 연결은 기다리지 않고 REJECT(ICMP port unreachable)됩니다.`
        : `${name}는 internalTrafficPolicy: Local인데 이 노드에 엔드포인트가 없어, 이 노드에서 ${vip(sp)}로 가는 트래픽은 DROP됩니다.`,
      [sp.clusterIP.source, portSrc, ...policySrc(sp.internalPolicyLocal, 'spec.internalTrafficPolicy')]);
  }

  const ef = ctx.externalFilter;
  const externalFilterWhy = (what: string): [string, string] => ef?.target === 'REJECT'
    ? [`${name} has no usable endpoint, so new connections to ${what} are rejected.`, `${name}에는 쓸 수 있는 엔드포인트가 없어 ${what}로 오는 새 연결은 REJECT됩니다.`]
    : [`${name} has externalTrafficPolicy: Local but no endpoint on this node, so outside traffic to ${what} that was not short-circuited by ${sp.chains.ext} is dropped here (the load balancer's health check steers it to other nodes).`,
       `${name}는 externalTrafficPolicy: Local인데 이 노드에 엔드포인트가 없습니다. ${sp.chains.ext}에서 처리되지 않은 ${what}로의 외부 트래픽은 여기서 DROP됩니다(로드밸런서는 헬스 체크로 다른 노드를 고릅니다).`];
  const efSources = ef?.target === 'DROP' ? [field(sp, 'spec.externalTrafficPolicy')] : [];

  for (const ip of sp.externalIPs) {
    if (ctx.hasEndpoints) {
      w('nat', 'KUBE-SERVICES', [...comment(`${name} external IP`), '-m', p, '-p', p, '-d', ip.value, '--dport', port, '-j', sp.chains.ext],
        `Traffic to ${name}'s external IP ${ip.value}:${port}/${p} jumps to ${sp.chains.ext}, the chain for traffic to external destinations.`,
        `${name}의 external IP ${ip.value}:${port}/${p}로 가는 트래픽은 외부 목적지용 체인 ${sp.chains.ext}로 점프합니다.`,
        [ip.source, portSrc]);
    }
    if (ef !== undefined) {
      const [en, ko] = externalFilterWhy(`external IP ${ip.value}:${port}/${p}`);
      w('filter', 'KUBE-EXTERNAL-SERVICES', [...comment(ef.comment), '-m', p, '-p', p, '-d', ip.value, '--dport', port, '-j', ef.target], en, ko, [ip.source, portSrc, ...efSources]);
    }
  }

  for (const ip of sp.loadBalancerVIPs) {
    if (ctx.hasEndpoints) {
      w('nat', 'KUBE-SERVICES', [...comment(`${name} loadbalancer IP`), '-m', p, '-p', p, '-d', ip.value, '--dport', port, '-j', ctx.loadBalancerTrafficChain],
        ctx.usesFWChain
          ? `Traffic to ${name}'s load-balancer IP ${ip.value}:${port}/${p} jumps to ${sp.chains.fw}, which lets in only loadBalancerSourceRanges.`
          : `Traffic to ${name}'s load-balancer IP ${ip.value}:${port}/${p} jumps to ${sp.chains.ext}, the chain for traffic to external destinations.`,
        ctx.usesFWChain
          ? `${name}의 로드밸런서 IP ${ip.value}:${port}/${p}로 가는 트래픽은 loadBalancerSourceRanges만 통과시키는 ${sp.chains.fw}로 점프합니다.`
          : `${name}의 로드밸런서 IP ${ip.value}:${port}/${p}로 가는 트래픽은 외부 목적지용 체인 ${sp.chains.ext}로 점프합니다.`,
        [ip.source, portSrc]);
    }
    if (ctx.usesFWChain) {
      w('filter', 'KUBE-PROXY-FIREWALL', [...comment(`${name} traffic not accepted by ${sp.chains.fw}`), '-m', p, '-p', p, '-d', ip.value, '--dport', port, '-j', 'DROP'],
        `Traffic to ${ip.value}:${port}/${p} that ${sp.chains.fw} did not send on (its source is outside loadBalancerSourceRanges) was never DNATed, so it is dropped here.`,
        `${sp.chains.fw}가 통과시키지 않은(출발지가 loadBalancerSourceRanges 밖인) ${ip.value}:${port}/${p} 트래픽은 DNAT되지 않은 채 남아 여기서 DROP됩니다.`,
        [ip.source, field(sp, 'spec.loadBalancerSourceRanges'), portSrc]);
    }
  }
  if (ef !== undefined) {
    for (const ip of sp.loadBalancerVIPs) {
      const [en, ko] = externalFilterWhy(`load-balancer IP ${ip.value}:${port}/${p}`);
      w('filter', 'KUBE-EXTERNAL-SERVICES', [...comment(ef.comment), '-m', p, '-p', p, '-d', ip.value, '--dport', port, '-j', ef.target], en, ko, [ip.source, portSrc, ...efSources]);
    }
  }

  if (sp.nodePort !== 0) {
    const np = String(sp.nodePort);
    const npSrc = field(sp, `${sp.port.source.path}.nodePort`);
    if (ctx.hasEndpoints) {
      if (settings.localhostNodePorts) {
        w('nat', 'KUBE-NODEPORTS', [...comment(name), '-m', p, '-p', p, '-d', '127.0.0.0/8', '--dport', np, '-m', 'nfacct', '--nfacct-name', 'localhost_nps_accepted_pkts', '-j', sp.chains.ext],
          `NodePort ${np}/${p} reached through localhost (127.0.0.0/8) is counted in the nfacct counter localhost_nps_accepted_pkts and sent to ${sp.chains.ext}.`,
          `localhost(127.0.0.0/8)로 들어온 NodePort ${np}/${p} 트래픽은 nfacct 카운터 localhost_nps_accepted_pkts에 집계되고 ${sp.chains.ext}로 갑니다.`,
          [npSrc, portSrc, { doc: settings.configSource.doc, path: 'iptables.localhostNodePorts' }]);
      }
      w('nat', 'KUBE-NODEPORTS', [...comment(name), '-m', p, '-p', p, '--dport', np, '-j', sp.chains.ext],
        `Traffic to NodePort ${np}/${p} on this node jumps to ${sp.chains.ext}, the chain for traffic to external destinations of ${name}.`,
        `이 노드의 NodePort ${np}/${p}로 오는 트래픽은 ${name}의 외부 목적지용 체인 ${sp.chains.ext}로 점프합니다.`,
        [npSrc, portSrc]);
    }
    if (ef !== undefined) {
      const [en, ko] = externalFilterWhy(`NodePort ${np}/${p}`);
      w('filter', 'KUBE-EXTERNAL-SERVICES', [...comment(ef.comment), '-m', 'addrtype', '--dst-type', 'LOCAL', '-m', p, '-p', p, '--dport', np, '-j', ef.target], en, ko, [npSrc, portSrc, ...efSources]);
    }
  }

  if (sp.healthCheckNodePort !== 0) {
    const hc = String(sp.healthCheckNodePort);
    w('filter', 'KUBE-NODEPORTS', [...comment(`${name} health check node port`), '-m', 'tcp', '-p', 'tcp', '--dport', hc, '-j', 'ACCEPT'],
      `kube-proxy answers the load balancer's health checks for ${name} on TCP port ${hc}; the port is accepted whether or not this node has local endpoints.`,
      `kube-proxy는 ${name}에 대한 로드밸런서 헬스 체크를 TCP ${hc} 포트에서 응답합니다. 이 노드에 로컬 엔드포인트가 있든 없든 이 포트는 ACCEPT됩니다.`,
      [field(sp, 'spec.healthCheckNodePort'), field(sp, 'spec.externalTrafficPolicy')]);
  }
}
