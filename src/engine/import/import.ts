/**
 * Importing a node's pasted rules: the text is read line by line, in slices (`step`), so the worker can
 * report progress on a 100,000-line dump and stay cancellable. Each line is routed by what it is — a
 * shell prompt naming the command that printed what follows, `*table`/`:CHAIN`/`COMMIT` of
 * iptables-save, `-P`/`-N`/`-A` of `iptables -S`, `Chain X (…)` blocks of `iptables -L`, `ip -4 addr` /
 * `ip route` output — and fed to one RulesetBuilder, so every format lands in the same ruleset.
 *
 * `nft list ruleset` sections (`table ip kube-proxy {` blocks, or what follows a prompt running `nft list …`)
 * are collected line by line, braces counted so the section ends where its last table closes, and read
 * at the end by the nft reader (src/engine/nftables/parse-list.ts), its problems put back on the pasted
 * lines. The result rides beside `ruleset` (`ImportedDump.nft`) and becomes the node's nftables data plane
 * (node-setup.ts): trace, spread and the UI only ask the node.
 */
import { countersFromText, TABLE_NAMES, type Counters, type TableName } from '../netfilter/model';
import { tokenizeLine, type Token } from '../netfilter/tokenize';
import { RulesetBuilder } from './builder';
import { shellCommand, type ShellCommand } from './commands';
import { IssueLog } from './issues';
import { parseNftListLines } from '../nftables/parse-list';
import { tableRef, type NftRule } from '../nftables/model';
import { chainKey, type ChainOwner, type DumpSection, type ImportedDump, type ImportedNft, type PastedInterfaces } from './model';
import { chainOwner, nftChainOwner } from './owners';
import { columnsOfHeader, readListRule, type ListColumns } from './read-list';
import { guessTable, isBuiltinName, replay, type OpenSection } from './sections';
import { iptablesNftTable, readXtNftTable, type NftSourceLine } from './xt-nft';

/** A paste, not a disk image: refuse absurd input before reading it. */
export const MAX_IMPORT_CHARS = 40_000_000;

const ZERO: Counters = { packets: 0, bytes: 0 };
const ELIDED = /^(\.{3,}|…+|\(\.{3}\)|\[\.{3}\]|# ?\.{3,}.*)$/;
const SAVE_COUNTERS = /^\[(\d{1,40}):(\d{1,40})\]$/;
const LIST_CHAIN = /^Chain (\S+) \((?:policy (ACCEPT|DROP)(?: (\S+) packets, (\S+) bytes)?|(\d+) references)\)$/;

export interface ImportProgress {
  readonly done: number;
  readonly total: number;
}

export interface DumpImport {
  readonly total: number;
  /** Reads up to `lines` more lines; true when the whole text is read. */
  step(lines: number): boolean;
  progress(): ImportProgress;
  result(): ImportedDump;
}

type Mode =
  | { readonly kind: 'none' }
  | { readonly kind: 'save'; table: TableName | undefined; readonly firstLine: number; lastLine: number; readonly command?: string }
  | { readonly kind: 'S' | 'L'; readonly open: OpenSection; chain?: string; columns?: ListColumns }
  | { readonly kind: 'addr' | 'route'; readonly firstLine: number }
  | { readonly kind: 'nft'; readonly firstLine: number; lastLine: number; depth: number };

type SectionMode = Extract<Mode, { readonly open: OpenSection }>;

function counters(p: string, b: string): Counters {
  return countersFromText(p, b) ?? ZERO;
}

/** `{` minus `}` on an nft line, outside its quoted strings (comments may hold braces). */
function braceDepthChange(line: string): number {
  let d = 0;
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '{') d++;
    else if (!quoted && ch === '}') d--;
  }
  return d;
}

