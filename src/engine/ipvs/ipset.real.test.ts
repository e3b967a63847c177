/**
 * `ipset list` against the real ipset: random sets of every type kube-proxy uses, created in a throw-away
 * network namespace with the real `ipset restore`, must list byte for byte as we list them — member order
 * (the kernel's jhash bucket walk), `Size in memory` (bucket allocations) and header included. Skipped, with
 * the reason, where root cannot make a namespace or ipset is not installed (.ci/run installs it).
 */
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { probeRealIpset } from '../test-support/ipset';
import type { IpSet, IpSetType } from './ipset';
import { ipsetRestoreText, printIpsetList } from './ipset';

const real = probeRealIpset();

const octet = fc.integer({ min: 0, max: 255 });
const ip = fc.tuple(fc.integer({ min: 1, max: 223 }), octet, octet, octet).map((o) => o.join('.'));
const proto = fc.constantFrom('tcp', 'udp', 'sctp');
const port = fc.integer({ min: 1, max: 65535 });
const member: Record<IpSetType, fc.Arbitrary<string>> = {
  'hash:ip': ip,
  'hash:ip,port': fc.tuple(ip, proto, port).map(([a, p, n]) => `${a},${p}:${n}`),
  'hash:ip,port,ip': fc.tuple(ip, proto, port, ip).map(([a, p, n, b]) => `${a},${p}:${n},${b}`),
  'hash:ip,port,net': fc.tuple(ip, proto, port, ip, fc.integer({ min: 1, max: 32 })).map(([a, p, n, b, len]) => `${a},${p}:${n},${b}/${len}`),
  'bitmap:port': port.map(String),
};
const TYPES = Object.keys(member) as IpSetType[];
const set = (i: number): fc.Arbitrary<IpSet> =>
  fc.constantFrom(...TYPES).chain((type) =>
    fc.record({
      name: fc.constant(`KPL-SET-${i}`),
      type: fc.constant(type),
      initval: fc.integer({ min: 0, max: 0xffffffff }),
      // Up to 300 members: enough for buckets to fill and grow.
      members: fc.array(member[type], { maxLength: 300 }),
      references: fc.constant(0),
    }),
  );

describe.skipIf(!real.available)(`ipset list against the real ipset (${real.available ? real.version : `skipped: ${real.reason}`})`, () => {
  it('random sets list exactly as the kernel lists them', () => {
    fc.assert(
      fc.property(fc.tuple(set(0), set(1), set(2)), (sets) => {
        const run = spawnSync('unshare', ['-n', 'sh', '-c', 'ipset restore && ipset list'], { input: ipsetRestoreText(sets), encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
        expect(run.stderr).toBe('');
        expect(printIpsetList(sets)).toBe(run.stdout);
      }),
      { numRuns: 40 },
    );
  });
});
