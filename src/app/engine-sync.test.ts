/**
 * The editor's text across restarts of the worker, with the real supervisor and the real engine (served
 * over a MessageChannel in this process: src/test-support/in-process-worker.ts), the watchdog's clocks
 * shortened. The browser side of the same is e2e/hostile.spec.ts and e2e/restart.spec.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EngineSession } from '../worker/engine-session';
import { outlineScenario, type ScenarioOutline } from '../engine/scenario-outline';
import { EngineSupervisor, EngineRestartedError, type RestartReason, type SupervisorTiming } from '../worker/supervisor';
import type { ScenarioSummary } from '../worker/api';
import { inProcessWorkers, type InProcessWorkers } from '../test-support/in-process-worker';
import { EngineSync, type EditRequest } from './engine-sync';

const DEFAULT_YAML = readFileSync(join(import.meta.dirname, '../scenarios/default.yaml'), 'utf8');
const withService = (name: string): string => `${DEFAULT_YAML}---\napiVersion: v1\nkind: Service\nmetadata: {name: ${name}}\nspec: {ports: [{port: 80}]}\n`;
/** A text the engine never finishes outlining: stands for an input that takes the worker too long. */
const OVERRUN = '# overrun\n';

function engineApi(): object {
  const session = new EngineSession();
  return {
    info: () => ({ engineVersion: 'test', kubernetesRelease: 'test' }),
    outline: (text: string) => (text.startsWith(OVERRUN) ? new Promise<never>(() => undefined) : outlineScenario(text)),
    load: (text: string, options?: { keepNetwork?: boolean }) => session.load(text, options),
  };
}

interface Page {
  readonly sync: EngineSync;
  readonly supervisor: EngineSupervisor;
  readonly outlines: ScenarioOutline[];
  readonly summaries: ScenarioSummary[];
  readonly errors: string[];
  readonly restarts: RestartReason[];
  /** Puts a text in the "editor" and tells the sync, as the page's effect does. */
  type(text: string): void;
  outline(): ScenarioOutline | undefined;
}

let workers: InProcessWorkers | undefined;
afterEach(() => workers?.closeAll());

function page(timing: Partial<SupervisorTiming> = {}, now?: () => number): Page {
  workers = inProcessWorkers(engineApi);
  const supervisor = new EngineSupervisor(workers.spawn, { pingEveryMs: 20, pingDeadlineMs: 500, ...timing });
  const saved = new Map<string, string>();
  let editor: EditRequest = { text: '', slot: 'scratch' };
  let outline: ScenarioOutline | undefined;
  const p = {
    supervisor,
    outlines: [] as ScenarioOutline[],
    summaries: [] as ScenarioSummary[],
    errors: [] as string[],
    restarts: [] as RestartReason[],
    outline: () => outline,
    type(text: string) {
      editor = { text, slot: 'scratch' };
      sync.edit(editor);
    },
  };
  const sync = new EngineSync(
    supervisor,
    { loadLastValid: (slot) => saved.get(slot) ?? null, saveLastValid: (slot, text) => void saved.set(slot, text) },
    {
      outline: (o) => void (p.outlines.push(o), (outline = o)),
      summary: (s) => void p.summaries.push(s),
      error: (m) => void p.errors.push(m),
      // As the page does: the old worker's outline is dropped with it.
      restarted: (reason) => void (p.restarts.push(reason), (outline = undefined)),
      current: () => editor,
    },
    now,
  );
  sync.attach();
  return { ...p, sync };
}

const names = (o: ScenarioOutline | undefined): string[] => (o?.documents ?? []).map((d) => `${d.kind}/${d.name ?? ''}`);

