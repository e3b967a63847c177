#!/usr/bin/env node
// Runs a bench entry (TypeScript) the way `kpl` runs the engine: bundled by esbuild into one ES module, so
// the engine's hot loops run as the browser runs them (tsx keeps every function's name, which costs them
// ~50%, see bin/kpl.js). Vite's `?raw` imports (the scenarios' texts) are read as text.
//   node bench/run-bundled.mjs bench/worker-keystroke.ts --services 500
import { build } from 'esbuild';
import process from 'node:process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [entry, ...args] = process.argv.slice(2);
if (!entry) throw new Error('usage: node bench/run-bundled.mjs <entry.ts> [args…]');
const dir = mkdtempSync(join(tmpdir(), 'kpl-bench-'));
const outfile = join(dir, 'bench.mjs');
const raw = {
  name: 'raw',
  setup(b) {
    b.onResolve({ filter: /\?raw$/ }, (a) => ({ path: resolve(a.resolveDir, a.path.replace(/\?raw$/, '')), namespace: 'raw' }));
    b.onLoad({ filter: /.*/, namespace: 'raw' }, async (a) => ({ contents: await import('node:fs/promises').then((fs) => fs.readFile(a.path, 'utf8')), loader: 'text', resolveDir: dirname(a.path) }));
  },
};
await build({
  entryPoints: [resolve(entry)],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'error',
  plugins: [raw],
  external: ['@playwright/test'],
  banner: { js: "import { createRequire as __kplRequire } from 'node:module'; const require = __kplRequire(import.meta.url);" },
});
process.argv = [process.argv[0], outfile, ...args];
try {
  await import(pathToFileURL(outfile).href);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
