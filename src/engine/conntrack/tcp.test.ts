/** The TCP tracker: the kernel's transition table, timeouts, ASSURED, INVALID segments, RST, reopen. */
import { describe, expect, it } from 'vitest';
import { parseIpv4 } from '../ipv4';
import { classify } from './classify';
import { IPS, createConntrackTable, type ConntrackTable, type Direction, type TcpConntrackState, type TcpIndex } from './model';
import { remainingSeconds } from './print';
import { confirm } from './table';
import { tcpIndex, tcpTransition } from './tcp';
import type { TcpFlag, TrackedPacket } from '../packet';

const A = parseIpv4('10.0.0.2')!;
const B = parseIpv4('10.180.0.1')!;
const seg = (dir: Direction, flags: TcpFlag[], tcpPayload = 0): TrackedPacket =>
  dir === 'original'
    ? { src: A, dst: B, protocol: 'tcp', sport: 40000, dport: 80, tcpFlags: flags, mark: 0, length: 60, tcpPayload }
    : { src: B, dst: A, protocol: 'tcp', sport: 80, dport: 40000, tcpFlags: flags, mark: 0, length: 60, tcpPayload };

/** Sends segments in order at the given times, confirming the first; returns what each one saw. */
function run(table: ConntrackTable, steps: readonly [Direction, TcpFlag[], number, number?][]) {
  return steps.map(([dir, flags, at, payload]) => {
    const c = classify(table, seg(dir, flags, payload ?? 0), at);
    if (c.isNew && c.entry) expect(confirm(table, c.entry, at).ok).toBe(true);
    return { ctstate: c.ctstate, state: c.entry?.tcp?.state, seconds: c.entry ? remainingSeconds(c.entry, at) : undefined, entry: c.entry };
  });
}

describe('get_conntrack_index', () => {
  it.each<[TcpFlag[], TcpIndex]>([
    [['SYN'], 'SYN'],
    [['SYN', 'ACK'], 'SYNACK'],
    [['FIN', 'ACK'], 'FIN'],
    [['ACK', 'PSH'], 'ACK'],
    [['RST', 'ACK'], 'RST'],
    [['RST', 'SYN'], 'RST'],
    [['SYN', 'FIN'], 'SYN'],
    [[], 'NONE'],
    [['PSH', 'URG'], 'NONE'],
  ])('%j → %s', (flags, index) => expect(tcpIndex(flags)).toBe(index));
});

describe('tcp_conntracks (cells checked against the kernel comments)', () => {
  it.each<[Direction, TcpIndex, TcpConntrackState, string]>([
    ['original', 'SYN', 'NONE', 'SYN_SENT'],
    ['original', 'SYN', 'SYN_SENT', 'SYN_SENT'],
    ['original', 'SYN', 'SYN_RECV', 'IGNORE'],
    ['original', 'SYN', 'ESTABLISHED', 'IGNORE'],
    ['original', 'SYN', 'TIME_WAIT', 'SYN_SENT'],
    ['original', 'SYN', 'CLOSE', 'SYN_SENT'],
    ['original', 'SYN', 'SYN_SENT2', 'SYN_SENT2'],
    ['original', 'SYNACK', 'SYN_SENT', 'INVALID'],
    ['original', 'SYNACK', 'SYN_SENT2', 'SYN_RECV'],
    ['original', 'FIN', 'SYN_SENT', 'INVALID'],
    ['original', 'FIN', 'ESTABLISHED', 'FIN_WAIT'],
    ['original', 'FIN', 'FIN_WAIT', 'LAST_ACK'],
    ['original', 'ACK', 'NONE', 'ESTABLISHED'],
    ['original', 'ACK', 'SYN_SENT', 'INVALID'],
    ['original', 'ACK', 'SYN_RECV', 'ESTABLISHED'],
    ['original', 'ACK', 'FIN_WAIT', 'CLOSE_WAIT'],
    ['original', 'ACK', 'LAST_ACK', 'TIME_WAIT'],
    ['original', 'RST', 'NONE', 'INVALID'],
    ['original', 'RST', 'ESTABLISHED', 'CLOSE'],
    ['original', 'NONE', 'ESTABLISHED', 'INVALID'],
    ['reply', 'SYN', 'SYN_SENT', 'SYN_SENT2'],
    ['reply', 'SYN', 'TIME_WAIT', 'SYN_SENT'],
    ['reply', 'SYN', 'ESTABLISHED', 'INVALID'],
    ['reply', 'SYNACK', 'SYN_SENT', 'SYN_RECV'],
    ['reply', 'SYNACK', 'ESTABLISHED', 'IGNORE'],
    ['reply', 'FIN', 'SYN_SENT', 'INVALID'],
    ['reply', 'FIN', 'FIN_WAIT', 'LAST_ACK'],
    ['reply', 'ACK', 'SYN_SENT', 'IGNORE'],
    ['reply', 'ACK', 'SYN_RECV', 'SYN_RECV'],
    ['reply', 'ACK', 'FIN_WAIT', 'CLOSE_WAIT'],
    ['reply', 'ACK', 'CLOSE_WAIT', 'CLOSE_WAIT'],
    ['reply', 'ACK', 'LAST_ACK', 'TIME_WAIT'],
    ['reply', 'RST', 'ESTABLISHED', 'CLOSE'],
  ])('%s %s in %s → %s', (dir, index, state, next) => expect(tcpTransition(dir, index, state)).toBe(next));
});

