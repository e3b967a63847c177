/**
 * The narration of lessons written for iptables mode, on the same kind cluster created with
 * `kubeProxyMode: ipvs` (so a send that continues another keeps its conntrack and IPVS state): a NodePort flow (lesson 3), sessionAffinity as IPVS
 * persistence (lesson 8). (Lesson 9's hairpin does not carry over: rr sends webpod1's connection to
 * another pod, so KUBE-LOOP-BACK has nothing to do; meaning.test.ts covers that role.) Lessons 20-22 (IPVS ClusterIP, the ping, schedulers) are in
 * narration.golden.test.ts. UPDATE_GOLDEN=1 rewrites `__golden__/ipvs-<lesson>.<lang>.txt`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { expectGolden } from '../../engine/test-support/golden';
import { LESSONS } from '../../scenarios/lessons/index';
import { EngineSession } from '../../worker/engine-session';
import { sendChain, setupOf } from '../lessons/sends';
import { narrate } from './narration';

const DIR = join(import.meta.dirname, '__golden__');
const LESSON_DIR = join(import.meta.dirname, '../../scenarios/lessons');

function narrateInIpvsMode(id: string): { en: string; ko: string; roles: Set<string> } {
  const lesson = LESSONS.find((l) => l.id === id)!;
  const iptablesText = readFileSync(join(LESSON_DIR, `${id}.yaml`), 'utf8');
  expect(iptablesText).not.toMatch(/kubeProxyMode/);
  const text = iptablesText.replace(/^( {2}serviceSubnet: .*\n)/m, '$1  kubeProxyMode: ipvs\n');
  expect(text).toMatch(/kubeProxyMode: ipvs/);
  const out = { en: [] as string[], ko: [] as string[] };
  const roles = new Set<string>();
  for (const send of lesson.sends) {
    if (send.kind !== 'connection') continue;
    const session = new EngineSession();
    session.load(text);
    let last;
    for (const s of sendChain(lesson, send.id)) {
      const setup = setupOf(s, s.seed ?? 1);
      last = session.trace({ from: setup.from, to: setup.to, ...(setup.via ? { via: setup.via } : {}), ...(setup.protocol ? { protocol: setup.protocol } : {}), ...(setup.sport !== undefined ? { sport: setup.sport } : {}), ...(setup.keepOpen ? { keepOpen: true } : {}), seed: setup.seed });
      if (!last.ok) throw new Error(`${id} ${s.id}: ${last.error}`);
    }
    if (!last?.ok) continue;
    for (const lang of ['en', 'ko'] as const) {
      out[lang].push(`# ${send.id} in IPVS mode: ${send.title[lang]} (${last.trace.outcome})`);
      for (const p of last.trace.packets) {
        out[lang].push(`## ${p.label} (${p.direction})`);
        p.hops.forEach((h, i) => {
          if (h.kind === 'rule' && h.ipvsRule) roles.add(h.ipvsRule.meaning.role);
          if (h.kind === 'rule' && h.ipvsHop) roles.add(`ipvs:${h.ipvsHop.action}${h.ipvsHop.persistent ? ':persistent' : ''}`);
          out[lang].push(`${String(i + 1).padStart(3)}. ${narrate(lang, p, h)}`);
        });
      }
      out[lang].push('');
    }
  }
  return { en: out.en.join('\n'), ko: out.ko.join('\n'), roles };
}

describe('narration of iptables-mode lessons sent in IPVS mode', () => {
  test.each([
    ['03-nodeport', ['jump-to-node-port', 'node-port-masquerade', 'masquerade-mark', 'masquerade', 'ipvs:schedule', 'ipvs:reply']],
    ['08-session-affinity', ['accept-service', 'ipvs:schedule:persistent']],
  ] as const)('%s', (id, mustMeet) => {
    const text = narrateInIpvsMode(id);
    for (const lang of ['en', 'ko'] as const) {
      expect(text[lang]).not.toMatch(/\{[A-Za-z]+(:[^}]+)?\}/);
      // IPVS mode's rules are never explained with the iptables proxier's words (DNAT in KUBE-SEP, probability picks).
      expect(text[lang]).not.toMatch(/KUBE-SEP-|KUBE-SVC-|probability/);
      expectGolden(DIR, `ipvs-${id}.${lang}.txt`, text[lang]);
    }
    for (const role of mustMeet) expect([...text.roles], role).toContain(role);
  });
});
