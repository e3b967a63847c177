/**
 * kube-proxy's chain names: a prefix plus the first 16 characters of base32(sha256(...)), so the name
 * stays within iptables' 28-character limit (pkg/proxy/iptables/proxier.go `portProtoHash`,
 * `servicePortEndpointChainName`). The hashed string is the ServicePortName (`ns/name:port`, or
 * `ns/name` for an unnamed port) + the lowercase protocol [+ the endpoint's `ip:port`].
 */
import { sha256WordsOf } from './sha256';

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

const ALPHABET_CODES = Int32Array.from(BASE32_ALPHABET, (c) => c.charCodeAt(0));

/** The parts hashed into one name, reused (no array per name: 110,000 names at 10,000 Services). */
const hashedParts: string[] = [];

/**
 * `prefix` + the 16-character hash of the concatenation of `a`, `b`, `c`, built as one string: a chain name is hashed
 * and compared often. The characters are handed to String.fromCharCode as arguments: spreading an array of codes
 * into it allocated ~600 bytes per name, 67 MB at 10,000 Services.
 */
function prefixedHash(prefix: string, a: string, b: string, c = ''): string {
  hashedParts.length = 0;
  hashedParts.push(a, b, c);
  const w = sha256WordsOf(hashedParts);
  // 16 base32 characters are the digest's first 80 bits (w0, w1 and w2's high half): two groups of 40 bits,
  // each its high 25 and low 15 bits (as `base32` gives them for those 5 bytes).
  const w0 = w[0]!;
  const w1 = w[1]!;
  const w2 = w[2]!;
  const h1 = w0 >>> 7;
  const l1 = ((w0 & 0x7f) << 8) | (w1 >>> 24);
  const h2 = ((w1 & 0xffffff) << 1) | (w2 >>> 31);
  const l2 = (w2 >>> 16) & 0x7fff;
  const A = ALPHABET_CODES;
  const c0 = A[(h1 >>> 20) & 31]!, c1 = A[(h1 >>> 15) & 31]!, c2 = A[(h1 >>> 10) & 31]!, c3 = A[(h1 >>> 5) & 31]!, c4 = A[h1 & 31]!;
  const c5 = A[(l1 >>> 10) & 31]!, c6 = A[(l1 >>> 5) & 31]!, c7 = A[l1 & 31]!;
  const c8 = A[(h2 >>> 20) & 31]!, c9 = A[(h2 >>> 15) & 31]!, c10 = A[(h2 >>> 10) & 31]!, c11 = A[(h2 >>> 5) & 31]!, c12 = A[h2 & 31]!;
  const c13 = A[(l2 >>> 10) & 31]!, c14 = A[(l2 >>> 5) & 31]!, c15 = A[l2 & 31]!;
  // KUBE-SEP- and KUBE-SVC- (nine characters) go in the same call: `prefix + hash` made a rope, flattened again later.
  if (prefix.length === 9) {
    const p = prefix;
    return String.fromCharCode(
      p.charCodeAt(0), p.charCodeAt(1), p.charCodeAt(2), p.charCodeAt(3), p.charCodeAt(4), p.charCodeAt(5), p.charCodeAt(6), p.charCodeAt(7), p.charCodeAt(8),
      c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15,
    );
  }
  const hash = String.fromCharCode(c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15);
  return prefix === '' ? hash : prefix + hash;
}

/** The 16-character hash kube-proxy puts after a chain prefix. */
export function chainHash(hashed: string): string {
  return prefixedHash('', hashed, '');
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
  const svc = prefixedHash('KUBE-SVC-', servicePortName, protocol);
  const hash = svc.slice('KUBE-SVC-'.length);
  return { svc, svl: `KUBE-SVL-${hash}`, ext: `KUBE-EXT-${hash}`, fw: `KUBE-FW-${hash}` };
}

/** `KUBE-SEP-…` for one endpoint (`ip:port`) of a service port. */
export function endpointChainName(servicePortName: string, protocol: string, endpoint: string): string {
  return prefixedHash('KUBE-SEP-', servicePortName, protocol, endpoint);
}
