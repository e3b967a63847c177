import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { defineConfig } from 'eslint/config';

/** What `src/engine` may never import: it must run unchanged in Node, the CLI and the worker (DESIGN §1). */
const engineForbiddenImports = {
  paths: [
    { name: 'react', message: 'src/engine is pure: no React.' },
    { name: 'react-dom', message: 'src/engine is pure: no React.' },
    { name: 'zustand', message: 'src/engine is pure: UI state lives in src/app.' },
    { name: 'comlink', message: 'src/engine is pure: the worker adapter lives in src/worker.' },
  ],
  patterns: [
    { group: ['react/*', 'react-dom/*', '@xyflow/*', 'reactflow', 'framer-motion', 'motion', 'motion/*', 'monaco-editor', 'monaco-editor/*', 'monaco-yaml', 'monaco-yaml/*', 'zustand/*', '@dagrejs/*'], message: 'src/engine is pure: no UI packages.' },
    { group: ['**/app', '**/app/*', '**/worker', '**/worker/*', '**/cli', '**/cli/*'], message: 'src/engine must not depend on its adapters (app, worker, cli).' },
    { group: ['node:*', 'fs', 'path', 'child_process', 'os'], message: 'src/engine runs in the browser too: no Node built-ins outside tests.' },
  ],
};

/**
 * What `src/app` may take from `src/engine`: types only. The page asks the worker for everything the
 * engine computes (DESIGN §1: the UI never decides a packet's fate), so a value import would put engine
 * code in the page bundle. Named exceptions, each a value the page truly needs on the main thread:
 * - `engine/cluster/schema`: the scenario's JSON schema, which Monaco's YAML worker validates against as the user types;
 * - `engine/explain/**`: pure text helpers and the explanation catalog (Korean particles, rule explanations) the UI renders;
 * - `engine/node/hook-stages`: the plain data the hook diagram draws (each hook's tables and conntrack stages by priority).
 * Tests under src/app may import engine values: they check the page's numbers against the engine's.
 */
const appEngineImports = {
  patterns: [
    {
      // Any path into src/engine, except the three named below (a gitignore-style group cannot re-include them).
      regex: '(^|/)engine(/(?!(cluster/schema|node/hook-stages)(\\.ts)?$|explain/)|$)',
      allowTypeImports: true,
      message:
        'src/app imports only types from src/engine; ask the worker (src/worker/api.ts) for values. Exceptions: engine/cluster/schema, engine/explain/**, engine/node/hook-stages (see eslint.config.js).',
    },
  ],
};

export default defineConfig(
  { ignores: ['dist/', 'node_modules/', 'test-results/', 'playwright-report/', '**/__golden__/**'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/app/**/*.{ts,tsx}', 'src/main.tsx', 'src/worker/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // A warning for the React Compiler, which this app does not use: TanStack Virtual's hooks return
      // functions it cannot memoize, and that is fine without it.
      'react-hooks/incompatible-library': 'off',
    },
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['src/app/**/*.{ts,tsx}'],
    ignores: ['src/app/**/*.test.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', appEngineImports] },
  },
  {
    files: ['src/engine/**/*.ts'],
    ignores: ['src/engine/**/*.test.ts', 'src/engine/test-support/**'],
    rules: {
      'no-restricted-imports': ['error', engineForbiddenImports],
      'no-restricted-globals': [
        'error',
        ...['window', 'document', 'self', 'navigator', 'localStorage', 'sessionStorage', 'performance', 'process', 'console'].map(
          (name) => ({ name, message: 'src/engine is pure and deterministic: no browser or Node globals.' }),
        ),
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Use the seeded RNG passed in (src/engine/random.ts).' },
        { object: 'Date', property: 'now', message: 'Use the simulated clock passed in.' },
      ],
    },
  },
  {
    files: ['src/cli/**/*.ts', 'src/**/*.test.ts', 'src/engine/test-support/**', 'bin/**/*.js', 'scripts/**/*.mjs', 'e2e/**/*.ts', 'bench/**/*.ts', '*.config.{js,ts}', '.ci/**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
);
