import { describe, expect, test } from 'vitest';
import { readVector } from '../test-support/vectors';
import { base32, chainHash, endpointChainName, servicePortChains } from './chain-names';

const rows = readVector('chain-names.tsv').trim().split('\n').slice(1).map((l) => l.split('\t') as [string, string]);

describe('chain names (vectors/chain-names.tsv)', () => {
  test.each(rows)('%s → %s', (hashed, chain) => {
    const prefix = chain.slice(0, chain.lastIndexOf('-') + 1);
    expect(prefix + chainHash(hashed)).toBe(chain);
  });

  test('servicePortChains and endpointChainName build the hashed string as kube-proxy does', () => {
    expect(servicePortChains('ns1/svc1:p80', 'tcp').svc).toBe('KUBE-SVC-XPGD46QRK7WJZT7O');
    expect(servicePortChains('ns1/svc1:p80', 'tcp').svl).toBe('KUBE-SVL-XPGD46QRK7WJZT7O');
    expect(servicePortChains('default/nginx', 'tcp').svc).toBe('KUBE-SVC-2CMXP7HKUVJN7L6M');
    expect(endpointChainName('ns1/svc1:p80', 'tcp', '10.180.0.1:80')).toBe('KUBE-SEP-SXIVWICOYRO3J4NJ');
    expect(endpointChainName('kube-system/kube-dns:dns', 'udp', '10.56.110.113:53')).toBe('KUBE-SEP-OUJNVWUPANHJ5D7L');
  });
});

describe('base32 (RFC 4648 §10 test vectors)', () => {
  const bytes = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
  test.each([
    ['', ''], ['f', 'MY======'], ['fo', 'MZXQ===='], ['foo', 'MZXW6==='], ['foob', 'MZXW6YQ='],
    ['fooba', 'MZXW6YTB'], ['foobar', 'MZXW6YTBOI======'],
  ])('%j → %s', (input, encoded) => {
    expect(base32(bytes(input))).toBe(encoded);
  });
});
