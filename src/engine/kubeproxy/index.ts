/** kube-proxy (iptables mode): a node's rules from the cluster model. */
export { generateNodeRules, masqueradeMark, LARGE_CLUSTER_ENDPOINTS_THRESHOLD } from './generate';
export type { GeneratedRule, GeneratedRules, GeneratedTable } from './types';
export { chainHash, endpointChainName, servicePortChains } from './chain-names';
export type { ServicePortChains } from './chain-names';
export { probabilityText } from './probability';
export { nodeRuleset, defaultNode } from './node-ruleset';
export type { NodeRuleset } from './node-ruleset';
