/**
 * The scenarios of the nftables goldens (test-only): every iptables golden scenario (`../__golden__/NAME.yaml`,
 * each naming the proxier_test.go case it mirrors) switched to mode nftables, plus the nftables-only ones in
 * `__golden__/`. Switching keeps what the nftables proxier reads: `mode: nftables`, and the `iptables`
 * block's masqueradeAll/masqueradeBit moved to the `nftables` block (localhostNodePorts has no nftables
 * counterpart: nftables mode never serves NodePorts on localhost).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadScenario } from '../cluster/load';
import type { ClusterModel } from '../cluster/model';

export const NFT_GOLDEN_DIR = join(import.meta.dirname, '..', 'kubeproxy', 'nftables', '__golden__');
const IPTABLES_GOLDEN_DIR = join(import.meta.dirname, '..', 'kubeproxy', '__golden__');

/** An iptables-mode scenario as the same cluster in nftables mode. */
export function asNftablesScenario(yaml: string): string {
  return yaml
    .replace(/^mode: iptables$/m, 'mode: nftables')
    .replace(/^iptables:\n((?: {2}.*\n)*)/m, (_m, body: string) => {
      const kept = body.split('\n').filter((l) => /^ {2}(masqueradeAll|masqueradeBit):/.test(l));
      return kept.length === 0 ? '' : `nftables:\n${kept.join('\n')}\n`;
    });
}

export interface NftGoldenCase {
  readonly name: string;
  readonly node: string;
  readonly yaml: string;
}

const yamlNames = (dir: string): string[] => readdirSync(dir).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -5)).sort();

export function nftGoldenCases(): NftGoldenCase[] {
  const fromIptables = yamlNames(IPTABLES_GOLDEN_DIR).map((name) => ({ name, yaml: asNftablesScenario(readFileSync(join(IPTABLES_GOLDEN_DIR, `${name}.yaml`), 'utf8')) }));
  const own = yamlNames(NFT_GOLDEN_DIR).map((name) => ({ name, yaml: readFileSync(join(NFT_GOLDEN_DIR, `${name}.yaml`), 'utf8') }));
  return [...fromIptables, ...own].map((c) => ({ ...c, node: /^# node: (\S+)$/m.exec(c.yaml)?.[1] ?? 'test-node' }));
}

export function loadCase(c: NftGoldenCase): ClusterModel {
  const loaded = loadScenario(c.yaml);
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
  if (loaded.cluster === undefined || errors.length > 0) throw new Error(`${c.name}: ${errors.map((e) => `${e.line}:${e.col} ${e.message}`).join('; ')}`);
  const cluster = loaded.cluster;
  if (cluster.kubeProxy.mode === 'nftables') return cluster;
  // No KubeProxyConfiguration to switch: kube-proxy's defaults in nftables mode (what kind's kubeProxyMode: nftables gives).
  if (/^kind: KubeProxyConfiguration$/m.test(c.yaml)) throw new Error(`${c.name}: not in nftables mode`);
  return { ...cluster, kubeProxy: { ...cluster.kubeProxy, mode: 'nftables' } };
}
