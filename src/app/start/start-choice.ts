/**
 * The "Start here" card's memory: a first visit (nothing of ours in storage, no link in the address)
 * opens it; either answer is remembered, so it never comes back by itself. The help dialog can open
 * it again.
 */
import type { KeyValue } from '../lessons/slots';

export type StartChoice = 'lesson' | 'explore';

export const START_KEY = 'kpl.start.v1';
/** Every key the lab writes starts with this: one of them means someone has been here before. */
const OURS = 'kpl.';

function browserStore(): KeyValue & { readonly length: number; key(i: number): string | null } | undefined {
  try {
    return (globalThis as { localStorage?: KeyValue & { readonly length: number; key(i: number): string | null } }).localStorage;
  } catch {
    return undefined;
  }
}

export function createStartMemory(kv = browserStore()) {
  const get = (k: string): string | null => {
    try {
      return kv?.getItem(k) ?? null;
    } catch {
      return null;
    }
  };
  return {
    choice: (): StartChoice | undefined => {
      const v = get(START_KEY);
      return v === 'lesson' || v === 'explore' ? v : undefined;
    },
    /** Nothing of ours is stored: not a returning visitor whose work predates the card. */
    firstVisit: (): boolean => {
      try {
        if (!kv) return true;
        for (let i = 0; i < kv.length; i++) if (kv.key(i)?.startsWith(OURS)) return false;
        return true;
      } catch {
        return true;
      }
    },
    remember: (choice: StartChoice): void => {
      try {
        kv?.setItem(START_KEY, choice);
      } catch {
        // Private mode or a full quota: the card closes anyway, it just may come back next time.
      }
    },
  };
}

export type StartMemory = ReturnType<typeof createStartMemory>;

export const startMemory: StartMemory = createStartMemory();

/**
 * Whether the page opens with the card: a first visit, not arriving through a share or lesson link
 * (a link is a destination someone chose for the visitor; the card would stand in its way).
 */
export function opensWithStartCard(memory: StartMemory, hash: string): boolean {
  if (memory.choice() !== undefined) return false;
  if (hash !== '' && hash !== '#') return false;
  return memory.firstVisit();
}
