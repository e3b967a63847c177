/**
 * Runs suites of journeys through the real kernel: one sandbox for the whole run, one real cluster per
 * scenario (built, used, torn down), a global deadline after which the rest is reported as not run.
 */
import { readFileSync } from 'node:fs';
import { loadScenario } from '../../engine/cluster/load';
import { bundleAgent } from './agents';
import type { JourneyResult, ScenarioSuite } from './cases';
import { commandFor, runJourney } from './journey';
import { RealCluster } from './real-cluster';
import { openSandbox } from './sandbox';

export interface RunOptions {
  /** Wall-clock budget for the whole run; journeys not started by then are reported as not run. */
  readonly budgetMs: number;
  /** Called after each journey (progress output). */
  readonly onResult?: (r: JourneyResult) => void;
  /** Called when a scenario's real cluster is up, before its journeys (a test changes the kernel here on purpose). */
  readonly afterBuild?: (real: RealCluster, suite: ScenarioSuite) => void;
  /** Called when a scenario's real cluster is up, with how long building it took. */
  readonly onBuilt?: (suite: ScenarioSuite, ms: number) => void;
}

export interface RunReport {
  readonly results: readonly JourneyResult[];
  /** Journeys the deadline left out. */
  readonly notRun: readonly string[];
  readonly wallMs: number;
}

export async function runSuites(suites: readonly ScenarioSuite[], options: RunOptions): Promise<RunReport> {
  const started = Date.now();
  const deadline = started + options.budgetMs;
  const agent = await bundleAgent();
  // The sandbox (and every process in it) ends at the deadline plus a margin even if this process hangs.
  const sandbox = await openSandbox(options.budgetMs + 60_000);
  const results: JourneyResult[] = [];
  const notRun: string[] = [];
  const record = (r: JourneyResult): void => {
    results.push(r);
    options.onResult?.(r);
  };
  try {
    for (const suite of suites) {
      if (Date.now() > deadline) {
        notRun.push(...suite.cases.map((c) => `${suite.name} ${c.id}`));
        continue;
      }
      const loaded = loadScenario(readFileSync(suite.file, 'utf8'));
      if (!loaded.cluster) throw new Error(`${suite.name}: ${loaded.diagnostics.map((d) => d.message).join('; ')}`);
      const buildStart = Date.now();
      const real = await RealCluster.build(sandbox, loaded.cluster, suite.file, agent.path, options.budgetMs + 60_000);
      options.onBuilt?.(suite, Date.now() - buildStart);
      try {
        options.afterBuild?.(real, suite);
        for (const c of suite.cases) {
          if (Date.now() > deadline) {
            notRun.push(`${suite.name} ${c.id}`);
            continue;
          }
          try {
            record(await runJourney({ real, file: suite.file, scenario: suite.name, deadline }, c));
          } catch (e) {
            record({
              scenario: suite.name, id: c.id, command: commandFor(suite.file, c), status: 'disagree', sent: 0,
              differences: [{ fact: 'harness', kernel: e instanceof Error ? e.message : String(e), lab: '-' }],
            });
          }
        }
      } finally {
        real.close();
      }
    }
  } finally {
    await sandbox.close();
    agent.dispose();
  }
  return { results, notRun, wallMs: Date.now() - started };
}

/** The report's text: every disagreement and pending case with its facts, then exactly one summary line last. */
/** Disagreements nobody has explained yet: what makes the check fail. */
export function unexplained(report: RunReport): JourneyResult[] {
  return report.results.filter((r) => r.status === 'disagree' && !r.known);
}

export function reportText(report: RunReport): string {
  const lines: string[] = [];
  for (const r of report.results) {
    if (r.status === 'agree') continue;
    lines.push(`${r.status === 'pending' ? 'PENDING' : r.known ? 'DISAGREE (known)' : 'DISAGREE'} ${r.scenario} ${r.id}: ${r.command}${r.note ? ` — ${r.note}` : ''}${r.known ? ` — ${r.known}` : ''}`);
    for (const d of r.differences) lines.push(`  ${d.fact}:\n    kernel: ${d.kernel.replace(/\n/g, '\n            ')}\n    lab:    ${d.lab.replace(/\n/g, '\n            ')}`);
  }
  const agree = report.results.filter((r) => r.status === 'agree').length;
  const disagree = report.results.filter((r) => r.status === 'disagree').length + report.notRun.length;
  const pending = report.results.filter((r) => r.status === 'pending').length;
  const known = report.results.filter((r) => r.known).length;
  const sent = report.results.reduce((n, r) => n + r.sent, 0);
  lines.push(
    `${report.results.length} journeys run (${sent} connections) in ${(report.wallMs / 1000).toFixed(1)} s; ${pending} pending (features the lab does not have yet)` +
      (known > 0 ? `; ${known} of the disagreements are known lab bugs` : '') +
      (report.notRun.length > 0 ? `; ${report.notRun.length} not run before the deadline (counted as disagreeing)` : ''),
  );
  lines.push(`${agree} journeys agree, ${disagree} disagree`);
  return `${lines.join('\n')}\n`;
}
