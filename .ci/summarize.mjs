// Sums the vitest and Playwright JSON reports into one line: `N passed, N failed`.
// A step that failed before its tests ran (typecheck, lint, a crashed runner) counts as one failure.
import { existsSync, readFileSync } from 'node:fs';

const status = Number(process.argv[2] ?? '0');
let passed = 0;
let failed = 0;
let skipped = 0;
const seen = [];

const vitestPath = 'test-results/vitest.json';
if (existsSync(vitestPath)) {
  const r = JSON.parse(readFileSync(vitestPath, 'utf8'));
  passed += r.numPassedTests ?? 0;
  failed += r.numFailedTests ?? 0;
  skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  // A test file that failed to load has no tests but is still a failure.
  failed += (r.testResults ?? []).filter((f) => f.status === 'failed' && (f.assertionResults ?? []).length === 0).length;
  seen.push('vitest');
}

const pwPath = 'test-results/playwright.json';
if (existsSync(pwPath)) {
  const r = JSON.parse(readFileSync(pwPath, 'utf8'));
  const s = r.stats ?? {};
  passed += (s.expected ?? 0) + (s.flaky ?? 0);
  failed += s.unexpected ?? 0;
  skipped += s.skipped ?? 0;
  failed += (r.errors ?? []).length;
  seen.push('playwright');
}

if (status !== 0 && failed === 0) failed = 1; // typecheck, lint or a runner failed outside any test
if (seen.length < 2 && status === 0) {
  console.error(`ci: expected reports from vitest and playwright, found: ${seen.join(', ') || 'none'}`);
  failed += 1;
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || status !== 0 ? 1 : 0);
