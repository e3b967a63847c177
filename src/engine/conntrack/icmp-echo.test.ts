/**
 * An icmp echo entry as `conntrack -L` prints it (issue 14). The expected line is what the real conntrack-tools
 * printed (v1.4.7, same libnetfilter_conntrack formatter as 1.4.8) after `ping -n -c 1 127.0.0.1` inside an
 * `unshare --net` namespace with one conntrack rule loaded: type/code/id in each tuple, no [UNREPLIED] once the
 * echo reply came back, the 30 s icmp timeout minus the second that passed.
 */
import { describe, expect, it } from 'vitest';
import { parseIpv4 } from '../ipv4';
import type { TrackedPacket } from '../packet';
import { classify } from './classify';
import { createConntrackTable } from './model';
import { printConntrackEntry } from './print';
import { confirm } from './table';

const REAL = 'icmp     1 29 src=127.0.0.1 dst=127.0.0.1 type=8 code=0 id=13307 src=127.0.0.1 dst=127.0.0.1 type=0 code=0 id=13307 mark=0 use=1';
const lo = parseIpv4('127.0.0.1')!;
const echo = (icmpType: number): TrackedPacket => ({ src: lo, dst: lo, protocol: 'icmp', sport: 0, dport: 0, icmpType, icmpCode: 0, icmpId: 13307, mark: 0, length: 84 });

describe('icmp echo in conntrack -L', () => {
  it('prints the entry of an answered ping exactly as conntrack-tools does', () => {
    const table = createConntrackTable();
    const request = classify(table, echo(8), 0);
    expect([request.ctstate, request.isNew]).toEqual(['NEW', true]);
    confirm(table, request.entry!, 0);
    const reply = classify(table, echo(0), 2);
    expect([reply.ctstate, reply.direction]).toEqual(['ESTABLISHED', 'reply']);
    expect(printConntrackEntry(reply.entry!, 1000)).toBe(REAL);
  });

  it('an unanswered ping stays [UNREPLIED], as the lab shows a ping to a ClusterIP', () => {
    const table = createConntrackTable();
    const request = classify(table, echo(8), 0);
    confirm(table, request.entry!, 0);
    expect(printConntrackEntry(request.entry!, 1000)).toBe('icmp     1 29 src=127.0.0.1 dst=127.0.0.1 type=8 code=0 id=13307 [UNREPLIED] src=127.0.0.1 dst=127.0.0.1 type=0 code=0 id=13307 mark=0 use=1');
  });
});
