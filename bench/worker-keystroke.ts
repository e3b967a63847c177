/**
 * The engine worker's time per keystroke in a scenario of N Services (bench/many-services.ts), stage by
 * stage, in Node: what `src/worker/engine.worker.ts` runs between the editor's edit message
 * (src/app/engine-sync.ts: `outline` + `load`) and the chain graph showing it (the page then asks
 * `rulesFor`, `chainView`, `choices` and `layoutChainGraph`). Steadier than the UI bench on a shared
 * machine: no browser, no editor, one thread.
 *
 * `prefetch` is what the worker builds right after answering the load, while the page takes the answer in (the
 * viewed node's rules and graph); `rules` and `chainView` are then what is left when the page asks.
 *
 * Each keystroke edits the first own Service's port to a port not used before (the UI bench alternates two
 * texts; here no text repeats, so nothing is served from a cache keyed by the whole text).
 *
 *   node bench/run-bundled.mjs bench/worker-keystroke.ts --services 500,1000 --keystrokes 20 [--cpu]
 *
 * (bundled as `kpl` runs the engine: tsx keeps function names, which slows the hot loops, see bin/kpl.js)
 */
import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { keepLastYamlParse, parseScenarioYaml } from '../src/engine/cluster/parse-yaml';
import { outlineScenario } from '../src/engine/scenario-outline';
import { EngineSession } from '../src/worker/engine-session';
import { layoutChainGraph } from '../src/worker/chain-layout';
import type { ChainGraph } from '../src/engine/netfilter/chain-graph';
import { manyServicePort, manyServicesScenario } from './many-services';

export const STAGES = ['parse', 'outline', 'load', 'prefetch', 'rules', 'chainView', 'choices', 'layout'] as const;
export type Stage = (typeof STAGES)[number];

/** The scenario's text with the first own Service's port set to `port`. */
function withFirstPort(text: string, port: number): string {
  const from = `port: ${manyServicePort(0)}\n`;
  const at = text.indexOf(from);
  return `${text.slice(0, at)}port: ${port}\n${text.slice(at + from.length)}`;
}

/** Wall time of `f` in ms, or the process's CPU time (user + system) when `cpu`: steadier on a shared machine, but counting the GC's helper threads too. */
let cpu = false;
const ms = (f: () => unknown): number => {
  if (cpu) {
    const c = process.cpuUsage();
    f();
    const d = process.cpuUsage(c);
    return (d.user + d.system) / 1000;
  }
  const t = performance.now();
  f();
  return performance.now() - t;
};

export function measureKeystrokes(services: number, keystrokes: number): Record<Stage | 'total', number[]> {
  keepLastYamlParse(true);
  const session = new EngineSession();
  const base = manyServicesScenario(services);
  const out = Object.fromEntries([...STAGES, 'total'].map((s) => [s, [] as number[]])) as Record<Stage | 'total', number[]>;
  // The paste, then a few unmeasured edits so the JIT has seen every path.
  const warm = 3;
  for (let i = -1; i < warm + keystrokes; i++) {
    const text = i < 0 ? base : withFirstPort(base, i % 2 === 0 ? 1000 + (i % 9) : 20000 + i);
    const t: Partial<Record<Stage, number>> = {};
    t.parse = ms(() => parseScenarioYaml(text));
    t.outline = ms(() => outlineScenario(text));
    let revision = 0;
    let node = '';
    t.load = ms(() => {
      const summary = session.load(text, { keepNetwork: true });
      revision = summary.revision;
      node = summary.defaultNode ?? '';
    });
    // What the worker does between answering the load and the page's asking (engine.worker.ts), when it has it.
    const ahead = session as Partial<{ prefetch(): unknown }>;
    t.prefetch = ms(() => ahead.prefetch?.());
    t.rules = ms(() => session.rulesFor(node, 'nat', 'S', revision));
    let graph: ChainGraph | undefined;
    t.chainView = ms(() => (graph = session.chainView(node, 'nat', { walk: [] }, revision)?.graph));
    t.choices = ms(() => session.choices());
    t.layout = ms(() => graph && layoutChainGraph(graph));
    if (i < warm) continue;
    let total = 0;
    for (const s of STAGES) {
      out[s].push(t[s]!);
      total += t[s]!;
    }
    out.total.push(total);
  }
  return out;
}

const quantile = (xs: readonly number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
};

function main(): void {
  const { values } = parseArgs({ options: { services: { type: 'string', default: '500,1000' }, keystrokes: { type: 'string', default: '20' }, cpu: { type: 'boolean', default: false } } });
  cpu = values.cpu;
  for (const n of values.services.split(',').map(Number)) {
    const load = loadavg()[0]!.toFixed(1);
    const r = measureKeystrokes(n, Number(values.keystrokes));
    console.log(`${n} Services (load ${load}), ${cpu ? 'CPU' : 'wall'} ms per keystroke, median / p95:`);
    for (const s of [...STAGES, 'total'] as const) console.log(`  ${s.padEnd(10)} ${quantile(r[s], 0.5).toFixed(1).padStart(7)} / ${quantile(r[s], 0.95).toFixed(1).padStart(7)}`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
