/**
 * The test vectors copied into the repository (`test-vectors/` at its root, see its README): real
 * outputs the engine must reproduce. Test-only (reads the file system).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const VECTORS_DIR = join(import.meta.dirname, '..', '..', '..', 'test-vectors');

/** The absolute path of a vector, e.g. `vectorPath('k8s-overall/scenario.yaml')` (what the CLI tests pass as FILE). */
export function vectorPath(relative: string): string {
  return join(VECTORS_DIR, relative);
}

export function readVector(relative: string): string {
  return readFileSync(vectorPath(relative), 'utf8');
}