describe('connection flows', () => {
  it('handshake, data, active close from the client: the vector sequence and timeouts', () => {
    const table = createConntrackTable();
    const seen = run(table, [
      ['original', ['SYN'], 0],
      ['reply', ['SYN', 'ACK'], 10],
      ['original', ['ACK'], 20],
      ['original', ['PSH', 'ACK'], 30, 100],
      ['reply', ['ACK'], 40],
      ['original', ['FIN', 'ACK'], 50],
      ['reply', ['FIN', 'ACK'], 60],
      ['original', ['ACK'], 70],
    ]);
    expect(seen.map((s) => [s.ctstate, s.state, s.seconds])).toEqual([
      ['NEW', 'SYN_SENT', 120],
      ['ESTABLISHED', 'SYN_RECV', 60],
      ['ESTABLISHED', 'ESTABLISHED', 432000],
      // data not yet acknowledged: the UNACK timeout caps ESTABLISHED
      ['ESTABLISHED', 'ESTABLISHED', 300],
      ['ESTABLISHED', 'ESTABLISHED', 432000],
      ['ESTABLISHED', 'FIN_WAIT', 120],
      ['ESTABLISHED', 'LAST_ACK', 30],
      ['ESTABLISHED', 'TIME_WAIT', 120],
    ]);
    const entry = seen[0]!.entry!;
    expect(entry.status & IPS.ASSURED).toBe(IPS.ASSURED);
  });

  it('ASSURED only on the handshake-completing ACK, not on SYN/ACK', () => {
    const table = createConntrackTable();
    const [syn, synAck] = run(table, [
      ['original', ['SYN'], 0],
      ['reply', ['SYN', 'ACK'], 1],
    ]);
    expect(synAck!.entry!.status & IPS.ASSURED).toBe(0);
    expect(syn!.entry!.status & IPS.SEEN_REPLY).toBe(IPS.SEEN_REPLY);
    run(table, [['original', ['ACK'], 2]]);
    expect(syn!.entry!.status & IPS.ASSURED).toBe(IPS.ASSURED);
  });

  it('a separate ACK to the FIN goes through CLOSE_WAIT', () => {
    const table = createConntrackTable();
    const states = run(table, [
      ['original', ['SYN'], 0],
      ['reply', ['SYN', 'ACK'], 1],
      ['original', ['ACK'], 2],
      ['original', ['FIN', 'ACK'], 3],
      ['reply', ['ACK'], 4],
      ['reply', ['FIN', 'ACK'], 5],
      ['original', ['ACK'], 6],
    ]).map((s) => `${s.state} ${s.seconds}`);
    expect(states.slice(3)).toEqual(['FIN_WAIT 120', 'CLOSE_WAIT 60', 'LAST_ACK 30', 'TIME_WAIT 120']);
  });

  it('RST answering an unreplied SYN kills the entry at once; the RST itself is still ESTABLISHED', () => {
    const table = createConntrackTable();
    const [, rst] = run(table, [
      ['original', ['SYN'], 0],
      ['reply', ['RST', 'ACK'], 5],
    ]);
    expect(rst!.ctstate).toBe('ESTABLISHED');
    expect(rst!.state).toBe('CLOSE');
    expect(table.entries.size).toBe(0);
    expect(table.events?.map((e) => e.kind)).toEqual(['NEW', 'DESTROY']);
    // the timer was not refreshed: DESTROY reports what was left of the SYN_SENT timeout
    expect(remainingSeconds(table.events![1]!.entry, 5)).toBe(119);
  });

  it('RST on an established connection: CLOSE for 10 s, then gone', () => {
    const table = createConntrackTable();
    const seen = run(table, [
      ['original', ['SYN'], 0],
      ['reply', ['SYN', 'ACK'], 1],
      ['original', ['ACK'], 2],
      ['reply', ['RST'], 1000],
    ]);
    expect([seen[3]!.state, seen[3]!.seconds]).toEqual(['CLOSE', 10]);
    expect(table.entries.size).toBe(1);
    const after = classify(table, seg('original', ['ACK']), 11_000);
    expect(after.isNew).toBe(true); // expired on lookup: a bare ACK picks a new connection up
    expect(table.events?.at(-1)?.kind).toBe('DESTROY');
  });

  it('a retransmitted SYN stays NEW and does not renew the timeout', () => {
    const table = createConntrackTable();
    const [, again] = run(table, [
      ['original', ['SYN'], 0],
      ['original', ['SYN'], 3000],
    ]);
    expect(again!.ctstate).toBe('NEW');
    expect(again!.seconds).toBe(117);
  });

  it('a SYN in TIME_WAIT replaces the closed connection (DESTROY, then a NEW entry)', () => {
    const table = createConntrackTable();
    const seen = run(table, [
      ['original', ['SYN'], 0],
      ['reply', ['SYN', 'ACK'], 1],
      ['original', ['ACK'], 2],
      ['original', ['FIN', 'ACK'], 3],
      ['reply', ['FIN', 'ACK'], 4],
      ['original', ['ACK'], 5],
      ['original', ['SYN'], 6],
    ]);
    const reopened = seen[6]!;
    expect(reopened.ctstate).toBe('NEW');
    expect(reopened.entry).not.toBe(seen[0]!.entry);
    expect(reopened.state).toBe('SYN_SENT');
    expect(table.events?.map((e) => e.kind).slice(-2)).toEqual(['DESTROY', 'NEW']);
  });

  it.each<[string, TcpFlag[]]>([
    ['SYN/ACK', ['SYN', 'ACK']],
    ['FIN', ['FIN', 'ACK']],
    ['RST', ['RST']],
    ['no flags', []],
  ])('a first segment with %s is INVALID and leaves no entry', (_name, flags) => {
    const table = createConntrackTable();
    const c = classify(table, seg('original', flags), 0);
    expect(c).toEqual({ direction: 'original', ctstate: 'INVALID', isNew: false });
  });

  it('invalid in state: a client ACK before the SYN/ACK is INVALID, the entry unchanged', () => {
    const table = createConntrackTable();
    const [, ack] = run(table, [
      ['original', ['SYN'], 0],
      ['original', ['ACK'], 1],
    ]);
    expect(ack!.ctstate).toBe('INVALID');
    expect([...table.entries.values()][0]!.tcp!.state).toBe('SYN_SENT');
  });

  it('a bare ACK picks up a connection mid-stream (nf_conntrack_tcp_loose): ESTABLISHED capped at 300 s until replied', () => {
    const table = createConntrackTable();
    const seen = run(table, [
      ['original', ['ACK'], 0],
      ['reply', ['ACK'], 1],
      ['original', ['ACK'], 2],
    ]);
    expect(seen.map((s) => [s.ctstate, s.state, s.seconds])).toEqual([
      ['NEW', 'ESTABLISHED', 300],
      // SEEN_REPLY is set only after the tracker ran, so the first reply is still capped
      ['ESTABLISHED', 'ESTABLISHED', 300],
      ['ESTABLISHED', 'ESTABLISHED', 432000],
    ]);
    // the reply (IPCT_REPLY) and then ASSURED: UPDATEs without a state change carry no protocol info
    expect(table.events?.map((e) => [e.kind, e.protoinfo, e.entry.status & IPS.ASSURED])).toEqual([
      ['NEW', true, 0],
      ['UPDATE', false, 0],
      ['UPDATE', false, IPS.ASSURED],
    ]);
  });

  it('simultaneous open: SYN both ways, SYN/ACK, ACK → ESTABLISHED', () => {
    const table = createConntrackTable();
    const seen = run(table, [
      ['original', ['SYN'], 0],
      ['reply', ['SYN'], 1],
      ['original', ['SYN', 'ACK'], 2],
      ['reply', ['ACK'], 3],
    ]);
    expect(seen.map((s) => s.state)).toEqual(['SYN_SENT', 'SYN_SENT2', 'SYN_RECV', 'ESTABLISHED']);
  });

  it('a SYN/ACK retransmitted after ESTABLISHED is ignored: no state change, no event', () => {
    const table = createConntrackTable();
    run(table, [
      ['original', ['SYN'], 0],
      ['reply', ['SYN', 'ACK'], 1],
      ['original', ['ACK'], 2],
    ]);
    const before = table.events?.length;
    const [again] = run(table, [['reply', ['SYN', 'ACK'], 500]]);
    expect([again!.ctstate, again!.state, again!.seconds]).toEqual(['ESTABLISHED', 'ESTABLISHED', 431999]);
    expect(table.events?.length).toBe(before);
  });
});
