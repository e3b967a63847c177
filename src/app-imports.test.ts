/**
 * The lint rule that keeps engine code out of the page (eslint.config.js, `appEngineImports`), run on
 * sample imports as if they were in src/app: values from the engine are refused except the named
 * exceptions; types are always fine.
 */
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: join(import.meta.dirname, '..') });

async function refused(source: string, file = 'src/app/packet/probe.ts'): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: join(import.meta.dirname, '..', file) });
  return result!.messages.filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').map((m) => m.message.split("'")[1]!);
}

describe('src/app imports only types from src/engine', () => {
  it('refuses values, also when mixed with types', async () => {
    expect(
      await refused(
        "import { loadScenario } from '../../engine/cluster/load';\nimport { type Journey, runConnection } from '../../engine/sim/journey';\nimport * as engine from '../../engine/sim/report';\nexport const x: unknown[] = [loadScenario, runConnection, engine];\nexport type J = Journey;\n",
      ),
    ).toEqual(['../../engine/cluster/load', '../../engine/sim/journey', '../../engine/sim/report']);
  });

  it('accepts types, and the named exceptions as values', async () => {
    expect(
      await refused(
        "import type { Journey } from '../../engine/sim/journey';\nimport { type ClusterModel } from '../../engine/cluster/model';\nimport { scenarioJsonSchema } from '../../engine/cluster/schema';\nimport { withParticle } from '../../engine/explain/particles';\nimport { HOOK_STAGES } from '../../engine/node/hook-stages';\nexport const x: unknown[] = [scenarioJsonSchema, withParticle, HOOK_STAGES];\nexport type J = Journey | ClusterModel;\n",
      ),
    ).toEqual([]);
  });

  it('does not apply to the worker, which adapts the engine', async () => {
    expect(await refused("import { runConnection } from '../engine/sim/journey';\nexport const x = runConnection;\n", 'src/worker/probe.ts')).toEqual([]);
  });
});
