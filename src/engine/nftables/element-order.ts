/**
 * The order `nft list` prints set and map elements in (measured with the real nft 1.0.6, see
 * element-order.test.ts): a plain key numerically; a concatenated key as the kernel's register bytes
 * (each part padded to 4 bytes, addresses and ports in network order) read as one little-endian number,
 * i.e. compared from the last byte backwards — so `service-ips` lists by port's low byte, then protocol,
 * then the address's last octet.
 */
import type { NftType, Value } from './model';

const start = (v: Value): number => (v.kind === 'int' || v.kind === 'prefix' ? v.value : v.kind === 'range' ? v.from : 0);
const end = (v: Value): number => (v.kind === 'int' ? v.value : v.kind === 'prefix' ? v.value + 2 ** (32 - v.length) - 1 : v.kind === 'range' ? v.to : 0);

/** One part's bytes in its 32-bit register(s). */
function registerBytes(type: NftType, n: number, text: string): number[] {
  switch (type) {
    case 'ipv4_addr':
      return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
    case 'inet_proto':
      return [n & 255, 0, 0, 0];
    case 'inet_service':
      return [(n >>> 8) & 255, n & 255, 0, 0];
    case 'ifname': {
      const bytes = [...text].slice(0, 16).map((ch) => ch.charCodeAt(0) & 255);
      while (bytes.length < 16) bytes.push(0);
      return bytes;
    }
    default:
      // Host-order integers (marks, ct bits, fib types): little-endian on the machines nodes run on.
      return [n & 255, (n >>> 8) & 255, (n >>> 16) & 255, n >>> 24];
  }
}

function concatBytes(v: Value): number[] {
  const parts = v.kind === 'concat' ? v.parts : [v];
  return parts.flatMap((p) => registerBytes(p.kind === 'concat' ? 'integer' : p.type, start(p), p.kind === 'string' ? p.value : ''));
}

export function compareKeys(a: Value, b: Value): number {
  if (a.kind !== 'concat' || b.kind !== 'concat') {
    if (a.kind === 'string' && b.kind === 'string') return a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
    return start(a) - start(b) || end(a) - end(b);
  }
  const x = concatBytes(a);
  const y = concatBytes(b);
  for (let i = Math.max(x.length, y.length) - 1; i >= 0; i--) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** One element's sort key, computed once: a number for a plain key, the reversed register bytes for a concatenation. */
function sortKey(v: Value): { n: number; m: number; bytes?: number[]; text?: string } {
  if (v.kind === 'concat') return { n: 0, m: 0, bytes: concatBytes(v).reverse() };
  if (v.kind === 'string') return { n: 0, m: 0, text: v.value };
  return { n: start(v), m: end(v) };
}

export function sortElements<T extends { readonly key: Value }>(elements: readonly T[]): T[] {
  const keyed = elements.map((e) => ({ e, k: sortKey(e.key) }));
  keyed.sort((a, b) => {
    const x = a.k;
    const y = b.k;
    if (x.bytes && y.bytes) {
      for (let i = 0; i < Math.max(x.bytes.length, y.bytes.length); i++) {
        const d = (x.bytes[i] ?? 0) - (y.bytes[i] ?? 0);
        if (d !== 0) return d;
      }
      return 0;
    }
    if (x.text !== undefined && y.text !== undefined) return x.text < y.text ? -1 : x.text > y.text ? 1 : 0;
    return x.n - y.n || x.m - y.m;
  });
  return keyed.map((x) => x.e);
}
