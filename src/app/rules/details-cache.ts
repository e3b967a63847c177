/**
 * Rule details the rules panel has already asked the worker for. Hovering back and forth over the same
 * lines is the common case, and every answer depends only on the cluster revision, node, table, chain
 * and index, so it is asked once. Bounded: a 100,000-line ruleset must not fill memory one hover at a time.
 */
import type { RuleDetails } from '../../worker/api';

export interface DetailsKey {
  /** The worker's cluster revision: a new cluster makes every old answer stale. */
  readonly revision: number;
  readonly node: string;
  readonly table: 'nat' | 'filter';
  /** A line of `nft list ruleset` (nftables mode): the same for either table. */
  readonly nft?: true;
  readonly chain: string;
  readonly index: number;
  /** An nft line of elements: how many. */
  readonly count?: number;
}

export type DetailsFetcher = (key: DetailsKey) => Promise<RuleDetails | undefined>;

export interface DetailsCache {
  get(key: DetailsKey): Promise<RuleDetails | undefined>;
  /** Entries held (for tests and the UI benchmark). */
  readonly size: number;
}

/** @param limit answers kept, least recently used dropped first. @default 256 */
export function createDetailsCache(fetch: DetailsFetcher, limit = 256): DetailsCache {
  const entries = new Map<string, Promise<RuleDetails | undefined>>();
  return {
    get(key) {
      const id = `${key.revision}\u0000${key.node}\u0000${key.table}\u0000${key.chain}\u0000${key.index}\u0000${key.nft ? `nft ${key.count ?? ''}` : ''}`;
      const hit = entries.get(id);
      if (hit) {
        // Map keeps insertion order: re-inserting marks the entry as the most recently used.
        entries.delete(id);
        entries.set(id, hit);
        return hit;
      }
      const asked = fetch(key).catch((e: unknown) => {
        // A failed ask (the worker restarting) is not an answer: the next hover asks again.
        entries.delete(id);
        throw e;
      });
      entries.set(id, asked);
      while (entries.size > limit) entries.delete(entries.keys().next().value!);
      return asked;
    },
    get size() {
      return entries.size;
    },
  };
}
