import { describe, expect, it } from 'vitest';
import { masquerades, normalizeConntrack, parseConntrackLine } from './conntrack';

// Lines as conntrack-tools 1.4.7 prints them on a node (the lab prints the same layout).
const DNAT_MASQ = 'tcp      6 117 TIME_WAIT src=203.0.113.10 dst=172.18.0.3 sport=33007 dport=30080 src=10.10.2.2 dst=172.18.0.3 sport=80 dport=41234 [ASSURED] mark=0 use=1';
const NEXT_HOP = 'tcp      6 119 TIME_WAIT src=172.18.0.3 dst=10.10.2.2 sport=41234 dport=80 src=10.10.2.2 dst=172.18.0.3 sport=80 dport=41234 [ASSURED] mark=0 use=1';
const UDP = 'udp      17 28 src=10.10.0.4 dst=10.200.1.10 sport=33100 dport=53 src=10.10.0.2 dst=10.10.0.4 sport=53 dport=33100 mark=0 use=1';

describe('conntrack lines compared without chance or the clock', () => {
  it('reads protocol, state, both tuples and flags; UDP has no state', () => {
    expect(parseConntrackLine(DNAT_MASQ)).toEqual({
      protocol: 'tcp', state: 'TIME_WAIT', flags: ['[ASSURED]'], mark: '0',
      original: { src: '203.0.113.10', dst: '172.18.0.3', sport: '33007', dport: '30080' },
      reply: { src: '10.10.2.2', dst: '172.18.0.3', sport: '80', dport: '41234' },
    });
    expect(parseConntrackLine(UDP)?.state).toBe('');
    expect(parseConntrackLine('conntrack v1.4.7 (conntrack-tools): 2 flow entries have been shown.')).toBeUndefined();
  });

  it('names the client\'s port C and the port MASQUERADE chose M, on every node, and drops the countdown', () => {
    const kernel = normalizeConntrack({ 'myk8s-worker': [DNAT_MASQ], 'myk8s-worker2': [NEXT_HOP] }, 33007);
    const lab = normalizeConntrack(
      { 'myk8s-worker': [DNAT_MASQ.replace(/33007/g, '50367').replace(/41234/g, '61000').replace(' 117 ', ' 119 ')], 'myk8s-worker2': [NEXT_HOP.replace(/41234/g, '61000')] },
      50367,
    );
    expect(kernel).toEqual(lab);
    expect(kernel['myk8s-worker']).toEqual(['tcp TIME_WAIT src=203.0.113.10 dst=172.18.0.3 sport=C dport=30080 src=10.10.2.2 dst=172.18.0.3 sport=80 dport=M [ASSURED] mark=0']);
    expect(kernel['myk8s-worker2']).toEqual(['tcp TIME_WAIT src=172.18.0.3 dst=10.10.2.2 sport=M dport=80 src=10.10.2.2 dst=172.18.0.3 sport=80 dport=M [ASSURED] mark=0']);
  });

  it('tells a different state or address apart', () => {
    const a = normalizeConntrack({ n: [DNAT_MASQ] }, 33007);
    expect(normalizeConntrack({ n: [DNAT_MASQ.replace('TIME_WAIT', 'CLOSE')] }, 33007)).not.toEqual(a);
    expect(normalizeConntrack({ n: [DNAT_MASQ.replace('src=10.10.2.2', 'src=10.10.1.2')] }, 33007)).not.toEqual(a);
  });

  it('reads masquerades off the reply tuples', () => {
    expect(masquerades({ 'myk8s-worker': [DNAT_MASQ], x: [UDP] })).toEqual(['myk8s-worker: 203.0.113.10 → 172.18.0.3']);
  });
});
