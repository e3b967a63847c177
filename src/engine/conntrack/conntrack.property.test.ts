/**
 * Properties over random connections through one node with random DNAT/SNAT: the reply, translated back,
 * is exactly the original reversed at the client; the wire tuples of live connections never collide;
 * the printers never throw and keep their layout.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../random';
import { crossNode, type NatDecision } from './crossing';
import { createConntrackTable } from './model';
import { printConntrackEvent, printConntrackList } from './print';
import { tupleKey } from './tuple';
import type { Ipv4 } from '../ipv4';
import type { TrackedPacket } from '../packet';

// A tiny address and port space, so that connections collide and the clash handling is exercised.
const addr = fc.integer({ min: 0x0a000001, max: 0x0a000002 }).map((n) => n as Ipv4);
const port = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(80, 40000) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 1023 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1024, max: 65535 }) },
);
const nat = fc.record(
  {
    dnat: fc.record({ minIp: addr, minPort: fc.option(port, { nil: undefined }) }),
    // MASQUERADE / SNAT, optionally `--to-ports 1024-1100` (a single fixed SNAT port is taken without a
    // uniqueness check, so it could legitimately clash and be dropped at confirm: unit-tested instead)
    snat: fc
      .tuple(addr, fc.boolean(), fc.boolean())
      .map(([minIp, randomFully, ranged]) => (ranged ? { minIp, randomFully, minPort: 1024, maxPort: 1100 } : { minIp, randomFully })),
  },
  { requiredKeys: [] },
);
const connection = fc.record({
  protocol: fc.constantFrom('tcp' as const, 'udp' as const),
  client: addr,
  sport: port,
  service: addr,
  dport: port,
  nat,
});

const reverse = (p: TrackedPacket): TrackedPacket => ({ ...p, src: p.dst, dst: p.src, sport: p.dport, dport: p.sport });
const LINE = /^(tcp {6}6 \d+ [A-Z_2]+|udp {6}17 \d+) src=\S+ dst=\S+ sport=\d+ dport=\d+ (\[UNREPLIED\] )?src=\S+ dst=\S+ sport=\d+ dport=\d+ (\[ASSURED\] )?mark=0 use=1$/;

describe('conntrack properties', () => {
  it('forward then reply: the client sees exactly its own tuple reversed; wire tuples stay unique', () => {
    fc.assert(
      fc.property(fc.array(connection, { minLength: 1, maxLength: 8 }), fc.integer(), (conns, seed) => {
        const table = createConntrackTable();
        const rng = createRandom(seed);
        const random32 = (): number => rng.next32();
        conns.forEach((c, i) => {
          const now = i * 10;
          const packet: TrackedPacket = {
            src: c.client, dst: c.service, protocol: c.protocol, sport: c.sport, dport: c.dport, mark: 0, length: 60,
            tcpFlags: c.protocol === 'tcp' ? ['SYN'] : undefined,
          };
          const there = crossNode(table, packet, now, { random32, nat: c.nat as NatDecision });
          // NAT always finds a unique tuple here, so no new connection is dropped at confirm.
          expect(there.out).toBeDefined();
          if (!there.classification.isNew) return; // the same 5-tuple drawn twice: an existing connection
          const answer: TrackedPacket = { ...reverse(there.out as TrackedPacket), tcpFlags: c.protocol === 'tcp' ? ['SYN', 'ACK'] : undefined };
          const back = crossNode(table, answer, now + 1, { random32 });
          expect(back.classification.ctstate).toBe('ESTABLISHED');
          expect(back.classification.direction).toBe('reply');
          const atClient = back.out as TrackedPacket;
          expect([atClient.src, atClient.sport, atClient.dst, atClient.dport]).toEqual([c.service, c.dport, c.client, c.sport]);
        });
        // No tuple belongs to two connections (a connection to itself has equal tuples: counted once).
        const keys = [...table.entries.values()].flatMap((e) => [...new Set([tupleKey(e.original), tupleKey(e.reply)])]);
        expect(new Set(keys).size).toBe(keys.length);
      }),
      { numRuns: 1000 },
    );
  });

  it('the printers never throw and keep the conntrack-tools layout', () => {
    fc.assert(
      fc.property(fc.array(connection, { minLength: 1, maxLength: 4 }), fc.integer({ min: 0, max: 500_000_000 }), (conns, later) => {
        const table = createConntrackTable();
        const rng = createRandom(later);
        const random32 = (): number => rng.next32();
        conns.forEach((c, i) => {
          crossNode(table, {
            src: c.client, dst: c.service, protocol: c.protocol, sport: c.sport, dport: c.dport, mark: 0, length: 60,
            tcpFlags: c.protocol === 'tcp' ? ['SYN'] : undefined,
          }, i, { random32, nat: c.nat as NatDecision });
        });
        for (const line of printConntrackList(table, later).split('\n').filter(Boolean)) expect(line).toMatch(LINE);
        for (const ev of table.events ?? []) {
          expect(printConntrackEvent(ev.kind, ev.entry, later, { protoinfo: ev.protoinfo })).toMatch(/^ {0,4}\[(NEW|UPDATE|DESTROY)\] (tcp|udp) /);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
