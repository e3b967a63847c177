/**
 * Collects chain declarations and rules per table the way kube-proxy's LineBuffers do
 * (proxier.go `filterChains`/`filterRules`/`natChains`/`natRules`), keeping each rule's meaning
 * and sources beside it, and renders them as iptables-restore input (`writeLine`: words joined by
 * single spaces).
 */
import type { SourceRef } from '../cluster/model';
import type { RuleMeaning } from '../explain/meaning';
import type { RestoreBuilder } from '../netfilter/restore-builder';
import type { RuleShape, TextPieces } from './endpoint-rule-shapes';
import type { GeneratedRule, GeneratedTable } from './types';

/** A rule's meaning, or a function that makes it (called only when rules are kept: the per-endpoint rules pass one). */
export type MeaningArg = RuleMeaning | (() => RuleMeaning);

/** One table's rules, written as proxier.go writes them: `natRules.write('-A', chain, …)` becomes `natRules.write(chain, args, meaning)`. */
export interface TableRules {
  write(chain: string, args: readonly string[], meaning: MeaningArg, sources?: readonly SourceRef[]): void;
  /** A rule of a known shape (endpoint-rule-shapes.ts) from its three values: no argument array, no parse when loaded. */
  shaped<A, B, C>(chain: string, shape: RuleShape<A, B, C>, a: A, b: B, c: C): void;
}

const NO_SOURCES: readonly SourceRef[] = [];

/**
 * Lines joined a few thousand at a time as they come. 320,000 separate rule strings (32 MB) living until the
 * end were copied by every young-generation collection on their way to the old one; a chunk of ~2,000 lines
 * (~200 kB) is allocated where large objects live and never copied. A line is kept as its pieces, each line
 * ending in its newline: a line made by a template literal was a rope of five or six strings, 60 MB of them at
 * 10,000 Services, only to be copied into the chunk.
 */
class Lines implements TextPieces {
  private static readonly CHUNK_PIECES = 16_384;
  private readonly chunks: string[] = [];
  /**
   * The pieces since the last chunk, written by index: the array keeps its length between chunks (emptying it
   * gave back its storage, and growing it again to 16,384 allocated three times that per chunk).
   */
  private readonly pending: string[] = [];
  private count = 0;

  /** One piece of the current line (a chunk may end inside a line: chunks are joined without separators). */
  add(piece: string): void {
    this.pending[this.count++] = piece;
    if (this.count === Lines.CHUNK_PIECES) {
      this.chunks.push(this.pending.join(''));
      this.count = 0;
    }
  }

  push(line: string): void {
    this.add(line);
    this.add('\n');
  }

  /** Every line, each followed by a newline, appended to `out` in chunks (the whole text is joined once, by render). */
  appendTo(out: string[]): void {
    if (this.count > 0) {
      this.pending.length = this.count;
      this.chunks.push(this.pending.join(''));
      this.count = 0;
    }
    for (const chunk of this.chunks) out.push(chunk);
  }
}

interface TableBuffer {
  /** Chain lines in write order (`:NAME POLICY [0:0]`, policy `-` for user chains). */
  readonly chains: Lines;
  /** The names in `chains` when there is no loader to ask, so that declaring stays O(1) with 100,000 endpoint chains. */
  readonly declared: Set<string>;
  /** Every `-A` line in write order. */
  readonly texts: Lines;
  /** The same rules with their explanations and sources, when kept. */
  readonly rules: GeneratedRule[];
  /** Rules written so far per chain (the next rule's index), when rules are kept. */
  readonly counts: Map<string, number>;
}

/** Tables in the order kube-proxy restores them (filter, then nat). */
const TABLE_ORDER: readonly GeneratedTable[] = ['filter', 'nat'];

/** What a RuleBuffer makes of the rules written to it. */
export interface RuleBufferOutputs {
  /**
   * Keep each rule with its meaning and sources (`render().rules`); without, only the restore text is made —
   * a large cluster writes 300,000 rules whose meanings the simulation never reads. @default true
   */
  readonly keepRules?: boolean;
  /** Make the restore text. @default true */
  readonly text?: boolean;
  /** Also hand every declaration and rule to this loader (the ruleset the restore text would load, without parsing it). */
  readonly kernel?: RestoreBuilder;
}

export class RuleBuffer {
  private readonly tables = new Map<GeneratedTable, TableBuffer>(
    TABLE_ORDER.map((t) => [t, { chains: new Lines(), declared: new Set(), texts: new Lines(), rules: [], counts: new Map() }]),
  );
  /** The `filterRules` / `natRules` handed out (made once: the writers ask for them per service and per endpoint). */
  private readonly tableRules = new Map<GeneratedTable, TableRules>(
    TABLE_ORDER.map((table) => [
      table,
      {
        write: (chain, args, meaning, sources) => this.write(table, chain, args, meaning, sources),
        shaped: (chain, shape, a, b, c) => this.shaped(table, chain, shape, a, b, c),
      },
    ]),
  );
  private readonly keepRules: boolean;
  private readonly text: boolean;
  private readonly kernel: RestoreBuilder | undefined;

