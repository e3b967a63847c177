#!/usr/bin/env node
// `kpl`: the Kube Packet Lab engine on the command line. The engine is TypeScript: esbuild bundles the CLI
// into one ES module in node_modules/.cache (about 0.2 s) and Node runs it. A bundle rather than a
// per-file loader (tsx) because tsx keeps every function's name, which costs the engine's hot loops ~50%
// (see bench/RESULTS.md), and `kpl bench` should measure what the browser runs.
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outfile = join(root, 'node_modules', '.cache', 'kpl', `kpl-${process.pid}.mjs`);
mkdirSync(dirname(outfile), { recursive: true });
await build({
  entryPoints: [join(root, 'src', 'cli', 'main.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'inline',
  logLevel: 'error',
  // Bundled CommonJS dependencies may call require(); give the module one.
  banner: { js: "import { createRequire as __kplRequire } from 'node:module'; const require = __kplRequire(import.meta.url);" },
});
// Code that needs repo files (the bench's default scenario) finds them from here, not from the bundle's place.
process.env.KPL_ROOT = root;
let main;
try {
  ({ main } = await import(pathToFileURL(outfile).href));
} finally {
  const { rmSync } = await import('node:fs');
  rmSync(outfile, { force: true });
}
process.exitCode = await main(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
});
