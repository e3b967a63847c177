/**
 * nftables as a node holds it: the ruleset model, its two text forms (the `nft -f` transaction kube-proxy
 * sends, `nft list ruleset` as nft 1.0.6 prints it), and its evaluation for one base chain. The node
 * layer's data plane (node/nftables.ts) hooks the base chains in.
 */
export * from './model';
export { parseTransaction, MAX_NFT_CHARS, type NftParseResult, type TransactionOptions } from './parse-transaction';
export { parseNftList } from './parse-list';
export { printNftList, printTable, priorityText } from './print-list';
export { printTransaction } from './print-transaction';
export { ruleText, statementText, selectorText, verdictText, elementText } from './print-rule';
export { evaluateChain, type ChainResult, type ChainVerdict, type EvalStep, type NftEvalContext } from './evaluate';
export { createRuntime, rulesetNow, type NftRuntime } from './runtime';
export { compareKeys, sortElements } from './element-order';
export { formatDuration, parseDuration } from './time';
