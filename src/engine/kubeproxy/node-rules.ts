/**
 * The node-wide rules: the jumps from the built-in chains kube-proxy ensures with `iptables -I`
 * (proxier.go `iptablesJumpChains`, each prepended, so the last ensured comes first; kubelet's
 * KUBE-FIREWALL jumps were there before kube-proxy started and stay last), KUBE-POSTROUTING,
 * KUBE-MARK-MASQ, kubelet's KUBE-FIREWALL (pkg/kubelet/kubelet_network_linux.go), KUBE-FORWARD and
 * the final jump to KUBE-NODEPORTS.
 */
import type { SourceRef } from '../cluster/model';
import type { NodePortAddresses } from './node-port-addresses';
import { nodeMeaning } from './meanings';
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
  const filterRules = buf.rules('filter');
  const natRules = buf.rules('nat');
  const fw = [...NEW, ...comment('kubernetes load balancer firewall'), '-j', 'KUBE-PROXY-FIREWALL'];
  const fwWhy = nodeMeaning('jump-to-proxy-firewall', 'node.jumpProxyFirewall');
  const ext = [...NEW, ...comment('kubernetes externally-visible service portals'), '-j', 'KUBE-EXTERNAL-SERVICES'];
  const extWhy = nodeMeaning('jump-to-external-services', 'node.jumpExternalServices');
  const svc = [...NEW, ...comment('kubernetes service portals'), '-j', 'KUBE-SERVICES'];
  const svcWhy = nodeMeaning('jump-to-services', 'node.jumpFilterServices');
  const kubeletFw = nodeMeaning('jump-to-kubelet-firewall', 'node.jumpKubeletFirewall');
  filterRules.write('INPUT', fw, fwWhy);
  filterRules.write('INPUT', [...comment('kubernetes health check service ports'), '-j', 'KUBE-NODEPORTS'], nodeMeaning('jump-to-health-check-node-ports', 'node.jumpHealthCheckNodePorts'));
  filterRules.write('INPUT', ext, extWhy);
  filterRules.write('INPUT', ['-j', 'KUBE-FIREWALL'], kubeletFw);
  filterRules.write('FORWARD', fw, fwWhy);
  filterRules.write('FORWARD', [...comment('kubernetes forwarding rules'), '-j', 'KUBE-FORWARD'], nodeMeaning('jump-to-forward', 'node.jumpForward'));
  filterRules.write('FORWARD', svc, svcWhy);
  filterRules.write('FORWARD', ext, extWhy);
  filterRules.write('OUTPUT', fw, fwWhy);
  filterRules.write('OUTPUT', svc, svcWhy);
  filterRules.write('OUTPUT', ['-j', 'KUBE-FIREWALL'], kubeletFw);
  const portals = nodeMeaning('jump-to-services', 'node.jumpNatServices');
  natRules.write('PREROUTING', [...comment('kubernetes service portals'), '-j', 'KUBE-SERVICES'], portals);
  natRules.write('OUTPUT', [...comment('kubernetes service portals'), '-j', 'KUBE-SERVICES'], portals);
  natRules.write('POSTROUTING', [...comment('kubernetes postrouting rules'), '-j', 'KUBE-POSTROUTING'], nodeMeaning('jump-to-postrouting', 'node.jumpPostrouting'));
}

/** KUBE-POSTROUTING, KUBE-MARK-MASQ and KUBE-FIREWALL, written before any service. */
export function writeMasqueradeAndFirewall(buf: RuleBuffer, mark: string, configSource: SourceRef): void {
  const natRules = buf.rules('nat');
  const src = [configSource];
  natRules.write('KUBE-POSTROUTING', ['-m', 'mark', '!', '--mark', `${mark}/${mark}`, '-j', 'RETURN'], nodeMeaning('masquerade-skip-unmarked', 'postrouting.skipUnmarked', { mark }), src);
  natRules.write('KUBE-POSTROUTING', ['-j', 'MARK', '--xor-mark', mark], nodeMeaning('masquerade-clear-mark', 'postrouting.clearMark', { mark }), src);
  natRules.write('KUBE-POSTROUTING', [...comment('kubernetes service traffic requiring SNAT'), '-j', 'MASQUERADE', '--random-fully'], nodeMeaning('masquerade', 'postrouting.masquerade'), src);
  natRules.write('KUBE-MARK-MASQ', ['-j', 'MARK', '--or-mark', mark], nodeMeaning('masquerade-mark', 'markMasq.setMark', { mark }), src);
  buf.rules('filter').write('KUBE-FIREWALL', [...comment('block incoming localnet connections'), '-d', '127.0.0.0/8', '!', '-s', '127.0.0.0/8', '-m', 'conntrack', '!', '--ctstate', 'RELATED,ESTABLISHED,DNAT', '-j', 'DROP'],
    nodeMeaning('block-localnet', 'kubeletFirewall.blockLocalnet'));
}

/** KUBE-FORWARD: INVALID drop (with its nfacct counter), then accept marked and established traffic. */
export function writeForward(buf: RuleBuffer, mark: string): void {
  const filterRules = buf.rules('filter');
  filterRules.write('KUBE-FORWARD', ['-m', 'conntrack', '--ctstate', 'INVALID', '-m', 'nfacct', '--nfacct-name', 'ct_state_invalid_dropped_pkts', '-j', 'DROP'], nodeMeaning('drop-invalid', 'forward.dropInvalid'));
  filterRules.write('KUBE-FORWARD', [...comment('kubernetes forwarding rules'), '-m', 'mark', '--mark', `${mark}/${mark}`, '-j', 'ACCEPT'], nodeMeaning('forward-marked', 'forward.acceptMarked', { mark }));
  filterRules.write('KUBE-FORWARD', [...comment('kubernetes forwarding conntrack rule'), '-m', 'conntrack', '--ctstate', 'RELATED,ESTABLISHED', '-j', 'ACCEPT'], nodeMeaning('forward-established', 'forward.acceptEstablished'));
}

/** The jump(s) to nat KUBE-NODEPORTS, which must be the last rules of KUBE-SERVICES. */
export function writeNodePortsJump(buf: RuleBuffer, npa: NodePortAddresses, localhostNodePorts: boolean, configSource: SourceRef): void {
  const natRules = buf.rules('nat');
  const last = comment('kubernetes service nodeports; NOTE: this must be the last rule in this chain');
  const src = [{ doc: configSource.doc, path: 'nodePortAddresses' }];
  if (npa.matchAll) {
    const args = [...last, '-m', 'addrtype', '--dst-type', 'LOCAL'];
    // Without route_localnet, a NodePort on 127.0.0.1 could never answer, so it is not captured.
    if (!localhostNodePorts) args.push('!', '-d', '127.0.0.0/8');
    natRules.write('KUBE-SERVICES', [...args, '-j', 'KUBE-NODEPORTS'],
      nodeMeaning('jump-to-node-ports', localhostNodePorts ? 'services.jumpNodePorts' : 'services.jumpNodePortsNoLocalhost'), src);
    return;
  }
  for (const ip of npa.nodeIPs) {
    if (ip.startsWith('127.') && !localhostNodePorts) continue;
    natRules.write('KUBE-SERVICES', [...last, '-d', ip, '-j', 'KUBE-NODEPORTS'], nodeMeaning('jump-to-node-ports', 'services.jumpNodePortsAddress', { ip }), src);
  }
}
