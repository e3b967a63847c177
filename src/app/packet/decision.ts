/**
 * Which hops are decisions: the ones that change the packet or decide its fate, where `Next decision`
 * stops and playback lingers. Read from what each hop records (its target, its changed header fields,
 * its conntrack entry line), never guessed.
 */
import type { HopView, TraceView } from '../../worker/api';

/**
 * Chains kube-proxy writes per Service or per endpoint: jumping into one is the moment a rule picked the
 * Service (KUBE-SVC/-EXT/-FW/-SVL) or an endpoint (KUBE-SEP). The node-wide chains (KUBE-SERVICES,
 * KUBE-FORWARD, KUBE-POSTROUTING, …) are entered by every packet and decide nothing by being entered.
 */
const PER_SERVICE_CHAIN = /^KUBE-(SVC|SVL|EXT|FW|SEP|XLB)-/;
/** kube-proxy's nftables chains per Service port or endpoint, as a `goto`/`jump` verdict names them. */
const NFT_PER_SERVICE_CHAIN = /^(goto|jump) (service|external|local|firewall|endpoint)-[A-Z2-7]{8}-/;
/** nft verdicts and statements that rewrite the packet or decide its fate. */
const NFT_DECIDING = /^(dnat|snat|masquerade|redirect|drop|reject)\b/;

/** Targets that rewrite the packet or its mark (iptables-extensions(8)). */
const REWRITING_TARGETS: ReadonlySet<string> = new Set(['DNAT', 'SNAT', 'MASQUERADE', 'REDIRECT', 'NETMAP', 'MARK', 'CONNMARK']);

/** What a `conntrack -L` line says about an entry's state, without the countdown and the use count. */
export function entryStateOf(line: string): string {
  return line
    .replace(/^(\S+\s+\d+)\s+\d+\s/, '$1 ')
    .replace(/\s+use=\d+$/, '')
    .trim();
}

/**
 * The entry line a conntrack lookup of `hop` (at hop `hopIndex` of packet `packetIndex`) is compared with:
 * the latest line this trace recorded for the same entry on the same node before it, if any.
 */
function previousEntryLine(trace: TraceView, packetIndex: number, hopIndex: number, node: string, entryId: number): string | undefined {
  for (let p = packetIndex; p >= 0; p--) {
    const hops = trace.packets[p]!.hops;
    for (let i = p === packetIndex ? hopIndex - 1 : hops.length - 1; i >= 0; i--) {
      const h = hops[i]!;
      if ((h.kind === 'conntrack' || h.kind === 'confirm') && h.node === node && h.entryId === entryId && h.entryLine !== undefined) return h.entryLine;
    }
  }
  return undefined;
}

/** Whether the hop changes the packet or decides its fate. */
export function isDecision(trace: TraceView, packetIndex: number, hopIndex: number): boolean {
  const hop: HopView = trace.packets[packetIndex]!.hops[hopIndex]!;
  switch (hop.kind) {
    case 'rule': {
      if (!hop.matched || hop.target === undefined) return false;
      // An nft rule whose map lookup was just shown carries out what the lookup decided: one stop, at the lookup.
      const before = trace.packets[packetIndex]!.hops[hopIndex - 1];
      if (before?.kind === 'map-lookup' && before.chain === hop.chain && before.ruleIndex === hop.ruleIndex && before.node === hop.node) return false;
      if (hop.changed.length > 0 || REWRITING_TARGETS.has(hop.target)) return true;
      if (hop.target === 'DROP' || hop.target === 'REJECT' || hop.target === 'policy DROP') return true;
      // Only the filter table's ACCEPT lets the packet through; nat's says "no translation here".
      if (hop.target === 'ACCEPT' || hop.target === 'policy ACCEPT') return hop.table === 'filter';
      if (NFT_DECIDING.test(hop.target)) return true;
      return PER_SERVICE_CHAIN.test(hop.target) || NFT_PER_SERVICE_CHAIN.test(hop.target);
    }
    case 'map-lookup':
      // The lookup that picks the Service or the endpoint (or finds no endpoints) is the decision; the rule after it only carries it out.
      return hop.verdict !== undefined && (NFT_PER_SERVICE_CHAIN.test(hop.verdict) || NFT_DECIDING.test(hop.verdict) || hop.verdict === 'goto reject-chain');
    case 'conntrack': {
      if (hop.isNew) return true;
      if (hop.entryId === undefined || hop.entryLine === undefined) return false;
      const before = previousEntryLine(trace, packetIndex, hopIndex, hop.node, hop.entryId);
      // An entry this trace has not seen before (a connection sent earlier) is news to the learner too.
      return before === undefined || entryStateOf(before) !== entryStateOf(hop.entryLine);
    }
    case 'confirm':
      // The entry enters the table (or clashes with one and the packet is dropped): both change the table.
      return true;
    case 'nat-from-entry':
      return hop.changed.length > 0;
    case 'routing':
      return hop.decision === 'no route';
    case 'deliver':
      return true;
    case 'skipped':
    case 'send':
    case 'wire':
      return false;
  }
}
