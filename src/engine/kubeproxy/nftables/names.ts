/**
 * The nftables proxier's names (pkg/proxy/nftables/proxier.go `hashAndTruncate`,
 * `servicePortChainNameBase`, `servicePortEndpointChainNameBase`): a readable base,
 * `ns/name/proto/port` (the port's name, empty for an unnamed port) or
 * `ns/name/proto/port__ip/port` for an endpoint, prefixed with the first 8 characters of
 * base32(sha256(base)) and a hyphen, so endpoint chains differing in one digit still look apart.
 * Chains are `service-`, `local-`, `external-`, `firewall-` + the service base, `endpoint-` + the
 * endpoint base; affinity sets are `affinity-` + the endpoint base.
 */
import { chainHash } from '../chain-names';

/** knftables.NameLengthMax (256) minus the longest prefix kube-proxy puts before a base (16). */
const CHAIN_NAME_BASE_LENGTH_MAX = 256 - 16;

/** `HASH8-name`, cut to 240 characters with `...` (never reached for IPv4: the longest base is ~230). */
export function hashAndTruncate(name: string): string {
  const based = `${chainHash(name).slice(0, 8)}-${name}`;
  return based.length > CHAIN_NAME_BASE_LENGTH_MAX ? `${based.slice(0, CHAIN_NAME_BASE_LENGTH_MAX - 3)}...` : based;
}

/** One service port's chain names. */
export interface NftServicePortChains {
  /** Endpoints for Cluster traffic policy. */
  readonly cluster: string;
  /** Local endpoints for Local traffic policy. */
  readonly local: string;
  /** Where NodePort, external IP and load-balancer IP traffic goes first. */
  readonly external: string;
  /** loadBalancerSourceRanges filtering. */
  readonly firewall: string;
}

/** @param namespace @param name @param portName the ServicePort's name ('' when unnamed) @param protocol lowercase */
export function nftServicePortChains(namespace: string, name: string, portName: string, protocol: string): NftServicePortChains {
  const base = hashAndTruncate(`${namespace}/${name}/${protocol}/${portName}`);
  return { cluster: `service-${base}`, local: `local-${base}`, external: `external-${base}`, firewall: `firewall-${base}` };
}

/** An endpoint's chain and its session-affinity set. */
export interface NftEndpointNames {
  readonly chain: string;
  readonly affinitySet: string;
}

export function nftEndpointNames(namespace: string, name: string, portName: string, protocol: string, ip: string, port: number): NftEndpointNames {
  const base = hashAndTruncate(`${namespace}/${name}/${protocol}/${portName}__${ip}/${port}`);
  return { chain: `endpoint-${base}`, affinitySet: `affinity-${base}` };
}
