/**
 * `npm run test:kernel`: the journey check on its own. Prints every disagreement and pending case, and ends
 * with exactly one line `N journeys agree, M disagree`. Exit status 1 when any journey disagrees, 2 when the
 * check cannot run here (the reason is printed).
 */
import { builtinSuites } from './builtin';
import { randomSuites } from './random-scenarios';
import type { ScenarioSuite } from './cases';
import { reportText, runSuites, unexplained } from './run';
import { sandboxUnavailableReason } from './sandbox';

const reason = sandboxUnavailableReason();
if (reason !== '') {
  process.stdout.write(`kernel journey check skipped: ${reason}\n0 journeys agree, 0 disagree\n`);
  process.exit(2);
}
const randomCount = Number(process.env.KPL_RANDOM_SCENARIOS ?? 50);
const random = randomSuites(randomCount, Number(process.env.KPL_RANDOM_SEED ?? 20261207));
const started = Date.now();
try {
  const only = process.env.KPL_KERNEL_ONLY;
  const suites = [...builtinSuites(), ...random.suites].filter((s) => !only || s.name.includes(only));
  const report = await runSuites(suites, {
    budgetMs: Number(process.env.KPL_KERNEL_BUDGET_MS ?? 480_000),
    ...(process.env.KPL_KERNEL_PROGRESS ? { onBuilt: (s: ScenarioSuite, ms: number) => process.stderr.write(`built ${s.name} in ${ms} ms\n`) } : {}),
    onResult: process.env.KPL_KERNEL_PROGRESS ? (r) => process.stderr.write(`${((Date.now() - started) / 1000).toFixed(1)}s ${r.status} ${r.sent} ${r.scenario} ${r.id}\n`) : undefined,
  });
  process.stdout.write(reportText(report));
  process.exitCode = unexplained(report).length > 0 || report.notRun.length > 0 ? 1 : 0;
} finally {
  random.dispose();
}
