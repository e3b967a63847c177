import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HopView, TraceView } from '../../worker/api';
import { EngineSession } from '../../worker/engine-session';
import { narrate } from './narration';

type RuleHop = Extract<HopView, { kind: 'rule' }>;

function trace(lesson: string, from: string, to: string): TraceView {
  const session = new EngineSession();
  session.load(readFileSync(join(import.meta.dirname, '../../scenarios/lessons', `${lesson}.yaml`), 'utf8'));
  const r = session.trace({ from, to });
  if (!r.ok) throw new Error(r.error);
  return r.trace;
}

/** The rule hop that decided the first packet's fate. */
function fateHop(t: TraceView): { hop: RuleHop; packet: TraceView['packets'][number] } {
  const packet = t.packets[0]!;
  const hop = packet.hops.findLast((h): h is RuleHop => h.kind === 'rule' && h.matched && (h.target === 'DROP' || h.target === 'REJECT'))!;
  return { hop, packet };
}

describe('narration of a Service without (local) endpoints', () => {
  it('says an externalTrafficPolicy Local Service has no local endpoints on this node, not no endpoints', () => {
    const t = trace('06-external-traffic-local', 'external', 'myk8s-control-plane:30081');
    expect(t.outcome).toBe('dropped');
    const { hop, packet } = fateHop(t);
    expect(hop.meaning).toMatchObject({ role: 'no-local-endpoints', service: 'default/svc-local:svc-webport' });
    expect(narrate('en', packet, hop)).toBe('filter INPUT → KUBE-EXTERNAL-SERVICES: svc-local has no local endpoints on this node, DROP: the packet is discarded');
    expect(narrate('ko', packet, hop)).toBe('filter INPUT → KUBE-EXTERNAL-SERVICES: svc-local: 이 노드에 로컬 엔드포인트가 없음, DROP: 패킷 폐기');
  });

  it('still says a Service with no endpoints at all has no endpoints (lesson 10: REJECT)', () => {
    const t = trace('10-no-endpoints', 'net-pod', 'svc-empty:9000');
    const { hop, packet } = fateHop(t);
    expect(hop.target).toBe('REJECT');
    expect(hop.meaning?.role).toBe('no-endpoints');
    expect(narrate('en', packet, hop)).toMatch(/: svc-empty has no endpoints, REJECT: /);
    expect(narrate('en', packet, hop)).not.toContain('local');
    expect(narrate('ko', packet, hop)).toMatch(/: svc-empty에 엔드포인트가 없음, REJECT: /);
  });

  it('narrates a rule without a meaning by its action alone, never by its text', () => {
    const t = trace('06-external-traffic-local', 'external', 'myk8s-control-plane:30081');
    const { hop, packet } = fateHop(t);
    const bare: RuleHop = { ...hop, rule: `${hop.rule} -m comment --comment "svc-local has no endpoints"` };
    delete (bare as { meaning?: unknown }).meaning;
    expect(narrate('en', packet, bare)).toBe('filter INPUT → KUBE-EXTERNAL-SERVICES: DROP: the packet is discarded');
  });
});
