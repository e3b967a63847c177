/**
 * A service port's entry rules (proxier.go syncProxyRules, in its order): nat KUBE-SERVICES
 * captures the cluster IP, external IPs and load-balancer IPs; nat KUBE-NODEPORTS the node port;
 * the filter table rejects or drops what has no usable endpoint, drops load-balancer traffic from
 * sources outside loadBalancerSourceRanges, and accepts the health-check node port.
 */
import type { ExplanationKey } from '../explain/catalog';
import type { RuleRole } from '../explain/meaning';
import { serviceMeaning } from './meanings';
import type { RuleBuffer } from './rule-buffer';
import type { ProxierSettings, ServiceContext } from './service-context';
import { comment, field, vip } from './service-context';

type FilterTarget = NonNullable<ServiceContext['externalFilter']>['target'];

/** The filter rule's role for a service without (local) endpoints: REJECT when it has none at all, DROP when none here. */
const filterRole = (target: FilterTarget): RuleRole => (target === 'REJECT' ? 'no-endpoints' : 'no-local-endpoints');

/** The KUBE-EXTERNAL-SERVICES sentence for each kind of external destination. */
const EXTERNAL_FILTER_KEYS: Readonly<Record<'externalIP' | 'loadBalancerIP' | 'nodePort', Readonly<Record<FilterTarget, ExplanationKey>>>> = {
  externalIP: { REJECT: 'externalServices.noEndpointsExternalIP', DROP: 'externalServices.noLocalEndpointsExternalIP' },
  loadBalancerIP: { REJECT: 'externalServices.noEndpointsLoadBalancerIP', DROP: 'externalServices.noLocalEndpointsLoadBalancerIP' },
  nodePort: { REJECT: 'externalServices.noEndpointsNodePort', DROP: 'externalServices.noLocalEndpointsNodePort' },
};

