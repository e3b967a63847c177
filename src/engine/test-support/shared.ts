/**
 * Where the project's shared folder is: beside the repository (`../shared`), as on every developer
 * machine and in CI's clean clone. Test-only (reads the file system).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const SHARED_DIR = join(import.meta.dirname, '..', '..', '..', '..', 'shared');

export function readShared(relative: string): string {
  return readFileSync(join(SHARED_DIR, relative), 'utf8');
}
