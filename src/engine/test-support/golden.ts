/**
 * Golden files: what a printer or a narration prints, compared with the file committed beside its test.
 * `UPDATE_GOLDEN=1` rewrites them (review the diff before committing); a missing file is an error
 * otherwise, so a golden can never pass by being absent. Test-only (reads and writes the file system).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';

export const UPDATE_GOLDEN = process.env['UPDATE_GOLDEN'] === '1';

export function expectGolden(dir: string, file: string, actual: string): void {
  const path = join(dir, file);
  if (UPDATE_GOLDEN) {
    writeFileSync(path, actual);
    return;
  }
  if (!existsSync(path)) throw new Error(`${file} is missing; run with UPDATE_GOLDEN=1 and review it`);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}
