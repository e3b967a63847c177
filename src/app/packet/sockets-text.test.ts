/**
 * What the packet panel says when a stack refuses a packet or a ping is never answered (issue 14), in English and
 * Korean, from real traces of the default scenario (the worker's session, as the page gets them).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EngineSession } from '../../worker/engine-session';
import type { TraceRequest, TraceView } from '../../worker/api';
import { fateText, outcomeWord, packetLabel } from '../outcome-text';

const text = readFileSync(join(import.meta.dirname, '../../scenarios/default.yaml'), 'utf8');

function traceOf(request: TraceRequest): TraceView {
  const session = new EngineSession();
  session.load(text);
  const r = session.trace(request);
  if (!r.ok) throw new Error(r.error);
  return r.trace;
}

describe('refused and unanswered packets in words', () => {
  it('a SYN to a closed node port: refused by the node, which answers with a RST', () => {
    const t = traceOf({ from: 'external', to: 'myk8s-worker:31999' });
    expect(outcomeWord(t.outcome, 'en')).toBe('rejected');
    const syn = t.packets[0]!;
    expect(syn.fate.refused).toEqual({ by: { kind: 'node', name: 'myk8s-worker', node: 'myk8s-worker' }, address: '172.18.0.3', port: 31999, protocol: 'tcp' });
    expect(fateText(syn, 'en').text).toBe('The SYN was refused by a process on myk8s-worker: nothing listens on 172.18.0.3:31999/tcp, so its stack answers with RST.');
    expect(fateText(syn, 'ko').text).toBe('SYN은 myk8s-worker 노드의 프로세스에서 거부되었습니다. 172.18.0.3:31999/tcp에서 듣고 있는 소켓이 없어 커널이 RST로 응답합니다.');
    expect(t.packets[1]!.label).toBe('RST');
  });

  it('a UDP datagram to a closed pod port: the pod answers ICMP port unreachable', () => {
    const t = traceOf({ from: 'net-pod', to: '10.10.2.2:5353', protocol: 'udp' });
    const q = t.packets[0]!;
    expect(fateText(q, 'en').text).toBe('The query was refused by webpod2: nothing listens on 10.10.2.2:5353/udp, so its stack answers with ICMP port unreachable.');
    expect(fateText(q, 'ko').text).toBe('질의는 webpod2에서 거부되었습니다. 10.10.2.2:5353/udp에서 듣고 있는 소켓이 없어 커널이 ICMP 포트 도달 불가로 응답합니다.');
    expect(packetLabel(t.packets[1]!.label, 'ko')).toBe('ICMP 포트 도달 불가');
  });

  it('a ping to a ClusterIP is never answered, and says why', () => {
    const t = traceOf({ from: 'net-pod', to: 'svc-clusterip', protocol: 'icmp' });
    const echo = t.packets[0]!;
    expect(echo.fate.unanswered).toEqual({ dst: '10.200.1.100', gateway: '172.18.0.1', clusterIP: true });
    expect(fateText(echo, 'en').text).toBe(
      "The echo request is never answered: nobody owns 10.200.1.100 (a ClusterIP is only a match in kube-proxy's rules, and none matched this packet), so myk8s-control-plane sent it by its default route to 172.18.0.1, out of the cluster.",
    );
    expect(fateText(echo, 'ko').text).toBe(
      'echo 요청은 응답을 받지 못합니다. 10.200.1.100을 가진 호스트가 없어(ClusterIP는 kube-proxy 규칙의 매치 조건일 뿐이고, 이 패킷에 맞는 규칙이 없었습니다) myk8s-control-plane 노드가 기본 경로로 172.18.0.1에 보냈고, 패킷은 클러스터 밖으로 나갔습니다.',
    );
  });

  it('a ping to a pod is delivered both ways', () => {
    const t = traceOf({ from: 'net-pod', to: '10.10.2.2', protocol: 'icmp' });
    expect(t.packets.map((p) => packetLabel(p.label, 'ko'))).toEqual(['echo 요청', 'echo 응답']);
    expect(fateText(t.packets[1]!, 'en').text).toBe('The echo reply was delivered to net-pod.');
  });
});

describe('the narration of a refused packet', () => {
  it('the last hop says the stack found no socket and answers, in both languages', async () => {
    const { narrate } = await import('./narration');
    const t = traceOf({ from: 'external', to: 'myk8s-worker:31999' });
    const syn = t.packets[0]!;
    const last = syn.hops[syn.hops.length - 1]!;
    expect(narrate('en', syn, last)).toBe('myk8s-worker receives the packet, but nothing listens on 172.18.0.3:31999/tcp: its stack refuses it and answers with RST');
    expect(narrate('ko', syn, last)).toBe('myk8s-worker 노드의 프로세스 도착, 하지만 172.18.0.3:31999/tcp에서 듣고 있는 소켓이 없음: 커널이 거부하고 RST로 응답');
  });
});
