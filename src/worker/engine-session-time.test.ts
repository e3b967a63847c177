/**
 * The worker's clock and its carried network: a wait reaps expired entries; an edit of the same document
 * keeps the nodes' conntrack tables and shows kube-proxy's cleanup; a different document starts afresh.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EngineSession } from './engine-session';

const lesson = readFileSync(join(import.meta.dirname, '../scenarios/lessons/13-stale-udp.yaml'), 'utf8');
const CP = 'myk8s-control-plane';
/** The lesson's text with the pod document `name` deleted, as a learner deletes it in the editor. */
const withoutPod = (name: string): string => lesson.split('\n---\n').filter((doc) => !doc.includes(`name: ${name}\n`)).join('\n---\n');

function asked(): EngineSession {
  const s = new EngineSession();
  s.load(lesson);
  const r = s.trace({ from: 'dns-client', to: 'udp-echo:5353', protocol: 'udp' });
  expect(r.ok && r.trace.endpoint?.pod).toBe('udp-echo2');
  return s;
}

describe('EngineSession over time', () => {
  it('a wait reports the entries that expired as DESTROY events and the tables after it', () => {
    const s = asked();
    const short = s.advanceClock(1)!;
    expect(short.gone).toEqual({});
    expect(short.tables.lines[CP]![0]).toMatch(/^udp +17 28 /);
    const long = s.advanceClock(30)!;
    expect(long.kind).toBe('wait');
    expect(long.nowMs).toBe(31_002);
    expect(long.gone[CP]![0]).toMatch(/^ *\[DESTROY\] udp +17 src=10\.10\.0\.5 dst=10\.200\.1\.100 /);
    expect(long.tables.lines).toEqual({});
  });

  it('editing the same document keeps the tables: removing the pod an entry points at deletes the UDP entry (kube-proxy cleanup)', () => {
    const s = asked();
    const summary = s.load(withoutPod('udp-echo2'), { keepNetwork: true });
    expect(summary.conntrack?.kind).toBe('cleanup');
    expect(summary.conntrack?.commands[CP]).toEqual(['conntrack -D -p udp --orig-dst 10.200.1.100 --orig-port-dst 5353 --reply-src 10.10.2.2']);
    expect(summary.conntrack?.gone[CP]![0]).toMatch(/^udp +17 29 src=10\.10\.0\.5 dst=10\.200\.1\.100 .* src=10\.10\.2\.2 /);
    expect(Object.keys(summary.conntrack!.tables.lines)).toEqual(['myk8s-worker2']);
    const again = s.trace({ from: 'dns-client', to: 'udp-echo:5353', protocol: 'udp' });
    expect(again.ok && again.trace.endpoint?.pod).toBe('udp-echo1');
  });

  it('a new document (or no keepNetwork) starts with empty tables', () => {
    const s = asked();
    expect(s.load(withoutPod('udp-echo2')).conntrack).toBeUndefined();
    expect(s.advanceClock(0)!.tables.lines).toEqual({});
  });

  it('removeEndpoints changes the running cluster as a lesson step does', () => {
    const s = asked();
    const change = s.removeEndpoints(['10.10.2.2'])!;
    expect(Object.keys(change.gone)).toEqual([CP]);
  });
});
