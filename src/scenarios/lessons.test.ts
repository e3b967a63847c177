/**
 * Every built-in lesson, run through the engine: its scenario loads cleanly, its sends run, every step
 * points at a hop that really happens, every chain it names exists, and every question's answer is what
 * the engine decides — the correct choice's claim holds and every wrong choice's claim is refuted.
 * (learnGitBranching checks that each level's solution solves it; this is our version.)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../engine/cluster/load';
import { createNetwork } from '../engine/sim/network';
import { runConnection } from '../engine/sim/journey';
import { withMode } from '../engine/sim/data-planes';
import { nodeRuleset } from '../engine/kubeproxy';
import { generateNftablesTransaction } from '../engine/kubeproxy/nftables';
import { evaluateClaim, LessonError, resolvePointer, runLesson, type LessonRun } from './lessons/check';
import { LESSON_IDS, LESSONS, lessonById } from './lessons/index';
import { LESSON_SCENARIOS } from './lessons/scenarios';
import type { Claim, Lesson, Localized } from './lessons/types';

const scenarioFile = (id: string): string => readFileSync(join(import.meta.dirname, 'lessons', `${id}.yaml`), 'utf8');

/** Every text of a lesson a learner reads as ours (a study note's words, `noteSays`, are quoted, not ours). */
function ourTexts(lesson: Lesson): Localized[] {
  return [
    lesson.title,
    lesson.summary,
    ...lesson.sends.map((s) => s.title),
    ...lesson.steps.map((s) => s.text),
    ...lesson.questions.flatMap((q) => [q.prompt, q.reveal, ...q.choices.map((c) => c.text)]),
  ];
}

function allTexts(lesson: Lesson): Localized[] {
  return [...ourTexts(lesson), ...lesson.steps.flatMap((s) => (s.noteSays ? [s.noteSays] : []))];
}

