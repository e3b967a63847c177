import { readFileSync } from 'node:fs';
import type { CliIo } from '../io';
import { UsageError } from '../io';
import { oneOf, parseArgs } from '../args';
import { parseIptables } from '../../engine/netfilter/parse';
import type { Ruleset, TableName } from '../../engine/netfilter/model';
import { printIptablesS, printIptablesSave } from '../../engine/netfilter/print';
import { printIptablesList } from '../../engine/netfilter/print-list';

export type Format = 'save' | 'S' | 'L';

export function readInput(file: string): string {
  try {
    return readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}

/** Prints a ruleset in one of iptables' formats; `table` undefined means every table (save) or nat then filter (-S, -L). */
export function printRuleset(ruleset: Ruleset, format: Format, table: TableName | undefined): string {
  if (format === 'save') return printIptablesSave(ruleset, table ? { tables: [table] } : {});
  const tables = table ? [table] : [...ruleset.tables.keys()];
  return tables
    .filter((t) => ruleset.tables.has(t))
    .map((t) => (format === 'S' ? printIptablesS(ruleset, t) : printIptablesList(ruleset, t, { numeric: true, verbose: true })))
    .join(format === 'L' ? '\n' : '');
}

export const TABLES = ['nat', 'filter', 'raw', 'mangle', 'security'] as const;

/** `kpl print DUMP`: re-print a node's iptables-save or -S text through our parser and printers. */
export async function printCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, { flags: ['table', 'format'], switches: [] });
  const [file, extra] = args.positional;
  if (!file || extra) throw new UsageError('usage: kpl print DUMP [--table nat|filter|raw|mangle] [--format save|S|L]');
  const format = oneOf(args.flags.get('format'), ['save', 'S', 'L'] as const, 'format', 'save');
  const table = args.flags.has('table') ? oneOf(args.flags.get('table'), TABLES, 'table', 'nat') : undefined;
  const parsed = parseIptables(readInput(file), table ? { table } : {});
  for (const w of parsed.warnings) io.stderr(`${file}:${w.line}:${w.col}: warning: ${w.message}\n`);
  if (parsed.errors.length > 0) {
    for (const e of parsed.errors) io.stderr(`${file}:${e.line}:${e.col}: ${e.message}\n`);
    return 1;
  }
  io.stdout(printRuleset(parsed.ruleset, format, table));
  return 0;
}
