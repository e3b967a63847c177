/** Conntrack: connection tracking, NAT bindings and `conntrack -L`/`-E` output for one node. */
export * from './model';
export * from './tuple';
export * from './timeouts';
export {
  confirm,
  destroyEntry,
  entriesInListOrder,
  expire,
  isExpired,
  lookup,
  remainingMs,
  tupleTaken,
  type ConfirmResult,
  type TupleHit,
} from './table';
export { classify, ctstatesOf, type Classification, type ClassifyOptions } from './classify';
export { tcpTransition, tcpIndex } from './tcp';
export {
  applyDnat,
  applySnat,
  ensureNatBinding,
  hookManip,
  natInitialized,
  needsNatLookup,
  setupNat,
  type ManipType,
  type NatBinding,
  type NatRange,
  type Random32,
} from './nat';
export { translate, translatesAt } from './translate';
export * from './print';
export { crossNode, type Crossing, type CrossingOptions, type CrossingPath, type NatDecision } from './crossing';
