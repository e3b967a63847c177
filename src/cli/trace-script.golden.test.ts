/**
 * `kpl trace FILE --script STEPS` as people read it: the stale-UDP story of lesson 13 (a client asking
 * from one port, endpoints removed, kube-proxy's cleanup, the v1.33 gap at zero endpoints, expiry) pinned
 * in __golden__/stale-udp.script.trace, and bad scripts reported as STEPS:LINE:COL with exit 1.
 * UPDATE_GOLDEN=1 rewrites the golden.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { expectGolden } from '../engine/test-support/golden';
import { main } from './main';

const DIR = join(import.meta.dirname, '__golden__');
const SCENARIOS = join(import.meta.dirname, '..', 'scenarios');
const LESSON = join(SCENARIOS, 'lessons', '13-stale-udp.yaml');

async function kpl(argv: readonly string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: (s) => (out += s), stderr: (s) => (err += s) });
  return { code, out, err };
}

describe('kpl trace --script', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'kpl-script-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  const script = (name: string, text: string): string => {
    const path = join(tmp, name);
    writeFileSync(path, text);
    return path;
  };

  test('the stale-UDP script', async () => {
    const r = await kpl(['trace', LESSON, '--script', join(SCENARIOS, 'scripts', 'stale-udp.steps')]);
    expect({ code: r.code, err: r.err }).toEqual({ code: 0, err: '' });
    expectGolden(DIR, 'stale-udp.script.trace', r.out);
  });

  test('the stale-TCP script: the entry stays, the next segment goes to the deleted pod', async () => {
    const r = await kpl(['trace', join(SCENARIOS, 'default.yaml'), '--script', join(SCENARIOS, 'scripts', 'stale-tcp.steps')]);
    expect({ code: r.code, err: r.err }).toEqual({ code: 0, err: '' });
    expectGolden(DIR, 'stale-tcp.script.trace', r.out);
  });

  test('--keep-open is refused for a UDP flow, with the step\'s line', async () => {
    const path = script('udp-open.steps', 'connect --from dns-client --to udp-echo:5353 --keep-open\n');
    expect((await kpl(['trace', LESSON, '--script', path])).err).toBe(`kpl: ${path}:1: --keep-open is for TCP connections (a UDP flow has nothing to close)\n`);
  });

  test('--json: one object per step, connections as trace --json prints them', async () => {
    const r = await kpl(['trace', LESSON, '--script', join(SCENARIOS, 'scripts', 'stale-udp.steps'), '--json']);
    const json = JSON.parse(r.out) as { steps: { line: number; step: string; trace?: { outcome: string }; cleanup?: Record<string, { commands: string[] }> }[] };
    expect(json.steps.map((s) => s.line)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    expect(json.steps.filter((s) => s.trace).map((s) => s.trace!.outcome)).toEqual(['delivered', 'delivered', 'delivered', 'no-route', 'rejected']);
    expect(json.steps[3]!.cleanup!['myk8s-control-plane']!.commands).toEqual(['conntrack -D -p udp --orig-dst 10.200.1.100 --orig-port-dst 5353 --reply-src 10.10.2.2']);
  });

  test('a bad step is reported with its line and column, exit 1', async () => {
    const path = script('bad.steps', 'connect --from client --to udp-echo:5353\nwait soon\n');
    expect(await kpl(['trace', LESSON, '--script', path])).toEqual({ code: 1, out: '', err: `kpl: ${path}:2:6: "soon" is not a duration (write e.g. 30s, 2m, 1h30m, 500ms)\n` });
  });

  test('a step naming what the cluster lacks is reported with its line, exit 1', async () => {
    const path = script('missing.steps', 'wait 1s\nscale web 2\n');
    const r = await kpl(['trace', LESSON, '--script', path]);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`kpl: ${path}:2: no Deployment default/web with running pods (scaling up from 0 needs its template: edit the scenario)\n`);
  });

  test('--from/--to belong in the script', async () => {
    const r = await kpl(['trace', LESSON, '--script', script('ok.steps', 'wait 1s\n'), '--from', 'client']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/--from goes into the script's connect steps/);
  });
});