async function until(what: string, ok: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('EngineSync across restarts of the worker', () => {
  it('a worker that dies while idle: the text in the editor is answered again without an edit, and edits go on', async () => {
    const p = page();
    p.type(withService('before'));
    await until('the first text is outlined', () => names(p.outline()).includes('Service/before'));
    p.supervisor.closeWorkerForTest();
    await until('the watchdog restarts the worker', () => p.restarts.length === 1);
    expect(p.restarts[0]).toEqual({ kind: 'unresponsive' });
    // The old worker's outline is gone with it; the editor's text (answered before, so not what killed it) comes back.
    await until('the text in the editor is outlined again', () => names(p.outline()).includes('Service/before'));
    expect(p.summaries.at(-1)?.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    p.type(withService('after-restart'));
    await until('an edit after the restart is outlined', () => names(p.outline()).includes('Service/after-restart'));
    expect(p.errors).toEqual([]);
    expect(p.restarts).toHaveLength(1);
  });

  it('an edit made just after the worker died is answered within the ping’s deadline, not the call’s', async () => {
    const p = page({ deadlines: { default: 10_000, load: 20_000 } });
    p.type(withService('before'));
    await until('the first text is outlined', () => names(p.outline()).includes('Service/before'));
    p.supervisor.closeWorkerForTest();
    // Pings go every 20 ms: one is sent to the dead worker before the edit.
    await new Promise((r) => setTimeout(r, 100));
    const typed = Date.now();
    p.type(withService('just-after-death'));
    await until('the watchdog restarts the worker', () => p.restarts.length === 1, 3000);
    expect(p.restarts[0]).toEqual({ kind: 'unresponsive' });
    expect(Date.now() - typed).toBeLessThan(2000);
    // The edit went to the dead worker, so it may be what killed it: not sent again; the next one is answered.
    p.type(withService('next'));
    await until('the next edit is outlined', () => names(p.outline()).includes('Service/next'));
  });

  it('a call that overruns its deadline: the worker is replaced, the text it was stuck on is not sent again, the next edit is answered', async () => {
    const p = page({ deadlines: { default: 1500, load: 10_000 } });
    p.type(withService('good'));
    await until('the first text is outlined', () => names(p.outline()).includes('Service/good'));
    const summariesBefore = p.summaries.length;
    p.type(`${OVERRUN}${withService('stuck')}`);
    await until('the deadline restarts the worker', () => p.restarts.length === 1);
    expect(p.restarts[0]).toMatchObject({ kind: 'timeout', method: 'outline' });
    // The new worker is given the last valid text (its summary shows), never the text that overran.
    await until('the last valid text is loaded into the new worker', () => p.summaries.length > summariesBefore);
    await new Promise((r) => setTimeout(r, 300));
    expect(p.restarts).toHaveLength(1);
    expect(p.outline()).toBeUndefined();
    p.type(withService('after-timeout'));
    await until('an edit after the restart is outlined', () => names(p.outline()).includes('Service/after-timeout'));
    expect(p.errors).toEqual([]);
  });

  it('an edit stuck on a worker for longer than SUPERSEDE_AFTER_MS is replaced by the next edit, which is answered', async () => {
    // The sync's own clock: the stuck text has been in the worker "for 3 s" when the next edit comes.
    let clock = 0;
    const p = page({}, () => clock);
    p.type(withService('good'));
    await until('the first text is outlined', () => names(p.outline()).includes('Service/good'));
    p.type(`${OVERRUN}${withService('stuck')}`);
    clock += 3000;
    p.type(withService('newer'));
    await until('the newer edit is outlined', () => names(p.outline()).includes('Service/newer'));
    expect(p.restarts).toEqual([{ kind: 'superseded' }]);
    expect(p.errors).toEqual([]);
  });
});

describe('EngineSupervisor', () => {
  it('settles every pending call with EngineRestartedError when the worker is replaced', async () => {
    const p = page({ deadlines: { default: 200 } });
    const stuck = p.supervisor.api.outline(`${OVERRUN}x: 1\n`);
    await expect(stuck).rejects.toBeInstanceOf(EngineRestartedError);
    expect(p.supervisor.busy).toBe(false);
    // The fresh worker answers.
    expect((await p.supervisor.api.outline('a: 1\n')).errors).toEqual([]);
  });

  it('awaiting the api is no call to the worker (nothing is left pending)', async () => {
    const p = page();
    const api: unknown = await Promise.resolve(p.supervisor.api);
    expect(api).toBe(p.supervisor.api);
    expect(p.supervisor.busy).toBe(false);
  });

  it('a call that cannot be sent fails at once and leaves nothing pending', async () => {
    const p = page();
    const unsendable = (p.supervisor.api as unknown as { outline(f: () => void): Promise<unknown> }).outline(() => undefined);
    await expect(unsendable).rejects.toThrow();
    expect(p.supervisor.busy).toBe(false);
  });
});
