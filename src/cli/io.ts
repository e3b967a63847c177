/** Where a command writes; tests pass their own to capture output. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** A problem with the command line or the input; `main` prints it and exits 1 (DESIGN §4). */
export class UsageError extends Error {}
