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

const ALPHABET_CODES = Array.from(BASE32_ALPHABET, (c) => c.charCodeAt(0));

/** Character codes of a prefix and then the 16 hash characters, rebuilt for each name. */
const codes: number[] = [];

/** Appends to `codes` the 8 base32 characters of 40 bits, given as their high 25 and low 15 bits (as `base32` gives them for those 5 bytes). */
function pushGroup(high: number, low: number): void {
  codes.push(
    ALPHABET_CODES[(high >>> 20) & 31]!, ALPHABET_CODES[(high >>> 15) & 31]!, ALPHABET_CODES[(high >>> 10) & 31]!,
    ALPHABET_CODES[(high >>> 5) & 31]!, ALPHABET_CODES[high & 31]!,
    ALPHABET_CODES[(low >>> 10) & 31]!, ALPHABET_CODES[(low >>> 5) & 31]!, ALPHABET_CODES[low & 31]!,
  );
}

/**
 * Names made so far, by prefix and hashed text: every keystroke in the editor names every chain of the
 * scenario again, and a name depends on its text alone. Dropped whole when it grows past KEPT_NAMES.
 */
const names = new Map<string, string>();
const KEPT_NAMES = 200_000;

/** `prefix` + the 16-character hash of the concatenation of `hashed`, built as one string (a chain name is hashed and compared often). */
function prefixedHash(prefix: string, ...hashed: string[]): string {
  // The prefixes are fixed words without a newline: the key is exactly (prefix, concatenation).
  const key = `${prefix}\n${hashed.join('')}`;
  let name = names.get(key);
  if (name === undefined) {
    if (names.size >= KEPT_NAMES) names.clear();
    name = hashedName(prefix, hashed);
    names.set(key, name);
  }
  return name;
}

function hashedName(prefix: string, hashed: readonly string[]): string {
  // 16 base32 characters are the digest's first 80 bits (w0, w1 and w2's high half): two groups of 40 bits.
  const w = sha256WordsOf(hashed);
  const w0 = w[0]!;
  const w1 = w[1]!;
  const w2 = w[2]!;
  codes.length = 0;
  for (let i = 0; i < prefix.length; i++) codes.push(prefix.charCodeAt(i));
  pushGroup(w0 >>> 7, ((w0 & 0x7f) << 8) | (w1 >>> 24));
  pushGroup(((w1 & 0xffffff) << 1) | (w2 >>> 31), (w2 >>> 16) & 0x7fff);
  return String.fromCharCode(...codes);
}

/** The 16-character hash kube-proxy puts after a chain prefix. */
export function chainHash(hashed: string): string {
  return prefixedHash('', hashed);
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
