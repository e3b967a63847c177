/** kube-proxy (nftables mode): a node's `nft -f` transaction from the cluster model. */
export { generateNftablesTransaction, nftLocalDetector } from './generate';
export type { NftablesTransaction } from './generate';
export type { NftElementRole, NftGeneratedElement, NftGeneratedRule, NftRuleMeaning, NftRuleRole } from './meaning';
export { hashAndTruncate, nftEndpointNames, nftServicePortChains } from './names';
export { BASE_CHAINS } from './setup';