  constructor(outputs: RuleBufferOutputs = {}) {
    this.keepRules = outputs.keepRules ?? true;
    this.text = outputs.text ?? true;
    this.kernel = outputs.kernel;
  }

  /** `:CHAIN - [0:0]` (or `:INPUT ACCEPT [0:0]` for a built-in chain); a chain is declared once. */
  declare(table: GeneratedTable, chain: string, policy: '-' | 'ACCEPT' | 'DROP' = '-'): void {
    // With a loader, it knows what was declared: no second set of 110,000 names at 10,000 Services.
    const first = this.kernel !== undefined ? this.kernel.declare(table, chain, policy) : this.firstDeclaration(table, chain);
    if (first && (this.text || this.keepRules)) this.declaration(table, chain, policy);
  }

  /**
   * `declare` for a chain whose rules are written next, all of them, until `closeChain` (a KUBE-SEP chain): the
   * loaded chain's rule list is then made to size (restore-builder.ts `openChain`).
   */
  openChain(table: GeneratedTable, chain: string): void {
    // Without a loader no set is asked: a KUBE-SEP name hashes its service port and endpoint, each listed once per
    // port, and the loader refuses a Service or port named twice, so no chain is opened twice (110,000 set entries
    // at 10,000 Services were a tenth of writing the text).
    const first = this.kernel !== undefined ? this.kernel.openChain(table, chain) : true;
    if (first && (this.text || this.keepRules)) this.declaration(table, chain, '-');
  }

  /** `:CHAIN POLICY [0:0]`, in pieces (110,000 of them at 10,000 Services). */
  private declaration(table: GeneratedTable, chain: string, policy: '-' | 'ACCEPT' | 'DROP'): void {
    const chains = this.table(table).chains;
    chains.add(':');
    chains.add(chain);
    chains.add(policy === '-' ? ' - [0:0]\n' : ` ${policy} [0:0]\n`);
  }

  private firstDeclaration(table: GeneratedTable, chain: string): boolean {
    const declared = this.table(table).declared;
    if (declared.has(chain)) return false;
    declared.add(chain);
    return true;
  }

  /** Ends the chain `openChain` began. */
  closeChain(table: GeneratedTable): void {
    this.kernel?.closeChain(table);
  }

  /** The `filterRules` / `natRules` of proxier.go. */
  rules(table: GeneratedTable): TableRules {
    const rules = this.tableRules.get(table);
    if (rules === undefined) throw new Error(`unknown table ${table}`);
    return rules;
  }

  /** `-A CHAIN args…`, with what the rule is for. */
  write(table: GeneratedTable, chain: string, args: readonly string[], meaning: MeaningArg, sources: readonly SourceRef[] = NO_SOURCES): void {
    this.kernel?.append(table, chain, args);
    if (!this.text && !this.keepRules) return;
    // The text is made now, so the argument arrays die young instead of living until render.
    this.keep(table, chain, args.length === 0 ? `-A ${chain}` : `-A ${chain} ${args.join(' ')}`, meaning, sources);
  }

  /** A rule of a known shape: the kernel gets the rule the shape builds (or parses its text when the shape cannot say). */
  shaped<A, B, C>(table: GeneratedTable, chain: string, shape: RuleShape<A, B, C>, a: A, b: B, c: C): void {
    if (this.kernel !== undefined) {
      const rule = shape.rule(a, b, c);
      if (rule !== undefined) this.kernel.appendRule(table, chain, rule);
      else this.kernel.appendLine(table, `-A ${chain} ${shape.text(a, b, c)}`);
    }
    if (this.keepRules) this.keep(table, chain, `-A ${chain} ${shape.text(a, b, c)}`, shape.meaning(a, b, c), shape.sources(a, b, c));
    else if (this.text) {
      const texts = this.table(table).texts;
      texts.add('-A ');
      texts.add(chain);
      shape.write(texts, a, b, c);
    }
  }

  private keep(table: GeneratedTable, chain: string, text: string, meaning: MeaningArg, sources: readonly SourceRef[]): void {
    const t = this.table(table);
    if (this.text) t.texts.push(text);
    if (!this.keepRules) return;
    const index = t.counts.get(chain) ?? 0;
    t.counts.set(chain, index + 1);
    t.rules.push({ table, chain, index, text, meaning: typeof meaning === 'function' ? meaning() : meaning, sources });
  }

  /** The restore text, and the rules with their meanings (empty unless kept). */
  render(): { restoreText: string; rules: GeneratedRule[] } {
    // One join of every chunk: joining each table, then the tables, copied the 32 MB of 10,000 Services twice more.
    const parts: string[] = [];
    for (const name of TABLE_ORDER) {
      const t = this.table(name);
      parts.push(`*${name}\n`);
      t.chains.appendTo(parts);
      t.texts.appendTo(parts);
      parts.push('COMMIT\n');
    }
    const rules = TABLE_ORDER.flatMap((name) => this.table(name).rules);
    return { restoreText: parts.join(''), rules };
  }

  private table(name: GeneratedTable): TableBuffer {
    const t = this.tables.get(name);
    if (t === undefined) throw new Error(`unknown table ${name}`);
    return t;
  }
}
