/**
 * Loading a node's generated restore text into the simulated kernel through the parser, nat listed before
 * filter — what a pasted dump goes through (`nodeRuleset` and `kpl bench` now load the writer's rules directly:
 * src/test-support/direct-load.test.ts checks both give the same ruleset). The parser refuses input above MAX_DUMP_CHARS (20 M characters, a limit
 * meant for pasted dumps), and 10,000 services × 10 endpoints write about 32 M; so a table too large for
 * one parse is parsed in pieces — every piece declares all of the table's chains and carries a run of its
 * `-A` lines — and each chain's rules are joined in order. The result is the ruleset one parse would give
 * (src/cli/bench.test.ts checks that on a small limit).
 */
import { MAX_DUMP_CHARS, parseIptables } from '../src/engine/netfilter/parse';
import type { Ruleset, Table, TableName } from '../src/engine/netfilter/model';

function parseOrThrow(text: string): Ruleset {
  const r = parseIptables(text);
  if (r.errors.length > 0) throw new Error(`generated rules do not load: ${r.errors.slice(0, 3).map((e) => `line ${e.line}: ${e.message}`).join('; ')}`);
  return r.ruleset;
}

/** One `*table … COMMIT` block, parsed whole or in pieces of at most `limit` characters. */
function loadTable(block: string, limit: number): Table {
  if (block.length <= limit) return [...parseOrThrow(block).tables.values()][0]!;
  const lines = block.split('\n').filter((l) => l !== '');
  const head = lines.filter((l) => l.startsWith('*') || l.startsWith(':'));
  const rules = lines.filter((l) => l.startsWith('-A '));
  const headText = `${head.join('\n')}\n`;
  const budget = limit - headText.length - 'COMMIT\n'.length;
  if (budget < 1000) throw new Error(`a table's chain declarations alone exceed the parser's limit (${limit} characters)`);
  let merged: Table | undefined;
  let start = 0;
  while (start < rules.length || merged === undefined) {
    let size = 0;
    let end = start;
    while (end < rules.length && size + rules[end]!.length + 1 <= budget) size += rules[end++]!.length + 1;
    if (end === start && start < rules.length) throw new Error(`a rule is longer than the parser's limit`);
    const piece = [...parseOrThrow(`${headText}${rules.slice(start, end).join('\n')}\nCOMMIT\n`).tables.values()][0]!;
    if (merged === undefined) merged = piece;
    else {
      for (const [name, chain] of piece.chains) {
        const into = merged.chains.get(name)!.rules;
        for (const rule of chain.rules) into.push(rule);
      }
    }
    start = end;
  }
  return merged;
}

/** `restoreText` (as generateNodeRules writes it) loaded the way nodeRuleset loads it. */
export function loadGeneratedRuleset(restoreText: string, limit = MAX_DUMP_CHARS): Ruleset {
  const blocks = restoreText.split(/^(?=\*)/m).filter((b) => b.startsWith('*'));
  const tables = new Map<TableName, Table>();
  for (const block of blocks) {
    const table = loadTable(block, limit);
    tables.set(table.name, table);
  }
  // iptables-save lists tables in creation order; a node shows nat before filter (as nodeRuleset orders them).
  return { tables: new Map([...tables].sort(([a], [b]) => (a === 'nat' ? -1 : b === 'nat' ? 1 : 0))) };
}