export function writeServiceEntryRules(buf: RuleBuffer, ctx: ServiceContext, settings: ProxierSettings): void {
  const { sp } = ctx;
  const p = sp.protocol;
  const port = String(sp.port.port);
  const portSrc = sp.port.source;
  const name = sp.name;
  const natRules = buf.rules('nat');
  const filterRules = buf.rules('filter');
  const means = (role: RuleRole, key: ExplanationKey, params = {}) => serviceMeaning(name, role, key, params);
  const policySrc = (local: boolean, path: string) => (local ? [field(sp, path)] : []);
  const address = (ip: string): string => `${ip}:${port}/${p}`;

  if (ctx.hasInternalEndpoints) {
    natRules.write('KUBE-SERVICES', [...comment(`${name} cluster IP`), '-m', p, '-p', p, '-d', sp.clusterIP.value, '--dport', port, '-j', ctx.internalTrafficChain],
      means('cluster-ip', sp.internalPolicyLocal ? 'services.clusterIPLocal' : 'services.clusterIP', { vip: vip(sp), chain: ctx.internalTrafficChain }),
      [sp.clusterIP.source, portSrc, ...policySrc(sp.internalPolicyLocal, 'spec.internalTrafficPolicy')]);
  } else if (ctx.internalFilter !== undefined) {
    const f = ctx.internalFilter;
    filterRules.write('KUBE-SERVICES', [...comment(f.comment), '-m', p, '-p', p, '-d', sp.clusterIP.value, '--dport', port, '-j', f.target],
      means(filterRole(f.target), f.target === 'REJECT' ? 'services.noEndpoints' : 'services.noLocalEndpoints', { vip: vip(sp) }),
      [sp.clusterIP.source, portSrc, ...policySrc(sp.internalPolicyLocal, 'spec.internalTrafficPolicy')]);
  }

  const ef = ctx.externalFilter;
  const efSources = ef?.target === 'DROP' ? [field(sp, 'spec.externalTrafficPolicy')] : [];

  for (const ip of sp.externalIPs) {
    if (ctx.hasEndpoints) {
      natRules.write('KUBE-SERVICES', [...comment(`${name} external IP`), '-m', p, '-p', p, '-d', ip.value, '--dport', port, '-j', sp.chains.ext],
        means('external-ip', 'services.externalIP', { address: address(ip.value), chain: sp.chains.ext }),
        [ip.source, portSrc]);
    }
    if (ef !== undefined) {
      filterRules.write('KUBE-EXTERNAL-SERVICES', [...comment(ef.comment), '-m', p, '-p', p, '-d', ip.value, '--dport', port, '-j', ef.target],
        means(filterRole(ef.target), EXTERNAL_FILTER_KEYS.externalIP[ef.target], { address: address(ip.value), chain: sp.chains.ext }),
        [ip.source, portSrc, ...efSources]);
    }
  }

  for (const ip of sp.loadBalancerVIPs) {
    if (ctx.hasEndpoints) {
      natRules.write('KUBE-SERVICES', [...comment(`${name} loadbalancer IP`), '-m', p, '-p', p, '-d', ip.value, '--dport', port, '-j', ctx.loadBalancerTrafficChain],
        means('load-balancer-ip', ctx.usesFWChain ? 'services.loadBalancerIPFirewall' : 'services.loadBalancerIP', { address: address(ip.value), chain: ctx.loadBalancerTrafficChain }),
        [ip.source, portSrc]);
    }
    if (ctx.usesFWChain) {
      filterRules.write('KUBE-PROXY-FIREWALL', [...comment(`${name} traffic not accepted by ${sp.chains.fw}`), '-m', p, '-p', p, '-d', ip.value, '--dport', port, '-j', 'DROP'],
        means('firewall-drop', 'proxyFirewall.drop', { address: address(ip.value), chain: sp.chains.fw }),
        [ip.source, field(sp, 'spec.loadBalancerSourceRanges'), portSrc]);
    }
  }
  if (ef !== undefined) {
    for (const ip of sp.loadBalancerVIPs) {
      filterRules.write('KUBE-EXTERNAL-SERVICES', [...comment(ef.comment), '-m', p, '-p', p, '-d', ip.value, '--dport', port, '-j', ef.target],
        means(filterRole(ef.target), EXTERNAL_FILTER_KEYS.loadBalancerIP[ef.target], { address: address(ip.value), chain: sp.chains.ext }),
        [ip.source, portSrc, ...efSources]);
    }
  }

  if (sp.nodePort !== 0) {
    const np = String(sp.nodePort);
    const npSrc = field(sp, `${sp.port.source.path}.nodePort`);
    const nodePort = { nodePort: sp.nodePort, protocol: p, chain: sp.chains.ext };
    if (ctx.hasEndpoints) {
      if (settings.localhostNodePorts) {
        natRules.write('KUBE-NODEPORTS', [...comment(name), '-m', p, '-p', p, '-d', '127.0.0.0/8', '--dport', np, '-m', 'nfacct', '--nfacct-name', 'localhost_nps_accepted_pkts', '-j', sp.chains.ext],
          means('node-port', 'nodePorts.localhost', nodePort),
          [npSrc, portSrc, { doc: settings.configSource.doc, path: 'iptables.localhostNodePorts' }]);
      }
      natRules.write('KUBE-NODEPORTS', [...comment(name), '-m', p, '-p', p, '--dport', np, '-j', sp.chains.ext],
        means('node-port', 'nodePorts.nodePort', nodePort),
        [npSrc, portSrc]);
    }
    if (ef !== undefined) {
      filterRules.write('KUBE-EXTERNAL-SERVICES', [...comment(ef.comment), '-m', 'addrtype', '--dst-type', 'LOCAL', '-m', p, '-p', p, '--dport', np, '-j', ef.target],
        means(filterRole(ef.target), EXTERNAL_FILTER_KEYS.nodePort[ef.target], nodePort),
        [npSrc, portSrc, ...efSources]);
    }
  }

  if (sp.healthCheckNodePort !== 0) {
    filterRules.write('KUBE-NODEPORTS', [...comment(`${name} health check node port`), '-m', 'tcp', '-p', 'tcp', '--dport', String(sp.healthCheckNodePort), '-j', 'ACCEPT'],
      means('health-check-node-port', 'nodePorts.healthCheck', { port: sp.healthCheckNodePort }),
      [field(sp, 'spec.healthCheckNodePort'), field(sp, 'spec.externalTrafficPolicy')]);
  }
}
