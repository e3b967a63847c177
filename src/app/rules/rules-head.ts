/**
 * What the rules panel shows first, read from the text the worker sent (engine-session.ts heads it): in
 * nftables mode kube-proxy's `nft list ruleset`, in IPVS mode `ipvsadm -Ln`, each followed by the node's
 * remaining iptables tables in the form the tabs choose; in iptables mode the tabs' form alone. The tabs
 * then name both parts, so a tab never says `iptables -S` over a page that starts with nft.
 */
import type { RuleFormat } from '../../worker/api';

export type RulesHead = 'iptables' | 'nft' | 'ipvs';

/** The command whose output comes before the iptables part. */
export const HEAD_COMMAND: Readonly<Record<Exclude<RulesHead, 'iptables'>, string>> = {
  nft: 'nft list ruleset',
  ipvs: 'ipvsadm -Ln',
};

/** The iptables forms, as the tabs name them in iptables mode (their accessible names too: e2e uses them). */
export const FORMAT_COMMAND: Readonly<Record<RuleFormat, string>> = {
  S: 'iptables -S',
  save: 'iptables-save',
  L: 'iptables -L -n -v',
};

/**
 * A tab's visible words after the caption `nft list ruleset + iptables` (nftables / IPVS mode): the caption
 * says the command, the tab its form; the tab's accessible name is still the whole (`tabName`).
 */
export const FORMAT_SUFFIX: Readonly<Record<RuleFormat, string>> = {
  S: '-S',
  save: 'save',
  L: '-L -n -v',
};

export function rulesHead(text: string | undefined): RulesHead {
  if (!text) return 'iptables';
  if (text.startsWith(`# ${HEAD_COMMAND.nft}\n`) || text === `# ${HEAD_COMMAND.nft}`) return 'nft';
  if (text.startsWith(`# ${HEAD_COMMAND.ipvs}\n`) || text === `# ${HEAD_COMMAND.ipvs}`) return 'ipvs';
  return 'iptables';
}

/** A tab's full name: what the page shows with it chosen (`nft list ruleset + iptables -S`). */
export function tabName(head: RulesHead, format: RuleFormat): string {
  return head === 'iptables' ? FORMAT_COMMAND[format] : `${HEAD_COMMAND[head]} + ${FORMAT_COMMAND[format]}`;
}
