/**
 * What kube-proxy's nftables transaction says its rules and map elements are for, looked up by what a
 * trace records (chain and rule index; map and key), for the packet view's words about a map lookup.
 */
import type { NftablesTransaction } from '../engine/kubeproxy/nftables';
import type { NftGeneratedElement } from '../engine/kubeproxy/nftables/meaning';
import type { NftMeanings } from './trace-view';

const elementIndexes = new WeakMap<NftablesTransaction, ReadonlyMap<string, NftGeneratedElement>>();

/** An element of a set or map by its key as nft prints it (`10.96.0.10 . udp . 53`). */
export function elementOf(tx: NftablesTransaction, set: string, key: string): NftGeneratedElement | undefined {
  let index = elementIndexes.get(tx);
  if (!index) {
    index = new Map(tx.elements.map((e) => [`${e.set}\u0000${e.key}`, e]));
    elementIndexes.set(tx, index);
  }
  return index.get(`${set}\u0000${key}`);
}

/** The meanings of the nodes' transactions (`transactionOf` answers undefined outside nftables mode). */
export function nftMeanings(transactionOf: (node: string) => NftablesTransaction | undefined): NftMeanings {
  return {
    rule: (node, chain, index) => transactionOf(node)?.meaningAt(chain, index),
    element: (node, map, key) => {
      const tx = transactionOf(node);
      const e = tx ? elementOf(tx, map, key) : undefined;
      return e ? { role: e.role, ...(e.service !== undefined ? { service: e.service } : {}) } : undefined;
    },
  };
}
