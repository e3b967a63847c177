/**
 * chain-names-check.ts for kube-proxy's nftables chains: there the hashed text is in the name itself
 * (`service-ULMVA6XW-ns1/svc1/tcp/p80`: the first 8 characters of base32(sha256("ns1/svc1/tcp/p80")),
 * pkg/proxy/nftables/proxier.go hashAndTruncate), so a name whose hash no protocol reproduces from the
 * text beside it was not printed with that text: the Service or namespace was renamed after the node
 * printed it (notes often anonymise names), and names cannot be compared with the YAML's.
 */
import { hashAndTruncate } from '../kubeproxy/nftables/names';
import type { NftTable } from '../nftables/model';
import type { ChainNameCheck, ChainProtocol } from './chain-names-check';

const PROTOCOLS: readonly ChainProtocol[] = ['tcp', 'udp', 'sctp'];
/** kind, hash, namespace, name, protocol, port name, `__ip/port` of an endpoint chain. */
const NAME = /^(service|local|external|firewall|endpoint)-([A-Z0-9]{8})-([^/]+)\/([^/]+)\/([a-z]+)\/([^_/]*)(__.+)?$/;

/** `ns/name:port` as kube-proxy's comments write it (`ns/name` for an unnamed port). */
export const nftServiceName = (namespace: string, name: string, port: string): string => `${namespace}/${name}${port ? `:${port}` : ''}`;

/** Every kube-proxy chain of `table` whose name carries a hash, checked against the text after it. */
export function checkNftChainNames(table: NftTable | undefined): ChainNameCheck[] {
  const out: ChainNameCheck[] = [];
  for (const c of table?.chains ?? []) {
    const m = NAME.exec(c.name);
    if (!m) continue;
    const [, kind = '', hash = '', ns = '', name = '', proto = '', port = '', endpoint = ''] = m;
    const nameFor = (p: string): string => `${kind}-${hashAndTruncate(`${ns}/${name}/${p}/${port}${endpoint}`)}`;
    // The protocol whose text hashes to the node's prefix (normally the one the name spells out).
    const protocol = PROTOCOLS.find((p) => hashAndTruncate(`${ns}/${name}/${p}/${port}${endpoint}`).startsWith(`${hash}-`));
    const want = (PROTOCOLS as readonly string[]).includes(proto) ? (proto as ChainProtocol) : 'tcp';
    out.push({ chain: c.name, service: nftServiceName(ns, name, port), ...(protocol ? { protocol } : {}), expected: nameFor(want), expectedProtocol: want });
  }
  return out;
}
