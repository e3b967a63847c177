/**
 * Latest wins: run a job at once when idle; while one runs, keep only the newest request and run it next.
 * Used for editor text → worker, so one edit shows after one round trip and fast typing never queues up.
 */
export function latestWins<T>(job: (value: T, superseded: () => boolean) => Promise<void>): (value: T) => void {
  let busy = false;
  let waiting: { readonly value: T } | undefined;
  const pump = (value: T): void => {
    busy = true;
    void job(value, () => waiting !== undefined).finally(() => {
      busy = false;
      const next = waiting;
      waiting = undefined;
      if (next) pump(next.value);
    });
  };
  return (value) => {
    if (busy) waiting = { value };
    else pump(value);
  };
}