const HANGUL = /[\uac00-\ud7a3]/;
const CHAIN_NAME = /\bKUBE-(?:SVC|SEP|EXT|FW|SVL)-[A-Z2-7]{16}\b/g;
/** nftables mode's per-service chains: `service-TBJA4EUE-default/svc-clusterip/tcp/svc-webport`, `endpoint-…__10.10.3.2/80`. */
const NFT_CHAIN_NAME = /\b(?:service|endpoint|external|local|firewall)-[A-Z2-7]{8}-[\w./-]+?(?=[\s,.:;)"'’]*(?:\s|$|[,:;)"'’]))/g;

describe('the lesson catalogue', () => {
  it('has every lesson once, in teaching order, each with its scenario text', () => {
    expect(LESSONS.map((l) => l.id)).toEqual([...LESSON_IDS]);
    for (const id of LESSON_IDS) expect(LESSON_SCENARIOS[id], id).toBe(scenarioFile(id));
  });
});

describe.each(LESSONS.map((l) => [l.id, l] as const))('lesson %s', (id, lesson) => {
  const text = scenarioFile(id);
  let run: LessonRun | undefined;
  const lessonRun = (): LessonRun => (run ??= runLesson(lesson, text));

  it('loads its scenario without a single diagnostic', () => {
    const { cluster, diagnostics } = loadScenario(text);
    expect(diagnostics.map((d) => `${d.line}:${d.col} ${d.message}`)).toEqual([]);
    expect(cluster).toBeDefined();
  });

  it('runs every send', () => {
    expect(new Set(lesson.sends.map((s) => s.id)).size).toBe(lesson.sends.length);
    for (const send of lesson.sends) {
      const result = lessonRun().results.get(send.id)!;
      if (result.kind === 'connection') expect(result.journey.packets.length, send.id).toBeGreaterThan(0);
      else expect(result.spread.connections, send.id).toBe(result.send.connections);
    }
  });

  it('points every step at a hop that happens', () => {
    lesson.steps.forEach((step, i) => {
      if (!step.at) return;
      const target = resolvePointer(lessonRun(), step.at);
      if (step.at.packet !== undefined) expect(target.hops.length, `step ${i + 1}: ${JSON.stringify(step.at)}`).toBeGreaterThan(0);
    });
  });

  it('answers every question the way the engine does', () => {
    expect(lesson.questions.length).toBeGreaterThan(0);
    for (const q of lesson.questions) {
      const ids = q.choices.map((c) => c.id);
      expect(new Set(ids).size, q.id).toBe(ids.length);
      expect(ids, q.id).toContain(q.correct);
      const answer = evaluateClaim(lessonRun(), q.answer);
      expect(answer.holds, `${q.id}: ${JSON.stringify(q.answer)} — the engine says: ${answer.actual}`).toBe(true);
      for (const c of q.choices) {
        if (!c.claim) continue;
        const r = evaluateClaim(lessonRun(), c.claim);
        expect(r.holds, `${q.id}/${c.id}: ${JSON.stringify(c.claim)} — the engine says: ${r.actual}`).toBe(c.id === q.correct);
      }
    }
  });

  it('names only chains its scenario’s nodes really have', () => {
    const { cluster } = lessonRun();
    const chains = new Set(cluster.nodes.flatMap((n) => [...nodeRuleset(cluster, n.name).ruleset.tables.values()].flatMap((t) => [...t.chains.keys()])));
    for (const t of ourTexts(lesson)) {
      for (const name of [...t.en.matchAll(CHAIN_NAME), ...t.ko.matchAll(CHAIN_NAME)].map((m) => m[0])) expect(chains, `${name} in "${t.en.slice(0, 60)}…"`).toContain(name);
    }
  });

  it('names only nftables chains its scenario’s nodes really have in nftables mode', () => {
    const { cluster } = lessonRun();
    const nft = withMode(cluster, 'nftables');
    const chains = new Set(cluster.nodes.flatMap((n) => generateNftablesTransaction(nft, n.name).lines.flatMap((l) => /^add chain ip kube-proxy (\S+)/.exec(l)?.[1] ?? [])));
    for (const t of ourTexts(lesson)) {
      for (const name of [...t.en.matchAll(NFT_CHAIN_NAME), ...t.ko.matchAll(NFT_CHAIN_NAME)].map((m) => m[0])) expect(chains, `${name} in "${t.en.slice(0, 60)}…"`).toContain(name);
    }
  });

  it('says everything in English and in Korean', () => {
    for (const t of allTexts(lesson)) {
      expect(t.en.trim(), JSON.stringify(t)).not.toBe('');
      // A choice that is only a rule or an address reads the same in both languages.
      if (t.ko !== t.en) expect(t.ko, t.en).toMatch(HANGUL);
    }
  });

  it('runs the same way twice', () => {
    const again = runLesson(lesson, text);
    const verdicts = (r: LessonRun): string[] => lesson.questions.map((q) => evaluateClaim(r, q.answer).actual);
    expect(verdicts(again)).toEqual(verdicts(lessonRun()));
  });
});

describe('the claim checker', () => {
  const lesson = lessonById('01-clusterip')!;
  const run = runLesson(lesson, scenarioFile(lesson.id));
  const syn = lesson.sends[0]!.id;

  it('refutes what the engine did not do', () => {
    const wrong: Claim[] = [
      { kind: 'outcome', send: syn, equals: 'dropped' },
      { kind: 'seenSource', send: syn, equals: '172.18.0.2' },
      { kind: 'natWalkedOnPacket', send: syn, packet: 'SYN', equals: false },
      { kind: 'natWalkedOnPacket', send: syn, packet: 'ACK', equals: true },
      { kind: 'ruleMatched', send: syn, packet: 'SYN', target: 'MASQUERADE', equals: true },
      { kind: 'conntrackState', send: syn, node: 'myk8s-control-plane', packet: 'SYN', matches: 'ESTABLISHED' },
      { kind: 'conntrackEntry', send: syn, node: 'myk8s-control-plane', packet: 'ACK', original: '→ 10.200.1.100:9000', flags: ['UNREPLIED'] },
      { kind: 'packetTranslated', send: syn, packet: 'SYN', equals: false },
      { kind: 'spreadShare', send: 'spread', endpointCount: 2, tolerance: 1 },
      { kind: 'rulesPrint', node: 'myk8s-worker', table: 'filter', format: 'S', includes: 'KUBE-SVC-', equals: true },
    ];
    for (const claim of wrong) expect(evaluateClaim(run, claim).holds, JSON.stringify(claim)).toBe(false);
  });

  it('rejects lessons that name what does not exist', () => {
    expect(() => evaluateClaim(run, { kind: 'packetFate', send: syn, packet: 'SYN-ACK-ACK', equals: 'delivered' })).toThrow(LessonError);
    expect(() => evaluateClaim(run, { kind: 'outcome', send: 'nope', equals: 'delivered' })).toThrow(LessonError);
    expect(() => evaluateClaim(run, { kind: 'outcome', send: 'spread', equals: 'delivered' })).toThrow(LessonError);
    expect(() => resolvePointer(run, { send: 'spread', packet: 'SYN' })).toThrow(LessonError);
    expect(() => resolvePointer(run, { send: syn, chain: 'KUBE-SERVICES' })).toThrow(LessonError);
    expect(() => runLesson(lesson, 'apiVersion: v1\nkind: Service\nmetadata: {name: x}\nspec: {ports: [{port: 0}]}\n')).toThrow(LessonError);
    expect(() => runLesson({ ...lesson, sends: [{ ...lesson.sends[0]!, continues: 'later' }] }, scenarioFile(lesson.id))).toThrow(LessonError);
  });

  it('finds no hop for a pointer that fits nothing', () => {
    expect(resolvePointer(run, { send: syn, packet: 'SYN', chain: 'KUBE-SERVICES', target: 'DNAT' }).hops).toEqual([]);
    expect(resolvePointer(run, { send: syn, packet: 'ACK', table: 'nat' }).hops).toEqual([]);
  });
});

describe('the IPVS claims', () => {
  const lesson = lessonById('22-ipvs-schedulers')!;
  const run = runLesson(lesson, scenarioFile(lesson.id));
  const cp = 'myk8s-control-plane';

  it('read ipvsadm -Ln after each send, and ipset list and kube-ipvs0 as configured', () => {
    const holds = (claim: Claim): boolean => evaluateClaim(run, claim).holds;
    expect(holds({ kind: 'ipvsPrint', node: cp, tool: 'ipvsadm', send: 'long1', includes: 'TCP 10.200.1.100:9000 lc', equals: true })).toBe(true);
    // After long1 only webpod3 holds a connection; after long2 webpod2 does too.
    expect(holds({ kind: 'ipvsPrint', node: cp, tool: 'ipvsadm', send: 'long1', includes: '-> 10.10.2.2:80 Masq 1 0 0', equals: true })).toBe(true);
    expect(holds({ kind: 'ipvsPrint', node: cp, tool: 'ipvsadm', send: 'long2', includes: '-> 10.10.2.2:80 Masq 1 1 0', equals: true })).toBe(true);
    expect(holds({ kind: 'ipvsPrint', node: cp, tool: 'ipvsadm', includes: '-> 10.10.3.2:80 Masq 1 0 0', equals: true })).toBe(true);
    expect(holds({ kind: 'ipvsPrint', node: cp, tool: 'ipset', includes: '10.200.1.100,tcp:9000', equals: true })).toBe(true);
    expect(holds({ kind: 'ipvsPrint', node: cp, tool: 'ip-addr', includes: 'inet 10.200.1.100/32', equals: false })).toBe(false);
    // A worker's IPVS saw none of net-pod's connections: they were scheduled on the control-plane.
    expect(holds({ kind: 'ipvsPrint', node: 'myk8s-worker', tool: 'ipvsadm', send: 'next', includes: '-> 10.10.1.2:80 Masq 1 0 0', equals: true })).toBe(true);
  });

  it('rerun the sends with another scheduler for a what-if', () => {
    const pod = (scheduler: 'rr' | 'lc' | 'sed' | 'nq', send = 'next'): string => evaluateClaim(run, { kind: 'endpointPodWithScheduler', send, scheduler, equals: '' }).actual;
    expect([pod('lc'), pod('rr'), pod('sed'), pod('nq')]).toEqual(['webpod1', 'webpod3', 'webpod1', 'webpod1']);
    expect(pod('rr', 'long2')).toBe('webpod2');
    // The what-if leaves the lesson's own run alone.
    expect(evaluateClaim(run, { kind: 'endpointPod', send: 'next', equals: 'webpod1' }).holds).toBe(true);
  });

  it('refuse IPVS printers and schedulers outside IPVS mode', () => {
    const clusterIP = lessonById('01-clusterip')!;
    const iptablesRun = runLesson(clusterIP, scenarioFile(clusterIP.id));
    expect(() => evaluateClaim(iptablesRun, { kind: 'ipvsPrint', node: cp, tool: 'ipvsadm', includes: 'TCP', equals: true })).toThrow(LessonError);
    expect(() => evaluateClaim(iptablesRun, { kind: 'endpointPodWithScheduler', send: 'syn', scheduler: 'rr', equals: 'webpod1' })).toThrow(LessonError);
    expect(() => evaluateClaim(run, { kind: 'ipvsPrint', node: 'nope', tool: 'ipset', includes: 'x', equals: true })).toThrow(LessonError);
  });

  it('print the node’s iptables rules of IPVS mode for rulesPrint (no KUBE-SVC chain, the ipset match)', () => {
    expect(evaluateClaim(run, { kind: 'rulesPrint', node: cp, table: 'nat', format: 'save', includes: '-m set --match-set KUBE-CLUSTER-IP dst,dst -j ACCEPT', equals: true }).holds).toBe(true);
    expect(evaluateClaim(run, { kind: 'rulesPrint', node: cp, table: 'nat', format: 'save', includes: 'KUBE-SVC-', equals: false }).holds).toBe(true);
  });
});

describe('lesson 21’s word on iptables mode', () => {
  it('a ping to the cluster IP matches no rule there and gets no answer', () => {
    const { cluster } = loadScenario(scenarioFile('21-ipvs-ping'));
    const journey = runConnection(createNetwork(withMode(cluster!, 'iptables'), { seed: 1 }), { from: 'net-pod', to: '10.200.1.100', protocol: 'icmp' });
    expect(journey.outcome).toBe('dropped');
    expect(journey.packets[0]!.hops.some((h) => h.kind === 'rule' && h.matched && (h.target === 'REJECT' || h.target === 'DNAT'))).toBe(false);
  });
});

describe('the claim checker, for nftables mode and sends in another mode', () => {
  const lesson = lessonById('14-nftables-lookup')!;
  const run = runLesson(lesson, scenarioFile(lesson.id));
  const CP = 'myk8s-control-plane';

  it('runs a send with a mode in that mode, and the others in the scenario\'s', () => {
    const tables = (id: string): Set<string> => {
      const r = run.results.get(id)!;
      if (r.kind !== 'connection') throw new Error(id);
      return new Set(r.journey.packets[0]!.hops.flatMap((h) => (h.kind === 'rule' ? [h.table] : [])));
    };
    expect(tables('nft')).toContain('ip kube-proxy');
    expect([...tables('ipt')]).not.toContain('ip kube-proxy');
    expect(tables('ipt')).toContain('nat');
  });

  it('refutes what the engine did not do', () => {
    const wrong: Claim[] = [
      { kind: 'evaluatedCount', send: 'nft', packet: 'SYN', node: CP, chain: 'services', what: 'rules', atLeast: 2 },
      { kind: 'evaluatedCount', send: 'ipt', packet: 'SYN', node: CP, chain: 'KUBE-SERVICES', what: 'rules', atMost: 9 },
      { kind: 'evaluatedCount', send: 'ipt', packet: 'SYN', what: 'lookups', atLeast: 1 },
      { kind: 'mapLookup', send: 'nft', packet: 'SYN', node: CP, map: 'service-ips', key: '10.200.1.100 . tcp . 9001', equals: true },
      { kind: 'mapLookup', send: 'nft', packet: 'SYN', node: CP, map: 'service-ips', verdict: 'goto service-2QRHZV4L', equals: true },
      { kind: 'mapLookup', send: 'nft', packet: 'SYN', node: CP, map: 'service-ips', found: false, equals: true },
      { kind: 'mapLookup', send: 'ipt', packet: 'SYN', map: 'service-ips', equals: true },
      { kind: 'nodePrint', node: CP, mode: 'nftables', format: 'nft', includes: 'KUBE-SERVICES', equals: true },
      { kind: 'nodePrint', node: CP, mode: 'iptables', format: 'nft', includes: 'table ip kube-proxy', equals: true },
      { kind: 'nodePrint', node: CP, mode: 'nftables', format: 'iptables-save', includes: '-A KUBE-SERVICES', equals: true },
      { kind: 'allOf', claims: [{ kind: 'outcome', send: 'nft', equals: 'delivered' }, { kind: 'outcome', send: 'ipt', equals: 'dropped' }] },
    ];
    for (const claim of wrong) expect(evaluateClaim(run, claim).holds, JSON.stringify(claim)).toBe(false);
    const right: Claim[] = [
      { kind: 'evaluatedCount', send: 'ipt', packet: 'SYN', node: CP, chain: 'KUBE-SERVICES', what: 'rules', atLeast: 10, atMost: 10 },
      { kind: 'mapLookup', send: 'nft', packet: 'SYN', node: 'myk8s-worker3', map: 'service-ips', found: false, equals: true },
      { kind: 'nodePrint', node: CP, mode: 'iptables', format: 'iptables-save', includes: '-A KUBE-SERVICES', equals: true },
      { kind: 'allOf', claims: [{ kind: 'outcome', send: 'nft', equals: 'delivered' }, { kind: 'outcome', send: 'ipt', equals: 'delivered' }] },
    ];
    for (const claim of right) expect(evaluateClaim(run, claim).holds, JSON.stringify(claim)).toBe(true);
  });

  it('lesson 17 still compares the two modes after the learner switches the scenario\'s mode in the editor', () => {
    const switched = lessonById('17-switch-mode')!;
    const text = scenarioFile(switched.id).replace('kubeProxyMode: iptables', 'kubeProxyMode: nftables');
    expect(text).toContain('kubeProxyMode: nftables');
    const again = runLesson(switched, text);
    for (const q of switched.questions) expect(evaluateClaim(again, q.answer).holds, q.id).toBe(true);
  });

  it('rejects claims and sends that cannot be decided', () => {
    expect(() => evaluateClaim(run, { kind: 'evaluatedCount', send: 'nft', packet: 'SYN', what: 'rules' })).toThrow(LessonError);
    expect(() => evaluateClaim(run, { kind: 'allOf', claims: [] })).toThrow(LessonError);
    expect(() => evaluateClaim(run, { kind: 'mapLookup', send: 'nft', packet: 'SYN', node: 'no-such-node', map: 'service-ips', equals: true })).toThrow(LessonError);
    expect(() => evaluateClaim(run, { kind: 'nodePrint', node: 'no-such-node', mode: 'nftables', format: 'nft', includes: 'x', equals: true })).toThrow(LessonError);
    const continued = { ...lesson, sends: [lesson.sends[0]!, { ...lesson.sends[1]!, id: 'again', continues: 'nft', mode: 'iptables' as const }] };
    expect(() => runLesson(continued, scenarioFile(lesson.id))).toThrow(LessonError);
  });
});
