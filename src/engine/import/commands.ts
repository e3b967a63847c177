/**
 * The shell lines a paste from a terminal or from notes carries (`root@myk8s-worker:/# iptables -t nat -S`,
 * `[root@ip-10-56-128-40 /]# iptables -t nat -L`, `$ ip -4 addr`): what each one printed next, so the
 * lines after it are read in the right format and table, and the prompt's host name.
 */
import { TABLE_NAMES, type TableName } from '../netfilter/model';

export type CommandKind = 'save' | 'S' | 'L' | 'nft' | 'addr' | 'route';

export interface ShellCommand {
  readonly kind: CommandKind;
  readonly table?: TableName;
  readonly hostname?: string;
  readonly text: string;
}

const COMMAND = /^(?:(?:\[?([\w.-]+)@([\w.-]+)[^#$]*?)?[#$%]\s*)?(?:sudo\s+)?(iptables(?:-legacy|-nft)?(?:-save)?|ip|nft)(?:\s+(.*))?$/;

/** The command a line runs, or undefined when it is not one of the commands whose output we read. */
export function shellCommand(line: string): ShellCommand | undefined {
  const m = COMMAND.exec(line.trim());
  if (!m) return undefined;
  const program = m[3]!;
  const args = (m[4] ?? '').split('|')[0]!.trim().split(/\s+/).filter(Boolean);
  const hostname = m[2];
  const base = { text: line.trim(), ...(hostname ? { hostname } : {}) };
  if (program === 'nft') return args.includes('list') ? { kind: 'nft', ...base } : undefined;
  if (program === 'ip') {
    const verb = args.find((a) => !a.startsWith('-'));
    if (verb === undefined) return undefined;
    if ('address'.startsWith(verb) || verb === 'addr') return { kind: 'addr', ...base };
    if ('route'.startsWith(verb)) return { kind: 'route', ...base };
    return undefined;
  }
  let table: TableName | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const t = a === '-t' || a === '--table' ? args[i + 1] : a.startsWith('-t') && a.length > 2 && !a.startsWith('--') ? a.slice(2) : undefined;
    if (t !== undefined && (TABLE_NAMES as readonly string[]).includes(t)) table = t as TableName;
  }
  // iptables works on the filter table unless told otherwise; iptables-save without -t prints every table.
  const withTable = table ? { table } : program.endsWith('-save') ? {} : { table: 'filter' as const };
  if (program.endsWith('-save')) return { kind: 'save', ...base, ...withTable };
  // Short options may be bundled (`-nvL`, `-S`, `-vS`).
  const short = args.filter((a) => /^-[a-zA-Z]+$/.test(a)).join('');
  if (args.includes('--list-rules') || short.includes('S')) return { kind: 'S', ...base, ...withTable };
  if (args.includes('--list') || short.includes('L')) return { kind: 'L', ...base, ...withTable };
  return undefined;
}
