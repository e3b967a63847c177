/**
 * kube-proxy's chain names: a prefix plus the first 16 characters of base32(sha256(...)), so the name
 * stays within iptables' 28-character limit (pkg/proxy/iptables/proxier.go `portProtoHash`,
 * `servicePortEndpointChainName`). The hashed string is the ServicePortName (`ns/name:port`, or
 * `ns/name` for an unnamed port) + the lowercase protocol [+ the endpoint's `ip:port`].
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';

const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 with the standard alphabet, as Go's `base32.StdEncoding` (padding included). */
export function base32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32_ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32_ALPHABET[(buffer << (5 - bits)) & 31];
  while (out.length % 8 !== 0) out += '=';
  return out;
}

/** The 16-character hash kube-proxy puts after a chain prefix. */
export function chainHash(hashed: string): string {
  return base32(sha256(utf8ToBytes(hashed))).slice(0, 16);
}

/** The names of one service port's chains (`KUBE-SVC-`, `KUBE-SVL-`, `KUBE-EXT-`, `KUBE-FW-`). */
export interface ServicePortChains {
  /** Endpoints for Cluster traffic policy. */
  readonly svc: string;
  /** Local endpoints for Local traffic policy. */
  readonly svl: string;
  /** Where traffic to external destinations (NodePort, external IP, load balancer IP) goes first. */
  readonly ext: string;
  /** loadBalancerSourceRanges filtering. */
  readonly fw: string;
}

/** @param servicePortName `ns/name:port` (or `ns/name`) @param protocol lowercase `tcp`/`udp`/`sctp` */
export function servicePortChains(servicePortName: string, protocol: string): ServicePortChains {
  const hash = chainHash(servicePortName + protocol);
  return { svc: `KUBE-SVC-${hash}`, svl: `KUBE-SVL-${hash}`, ext: `KUBE-EXT-${hash}`, fw: `KUBE-FW-${hash}` };
}

/** `KUBE-SEP-…` for one endpoint (`ip:port`) of a service port. */
export function endpointChainName(servicePortName: string, protocol: string, endpoint: string): string {
  return `KUBE-SEP-${chainHash(servicePortName + protocol + endpoint)}`;
}
