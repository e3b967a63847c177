// Joins the JSON reports of the e2e phases (scripts/e2e.mjs) into one, as if one run had written it:
// .ci/summarize.mjs reads the sum from test-results/playwright.json.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/** `reports`: [{ phase, file }]. A phase whose report is missing counts as an error (it failed before its tests ran). */
export function mergePlaywrightReports(reports) {
  const merged = { config: undefined, suites: [], errors: [], stats: { startTime: undefined, duration: 0, expected: 0, skipped: 0, unexpected: 0, flaky: 0 } };
  for (const { phase, file } of reports) {
    if (!existsSync(file)) {
      merged.errors.push({ message: `e2e phase "${phase}" wrote no report (${file}): it failed before its tests ran` });
      continue;
    }
    const r = JSON.parse(readFileSync(file, 'utf8'));
    merged.config ??= r.config;
    merged.suites.push(...(r.suites ?? []));
    merged.errors.push(...(r.errors ?? []));
    const s = r.stats ?? {};
    for (const key of ['duration', 'expected', 'skipped', 'unexpected', 'flaky']) merged.stats[key] += s[key] ?? 0;
    if (s.startTime && (!merged.stats.startTime || s.startTime < merged.stats.startTime)) merged.stats.startTime = s.startTime;
  }
  return merged;
}

export function writeMergedReport(reports, out) {
  writeFileSync(out, `${JSON.stringify(mergePlaywrightReports(reports), null, 2)}\n`);
}

/** One line per test of a report with its annotations (the timing tests' measured numbers), for the log. */
export function measuredLines(report) {
  const lines = [];
  const walk = (suite) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        const last = t.results?.at(-1);
        const annotations = last?.annotations?.length ? last.annotations : (t.annotations ?? []);
        const notes = annotations.map((a) => `${a.type} ${a.description ?? ''}`.trim());
        const outcome = last?.status ?? 'not run';
        if (notes.length) lines.push(`${spec.title} [${outcome}]: ${notes.join('; ')}`);
      }
    }
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of report.suites ?? []) walk(suite);
  return lines;
}