export function startImport(text: string): DumpImport {
  const log = new IssueLog();
  const builder = new RulesetBuilder(log);
  const sections: DumpSection[] = [];
  const addresses: { iface: string; cidr: string }[] = [];
  const routes: { line: number; text: string }[] = [];
  let hostname: string | undefined;
  let hasCounters = false;
  let approximateReported = false;
  let noInterfacesReported = false;
  const tooLarge = text.length > MAX_IMPORT_CHARS;
  const lines = tooLarge ? [] : text.split(/\r?\n/);
  if (tooLarge) log.add({ line: 1, severity: 'error', kind: 'malformed', subject: '', message: `the text is too large (${text.length} characters; the limit is ${MAX_IMPORT_CHARS})` });
  let next = 0;
  let mode = { kind: 'none' } as Mode;
  /** What the last prompt said the following lines are. */
  let pending: ShellCommand | undefined;
  let addrIface = '';
  /** The `nft list ruleset` lines of every nft section, and where each was in the paste. */
  let nftLines: string[] = [];
  let nftLineNos: number[] = [];
  let finished: ImportedDump | undefined;

  const openSection = (format: 'S' | 'L', line: number, table?: TableName, command?: string): OpenSection => ({
    format,
    ...(table ? { table } : {}),
    ...(command ? { command } : {}),
    firstLine: line,
    lastLine: line,
    statements: [],
    builtins: new Set(),
    pastBuiltins: false,
    translates: false,
  });

  const close = (): void => {
    if (mode.kind === 'S' || mode.kind === 'L') {
      const s = mode.open;
      let table = s.table;
      if (!table) {
        table = guessTable(s);
        log.add({
          line: s.firstLine,
          severity: 'info',
          kind: 'guessed-table',
          subject: table,
          message: `lines ${s.firstLine}–${s.lastLine} name no table (no -t, no *table): read as the ${table} table, from the chains they hold`,
        });
      }
      replay(s, table, builder);
      sections.push({ format: s.format, table, firstLine: s.firstLine, lastLine: s.lastLine, ...(s.command ? { command: s.command } : {}) });
    } else if (mode.kind === 'save') {
      if (mode.table) log.add({ line: mode.lastLine, severity: 'warning', kind: 'malformed', subject: '', message: `line ${mode.lastLine}: the ${mode.table} table has no COMMIT (the paste seems cut); its rules are read anyway` });
      sections.push({ format: 'save', firstLine: mode.firstLine, lastLine: mode.lastLine, ...(mode.command ? { command: mode.command } : {}) });
    } else if (mode.kind === 'nft') {
      if (mode.lastLine >= mode.firstLine) sections.push({ format: 'nft', firstLine: mode.firstLine, lastLine: mode.lastLine });
    }
    mode = { kind: 'none' };
  };

  const startSectionFromPending = (format: 'S' | 'L', lineNo: number): Mode => {
    const cmd = pending && pending.kind === format ? pending : undefined;
    pending = undefined;
    return { kind: format, open: openSection(format, lineNo, cmd?.table, cmd?.text) };
  };

  /** `-P`, `-N`, `-A` of `iptables -S` (or `-A` with `[p:b]` in iptables-save). */
  const commandLine = (raw: string, lineNo: number, onStatement: (kind: '-P' | '-N' | '-A', tokens: readonly Token[], c: Counters) => void): void => {
    const tok = tokenizeLine(raw);
    if (tok.error) return builder.malformed(lineNo, `column ${tok.error.col}: ${tok.error.message}`);
    let tokens = tok.tokens;
    let c = ZERO;
    const bracket = SAVE_COUNTERS.exec(tokens[0]?.text ?? '');
    if (bracket) {
      c = counters(bracket[1]!, bracket[2]!);
      hasCounters = true;
      tokens = tokens.slice(1);
    }
    const cmd = tokens[0]?.text;
    if (cmd === '--append') onStatement('-A', tokens, c);
    else if (cmd === '-P' || cmd === '-N' || cmd === '-A') onStatement(cmd, tokens, c);
    else builder.malformed(lineNo, `unknown command "${cmd ?? ''}" (expected -A, -P or -N)`);
  };

  /** `-c PKTS BYTES` that `-S -v` puts inside a rule. */
  const stripCounters = (args: readonly Token[]): { args: readonly Token[]; counters?: Counters } => {
    const i = args.findIndex((t) => t.text === '-c' || t.text === '--set-counters');
    if (i === -1 || !/^\d+$/.test(args[i + 1]?.text ?? '') || !/^\d+$/.test(args[i + 2]?.text ?? '')) return { args };
    hasCounters = true;
    return { args: [...args.slice(0, i), ...args.slice(i + 3)], counters: counters(args[i + 1]!.text, args[i + 2]!.text) };
  };

  const readLine = (raw: string, lineNo: number): void => {
    const t = raw.trim();
    if (t === '' || t.startsWith('```')) return;
    // Inside an nft table every line is the table's (`ip daddr …` is a rule, not the `ip` command).
    if (mode.kind === 'nft' && mode.depth > 0 && !ELIDED.test(t)) return nftLine(mode, raw, lineNo);
    const cmd = shellCommand(t);
    if (cmd) {
      close();
      if (cmd.hostname) hostname = cmd.hostname;
      pending = cmd;
      if (cmd.kind === 'addr' || cmd.kind === 'route') mode = { kind: cmd.kind, firstLine: lineNo + 1 };
      if (cmd.kind === 'nft') mode = { kind: 'nft', firstLine: lineNo + 1, lastLine: lineNo, depth: 0 };
      return;
    }
    if (t.startsWith('#')) return;
    if (ELIDED.test(t)) {
      log.add({ line: lineNo, severity: 'info', kind: 'elided', subject: t, message: `line ${lineNo}: "${t}" — the paste was shortened here; what it left out is not in the lab` });
      return;
    }
    if (mode.kind === 'nft') {
      if (mode.depth > 0 || /^table\s/.test(t)) return nftLine(mode, raw, lineNo);
      // Past the last table's `}`: whatever follows is read as what it is.
      close();
    }
    if (/^table (ip|inet|ip6|arp|bridge|netdev) \S+ \{$/.test(t)) {
      close();
      mode = { kind: 'nft', firstLine: lineNo, lastLine: lineNo, depth: 0 };
      return nftLine(mode, raw, lineNo);
    }
    // iptables-save
    if (t.startsWith('*')) {
      close();
      const name = t.slice(1);
      const cmdText = pending?.kind === 'save' ? pending.text : undefined;
      pending = undefined;
      if (!(TABLE_NAMES as readonly string[]).includes(name)) {
        builder.malformed(lineNo, `unknown table "${name}" (tables: ${TABLE_NAMES.join(', ')})`);
        mode = { kind: 'save', table: undefined, firstLine: lineNo, lastLine: lineNo, ...(cmdText ? { command: cmdText } : {}) };
        return;
      }
      mode = { kind: 'save', table: name as TableName, firstLine: lineNo, lastLine: lineNo, ...(cmdText ? { command: cmdText } : {}) };
      return;
    }
    if (mode.kind === 'save') {
      const m = mode;
      m.lastLine = lineNo;
      if (t === 'COMMIT') {
        if (!m.table) return;
        m.table = undefined;
        return;
      }
      if (!m.table) return builder.malformed(lineNo, 'a line outside a table (missing *table line)');
      const table = m.table;
      if (t.startsWith(':')) {
        const [name = '', policy = '', c = ''] = t.slice(1).split(/\s+/);
        const bc = SAVE_COUNTERS.exec(c);
        if (bc) hasCounters ||= bc[1] !== '0' || bc[2] !== '0';
        if (isBuiltinName(name)) return builder.policy(table, name, policy, bc ? counters(bc[1]!, bc[2]!) : ZERO, lineNo);
        return builder.declare(table, name, lineNo);
      }
      return commandLine(raw, lineNo, (kind, tokens, c) => {
        if (kind !== '-A') return builder.malformed(lineNo, `${kind} does not belong in iptables-save output`);
        const chain = tokens[1]?.text;
        if (!chain) return builder.malformed(lineNo, 'option "-A" requires a chain name');
        const s = stripCounters(tokens.slice(2));
        builder.append(table, chain, s.args, s.counters ?? c, lineNo);
      });
    }
    // iptables -L
    const chainHead = LIST_CHAIN.exec(t);
    if (chainHead) {
      const [, name = '', policy, p, b] = chainHead;
      const builtin = policy !== undefined;
      if (mode.kind !== 'L' || (builtin && (mode.open.pastBuiltins || mode.open.builtins.has(name)))) {
        close();
        mode = startSectionFromPending('L', lineNo);
      }
      const m = mode as SectionMode;
      m.open.lastLine = lineNo;
      m.chain = name;
      m.columns = undefined;
      if (builtin) {
        m.open.builtins.add(name);
        let c = ZERO;
        if (p !== undefined && b !== undefined) {
          const pc = /^\d+$/.test(p) && /^\d+$/.test(b) ? counters(p, b) : undefined;
          if (pc) {
            c = pc;
            hasCounters = true;
          }
        }
        m.open.statements.push({ kind: 'policy', chain: name, policy: policy!, counters: c, line: lineNo });
      } else {
        m.open.pastBuiltins = true;
        m.open.statements.push({ kind: 'declare', chain: name, line: lineNo });
      }
      return;
    }
    if (mode.kind === 'L' && mode.chain !== undefined) {
      const m = mode;
      m.open.lastLine = lineNo;
      const header = columnsOfHeader(t);
      if (header) {
        m.columns = header;
        if (!header.verbose && !noInterfacesReported) {
          noInterfacesReported = true;
          log.add({
            line: lineNo,
            severity: 'info',
            kind: 'no-interfaces',
            subject: '',
            message: `line ${lineNo}: \`iptables -L\` without -v prints no interfaces: rules that test -i/-o are read as if they did not (paste \`iptables -L -n -v\` or iptables-save for those)`,
          });
        }
        return;
      }
      const r = readListRule(raw, m.columns ?? { lineNumbers: false, verbose: false });
      if (r.kind === 'error') return builder.malformed(lineNo, r.message);
      if (r.kind === 'unresolved') {
        log.add({
          line: lineNo,
          severity: 'error',
          kind: 'unresolved-name',
          subject: r.name,
          message: `line ${lineNo}: "${r.name}" is a name \`iptables -L\` printed for an address; the lab cannot turn it back into one, so this rule is left out (paste \`iptables -L -n\` or iptables-save)`,
        });
        return;
      }
      if (r.approximate && !approximateReported) {
        approximateReported = true;
        log.add({ line: lineNo, severity: 'info', kind: 'approximate-counters', subject: '', message: `line ${lineNo}: counters like 12K are rounded by \`iptables -L -v\` (add -x for exact ones)` });
      }
      if (m.columns?.verbose) hasCounters = true;
      if (r.args.some((a) => a.text === 'DNAT' || a.text === 'SNAT' || a.text === 'MASQUERADE')) m.open.translates = true;
      m.open.pastBuiltins ||= !isBuiltinName(m.chain!);
      m.open.statements.push({ kind: 'rule', chain: m.chain!, args: r.args, counters: r.counters, line: lineNo, ...(r.unreadable ? { extra: r.unreadable } : {}) });
      if (r.unreadable && r.unreadable.kind === 'unknown') log.unsimulatedUse(`${r.unreadable.module} …`, lineNo);
      return;
    }
    // iptables -S
    if (/^(\[\d+:\d+\]\s+)?(-P|-N|-A|--append)\s/.test(t)) {
      if (mode.kind !== 'S') {
        close();
        mode = startSectionFromPending('S', lineNo);
      }
      const m = mode as SectionMode;
      return commandLine(raw, lineNo, (kind, tokens, c) => {
        const chain = tokens[1]?.text;
        if (!chain) return builder.malformed(lineNo, `option "${kind}" requires a chain name`);
        // Policies after rules: the next table's `-S` output, pasted without its header.
        if (kind === '-P' && (m.open.pastBuiltins || m.open.builtins.has(chain))) {
          close();
          mode = startSectionFromPending('S', lineNo);
          return commandLine(raw, lineNo, () => readS(mode as SectionMode, kind, tokens, c, lineNo));
        }
        readS(m, kind, tokens, c, lineNo);
      });
    }
    if (mode.kind === 'addr') {
      const head = /^\d+:\s+([^:@\s]+)(?:@\S+)?:\s+</.exec(t);
      if (head) {
        addrIface = head[1]!;
        return;
      }
      const inet = /^inet\s+(\d+\.\d+\.\d+\.\d+(?:\/\d+)?)\b.*?(?:\s(\S+))?$/.exec(t);
      if (inet) {
        const label = inet[2] && !/^(forever|global|host|link|dynamic|noprefixroute|secondary)$/.test(inet[2]) ? inet[2] : addrIface;
        addresses.push({ iface: label || addrIface, cidr: inet[1]!.includes('/') ? inet[1]! : `${inet[1]}/32` });
      }
      return;
    }
    if (mode.kind === 'route') {
      routes.push({ line: lineNo, text: t });
      return;
    }
    builder.malformed(lineNo, `cannot read this line as iptables-save, iptables -S or iptables -L output`);
  };

  const nftLine = (m: Extract<Mode, { kind: 'nft' }>, raw: string, lineNo: number): void => {
    nftLines.push(raw);
    nftLineNos.push(lineNo);
    m.depth += braceDepthChange(raw);
    m.lastLine = lineNo;
  };

  /** The nft sections, read as one `nft list ruleset`; problems located on the pasted lines. */
  const readNft = (owners: Map<string, ChainOwner>): ImportedNft | undefined => {
    if (nftLines.length === 0) return undefined;
    const at = (line: number): number => nftLineNos[Math.min(nftLineNos.length, Math.max(1, line)) - 1]!;
    const parsed = parseNftListLines(nftLines.join('\n'));
    for (const e of parsed.errors) {
      const line = at(e.line);
      // Another family's table (arp, bridge, netdev) is skipped whole: said once, as a warning, not as a broken
      // line; so is an ip6 table's set of IPv6 addresses (the table itself is kept, its rules as printed).
      const skipped = /^family \S+ is not simulated/.test(e.message);
      const ipv6 = /holds IPv6 addresses/.test(e.message);
      log.add({ line, severity: skipped || ipv6 ? 'warning' : 'error', kind: 'malformed', subject: 'nft', message: `line ${line}: nft: ${e.message}${skipped ? ' (that table is skipped)' : ''}` });
    }
    const ruleLines = new Map<NftRule, number>();
    for (const [rule, line] of parsed.ruleLines) ruleLines.set(rule, at(line));
    const chainLines = new Map<string, number>();
    for (const [key, line] of parsed.chainLines) chainLines.set(key, at(line));
    for (const table of parsed.ruleset.tables)
      for (const chain of table.chains) owners.set(chainKey(tableRef(table), chain.name), nftChainOwner(table.name, chain.name, chain.base !== undefined));
    return { ruleset: parsed.ruleset, ruleLines, chainLines };
  };

  const readS = (m: SectionMode, kind: '-P' | '-N' | '-A', tokens: readonly Token[], c: Counters, lineNo: number): void => {
    const chain = tokens[1]!.text;
    m.open.lastLine = lineNo;
    if (kind === '-P') {
      const s = stripCounters(tokens.slice(3));
      m.open.builtins.add(chain);
      m.open.statements.push({ kind: 'policy', chain, policy: tokens[2]?.text ?? '', counters: s.counters ?? c, line: lineNo });
    } else if (kind === '-N') {
      m.open.pastBuiltins = true;
      m.open.statements.push({ kind: 'declare', chain, line: lineNo });
    } else {
      m.open.pastBuiltins = true;
      const s = stripCounters(tokens.slice(2));
      if (s.args.some((a) => a.text === 'DNAT' || a.text === 'SNAT' || a.text === 'MASQUERADE')) m.open.translates = true;
      m.open.statements.push({ kind: 'rule', chain, args: s.args, counters: s.counters ?? c, line: lineNo });
    }
  };

  /**
   * iptables-nft's tables (`table ip nat { chain PREROUTING {…`) are iptables tables: read back into the
   * builder (xt-nft.ts); the other tables stay for the nft reader.
   */
  const takeIptablesNftTables = (): void => {
    const keep: NftSourceLine[] = [];
    let block: NftSourceLine[] = [];
    let depth = 0;
    const flush = (): void => {
      const table = iptablesNftTable(block);
      if (table) hasCounters = readXtNftTable(table, block, builder, log) || hasCounters;
      else keep.push(...block);
      block = [];
    };
    nftLines.forEach((text, k) => {
      block.push({ text, line: nftLineNos[k]! });
      depth += braceDepthChange(text);
      if (depth <= 0) {
        flush();
        depth = 0;
      }
    });
    if (block.length) flush();
    nftLines = keep.map((l) => l.text);
    nftLineNos = keep.map((l) => l.line);
  };

  const finish = (): ImportedDump => {
    close();
    takeIptablesNftTables();
    const built = builder.finish();
    const owners = new Map<string, ChainOwner>();
    for (const [table, t] of built.ruleset.tables) for (const name of t.chains.keys()) owners.set(chainKey(table, name), chainOwner(name));
    const nft = readNft(owners);
    if (built.ruleset.tables.size === 0 && !nft?.ruleset.tables.length && log.errorCount === 0)
      log.add({ line: 1, severity: 'error', kind: 'empty', subject: '', message: 'no rules found: paste iptables-save, iptables -S, iptables -L or nft list ruleset output' });
    const interfaces: PastedInterfaces = { addresses, routes };
    return {
      ruleset: built.ruleset,
      ...(nft ? { nft } : {}),
      sections,
      issues: log.finish(),
      owners,
      ruleLines: built.ruleLines,
      chainLines: built.chainLines,
      missingChains: built.missingChains,
      interfaces,
      ...(hostname ? { hostname } : {}),
      hasCounters,
      lineCount: lines.length,
    };
  };

  return {
    total: lines.length,
    step(count) {
      const end = Math.min(lines.length, next + count);
      for (; next < end; next++) readLine(lines[next]!, next + 1);
      return next >= lines.length;
    },
    progress: () => ({ done: next, total: lines.length }),
    result() {
      while (next < lines.length) this.step(10_000);
      finished ??= finish();
      return finished;
    },
  };
}

/** The whole text at once (CLI, tests). */
export function importDump(text: string): ImportedDump {
  return startImport(text).result();
}
