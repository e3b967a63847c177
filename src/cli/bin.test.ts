/**
 * The `kpl` binary itself, as `npm run kpl` runs it: bin/kpl.js bundles the CLI with esbuild, so paths and
 * module loading differ from the tests that call the commands directly. One smoke run per command family.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const kpl = (...args: string[]): string => execFileSync(process.execPath, [join(root, 'bin', 'kpl.js'), ...args], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

describe('bin/kpl.js', () => {
  it('prints rules and traces a connection from the bundled CLI', () => {
    expect(kpl('rules', 'src/scenarios/default.yaml', '--format', 'S', '--table', 'nat')).toContain('-A KUBE-SERVICES -d 10.200.1.100/32');
    const trace = JSON.parse(kpl('trace', 'src/scenarios/default.yaml', '--from', 'net-pod', '--to', 'svc-clusterip', '--json')) as { outcome: string };
    expect(trace.outcome).toBe('delivered');
  }, 60_000);

  it('finds the repo files the benchmark needs when run as a bundle', () => {
    const result = JSON.parse(kpl('bench', '--quick', '--json')) as { defaultSpread?: { scenario: string; endpoints: Record<string, number> } } & Record<string, unknown>;
    const text = JSON.stringify(result);
    expect(text).toContain('src/scenarios/default.yaml');
    expect(text).toContain('10.10.1.2:80');
  }, 120_000);
});
