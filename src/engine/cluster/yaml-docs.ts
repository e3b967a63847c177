/**
 * The scenario text split into YAML documents, each turned into a small tree of located values.
 * Limits are checked before and while parsing so that a pasted or shared text can never freeze the
 * worker: the text size, the document count and YAML alias expansion ("billion laughs").
 */
import { LineCounter, isAlias, isMap, isScalar, isSeq, visit } from 'yaml';
import { parseScenarioYaml } from './parse-yaml';
import type * as Yaml from 'yaml';

/** Refuse texts larger than this (characters) before parsing. */
export const MAX_SCENARIO_CHARS = 1_000_000;
/**
 * Refuse scenarios with more documents than this: room for 1,000 Services and their workloads in the
 * editor (issue 16's scale), while the 1 MB text limit bounds the work of parsing them.
 */
export const MAX_DOCUMENTS = 2_000;
/** Aliases one document may expand (yaml's own resource-exhaustion guard). */
export const MAX_ALIAS_COUNT = 100;
/** Values one document may hold after alias expansion. */
const MAX_NODES_PER_DOCUMENT = 200_000;

/**
 * True when the text certainly holds more than `MAX_DOCUMENTS` documents, found by counting `---` and
 * `...` lines without parsing (a document has at most one of each, so more than twice the limit of them
 * means more documents than the limit). Parsing 200,000 tiny documents just to count them is what this avoids.
 */
export function certainlyTooManyDocuments(text: string): boolean {
  const marker = /^(?:---|\.\.\.)/gm;
  let n = 0;
  while (marker.exec(text) !== null) if (++n > 2 * MAX_DOCUMENTS) return true;
  return false;
}

/** Character offsets `[start, end)` into the scenario text. */
export type Span = readonly [number, number];

/** A YAML value with where it was written. Keys keep their own span for "unknown field" errors. */
export type YNode =
  | { readonly kind: 'map'; readonly span: Span; readonly entries: readonly YEntry[] }
  | { readonly kind: 'seq'; readonly span: Span; readonly items: readonly YNode[] }
  | { readonly kind: 'scalar'; readonly span: Span; readonly value: string | number | boolean | null };

export interface YEntry {
  readonly key: string;
  readonly keySpan: Span;
  readonly value: YNode;
}

/** A problem found while reading the YAML itself (no field path yet). */
export interface YamlProblem {
  readonly doc: number;
  readonly span: Span;
  readonly message: string;
  /** The `yaml` library's error code (`err.code`), for the UI's wording of the message in its language. */
  readonly code?: string;
}

export interface YamlDocument {
  /** 0-based index in text order, counting documents that hold only comments too. */
  readonly index: number;
  /** Undefined for an empty document (comments only), which kubectl skips. */
  readonly root?: YNode;
  /** Where the document's content starts, for problems about the whole document (its first key) */
  readonly span: Span;
}

export interface YamlScenario {
  readonly documents: readonly YamlDocument[];
  readonly problems: readonly YamlProblem[];
  readonly lineCounter: LineCounter;
}

/** Parses every document; never throws. Documents with YAML errors are left out (their errors are problems). */
export function readYamlDocuments(text: string): YamlScenario {
  let lineCounter = new LineCounter();
  if (text.length > MAX_SCENARIO_CHARS) {
    lineCounter.addNewLine(0);
    return {
      documents: [],
      problems: [
        {
          doc: -1,
          span: [0, 0],
          message: `scenario is too large (${text.length} characters; the limit is ${MAX_SCENARIO_CHARS})`,
        },
      ],
      lineCounter,
    };
  }
  if (certainlyTooManyDocuments(text)) {
    lineCounter.addNewLine(0);
    return { documents: [], problems: [{ doc: -1, span: [0, 0], message: `too many documents (the limit is ${MAX_DOCUMENTS})` }], lineCounter };
  }
  let parsed: Yaml.Document.Parsed[];
  try {
    // yaml's own duplicate-key check compares each key with every earlier one (quadratic in a map's size);
    // `convert` finds duplicates with a set instead.
    // The outline reads the same parse (parse-yaml.ts); its line counter is this text's too.
    const shared = parseScenarioYaml(text);
    lineCounter = shared.lineCounter;
    parsed = Array.isArray(shared.documents) ? shared.documents : [];
  } catch (e) {
    if (lineCounter.lineStarts.length === 0) lineCounter.addNewLine(0);
    return { documents: [], problems: [{ doc: -1, span: [0, 0], message: `YAML: ${errorText(e)}` }], lineCounter };
  }
  if (parsed.length > MAX_DOCUMENTS) {
    const extra = parsed[MAX_DOCUMENTS];
    const start = (extra?.contents as Yaml.Node | null | undefined)?.range?.[0] ?? extra?.range[0] ?? 0;
    return {
      documents: [],
      problems: [
        {
          doc: MAX_DOCUMENTS,
          span: [start, start],
          message: `too many documents (${parsed.length}; the limit is ${MAX_DOCUMENTS})`,
        },
      ],
      lineCounter,
    };
  }
  const documents: YamlDocument[] = [];
  const problems: YamlProblem[] = [];
  parsed.forEach((doc, index) => {
    if (doc.errors.length > 0) {
      for (const e of doc.errors) {
        problems.push({ doc: index, span: [e.pos[0], e.pos[1]], message: `YAML: ${firstLine(e.message)}`, code: e.code });
      }
      return;
    }
    const contents = doc.contents as Yaml.Node | null;
    const start = contents?.range?.[0] ?? doc.range[0];
    const span: Span = [start, contents?.range?.[1] ?? start];
    if (contents === null || (isScalar(contents) && contents.value === null)) {
      documents.push({ index, span });
      return;
    }
    // A document kept from the last text (parse-yaml-chunks.ts) converts as it did then, at its new place.
    const kept = converted.get(doc);
    if (kept !== undefined) {
      const located = kept.start === start ? { index, root: kept.root, span } : movedDocument(index, span, kept.root, start - kept.start);
      parsedOf.set(located, doc);
      documents.push(located);
      return;
    }
    // An alias is written `*name`: a document without a `*` has none, and no walk is needed to find their targets.
    const star = text.indexOf('*', doc.range[0]);
    const anchors = star !== -1 && star < doc.range[2] ? aliasTargets(doc) : NO_ALIASES;
    const budget: Budget = { left: MAX_NODES_PER_DOCUMENT, aliasesLeft: MAX_ALIAS_COUNT, duplicates: [], anchors };
    const root = convert(contents, budget, undefined, 0);
    if (budget.aliasesLeft < 0) {
      // yaml's own wording, which is what people search for.
      problems.push({ doc: index, span, message: 'YAML: Excessive alias count indicates a resource exhaustion attack' });
      return;
    }
    if (root === undefined) {
      problems.push({ doc: index, span, message: 'YAML: the document is too large once its aliases are expanded' });
      return;
    }
    if (budget.duplicates.length > 0) {
      for (const dup of budget.duplicates) problems.push({ doc: index, span: dup, message: 'YAML: Map keys must be unique', code: 'DUPLICATE_KEY' });
      return;
    }
    const located = { index, root, span };
    converted.set(doc, { start, root });
    parsedOf.set(located, doc);
    documents.push(located);
  });
  return { documents, problems, lineCounter };
}

/**
 * A document's conversion (without problems) and where its content started then, by the parsed document. Kept
 * beside the function, not in it: a parsed document is only reused for the same text (parse-yaml-chunks.ts), so
 * what is kept is what converting it again would give — the answer does not depend on what was read before, and
 * the keys being weak, nothing outlives the documents the caller keeps.
 */
const converted = new WeakMap<Yaml.Document.Parsed, { readonly start: number; readonly root: YNode }>();
/** The parsed document each located one was read from. */
const parsedOf = new WeakMap<YamlDocument, Yaml.Document.Parsed>();

/**
 * The parsed document `doc` was read from: the same object for a document the last text had too, unchanged
 * (parse-yaml-chunks.ts keeps them in the worker), so the loader can keep what it made of it.
 */
export function parsedDocument(doc: YamlDocument): object | undefined {
  return parsedOf.get(doc);
}

/** A kept conversion at the document's new place: its spans moved when first read (only diagnostics and sources read them). */
function movedDocument(index: number, span: Span, root: YNode, delta: number): YamlDocument {
  let moved: YNode | undefined;
  return {
    index,
    span,
    get root(): YNode {
      return (moved ??= movedNode(root, delta));
    },
  };
}

function movedNode(node: YNode, delta: number): YNode {
  const span: Span = [node.span[0] + delta, node.span[1] + delta];
  switch (node.kind) {
    case 'scalar':
      return { kind: 'scalar', span, value: node.value };
    case 'seq':
      return { kind: 'seq', span, items: node.items.map((n) => movedNode(n, delta)) };
    case 'map':
      return { kind: 'map', span, entries: node.entries.map((e) => ({ key: e.key, keySpan: [e.keySpan[0] + delta, e.keySpan[1] + delta], value: movedNode(e.value, delta) })) };
  }
}

/** What one document's conversion may still spend, and the duplicate keys it met (their spans). */
interface Budget {
  left: number;
  /** Alias expansions left (an alias inside an expanded alias counts again: that is how a bomb grows). */
  aliasesLeft: number;
  readonly duplicates: Span[];
  /** What each alias of the document stands for. */
  readonly anchors: ReadonlyMap<unknown, unknown>;
}

const NO_ALIASES: ReadonlyMap<unknown, unknown> = new Map();

/**
 * Each alias's target, found in one walk in document order (an alias names the nearest anchor before it).
 * yaml's `Alias.resolve` walks the whole document for every alias: 30,000 aliases took 76 s.
 */
function aliasTargets(doc: Yaml.Document.Parsed): Map<unknown, unknown> {
  const current = new Map<string, unknown>();
  const targets = new Map<unknown, unknown>();
  visit(doc, {
    Node: (_key, node) => {
      if (isAlias(node)) targets.set(node, current.get(node.source));
      else {
        const anchor = (node as { anchor?: string }).anchor;
        if (anchor) current.set(anchor, node);
      }
    },
  });
  return targets;
}

/** Converts yaml's AST into located values; `undefined` when the budget runs out or nesting is absurd. */
function convert(
  node: unknown,
  budget: Budget,
  useSpan: Span | undefined,
  depth: number,
): YNode | undefined {
  if (--budget.left < 0 || depth > 200) return undefined;
  if (isAlias(node)) {
    if (--budget.aliasesLeft < 0) return undefined;
    const target = budget.anchors.get(node);
    const span = useSpan ?? spanOf(node);
    if (target === undefined) return { kind: 'scalar', span, value: null };
    // An alias is reported where it is used, not where its anchor was written.
    return convert(target, budget, span, depth + 1);
  }
  if (isMap(node)) {
    const entries: YEntry[] = [];
    const keys = new Set<string>();
    for (const pair of node.items) {
      const keyNode = pair.key as Yaml.Node | null;
      const keySpan = keyNode ? spanOf(keyNode) : (useSpan ?? spanOf(node));
      let key: string;
      if (keyNode === null) key = '';
      else if (isScalar(keyNode)) key = String(keyNode.value);
      else if (isAlias(keyNode)) {
        const t = budget.anchors.get(keyNode);
        key = isScalar(t) ? String(t.value) : '[complex key]';
      } else key = '[complex key]';
      // Only scalar keys are compared (what yaml's own check would find for Kubernetes objects).
      const comparable = keyNode === null || isScalar(keyNode) || isAlias(keyNode);
      if (comparable && keys.has(key)) budget.duplicates.push(keySpan);
      keys.add(key);
      const valueNode = pair.value as Yaml.Node | null;
      const value =
        valueNode === null
          ? ({ kind: 'scalar', span: [keySpan[1], keySpan[1]], value: null } as const)
          : convert(valueNode, budget, useSpan, depth + 1);
      if (value === undefined) return undefined;
      entries.push({ key, keySpan: useSpan ?? keySpan, value });
    }
    return { kind: 'map', span: useSpan ?? spanOf(node), entries };
  }
  if (isSeq(node)) {
    const items: YNode[] = [];
    for (const item of node.items) {
      const v =
        item === null
          ? ({ kind: 'scalar', span: useSpan ?? spanOf(node), value: null } as const)
          : convert(item, budget, useSpan, depth + 1);
      if (v === undefined) return undefined;
      items.push(v);
    }
    return { kind: 'seq', span: useSpan ?? spanOf(node), items };
  }
  if (isScalar(node)) {
    const v: unknown = node.value;
    let value: string | number | boolean | null;
    if (v === null || v === undefined) value = null;
    else if (typeof v === 'string' || typeof v === 'boolean') value = v;
    else if (typeof v === 'number') value = v;
    else if (typeof v === 'bigint') value = Number(v);
    else value = String(v);
    return { kind: 'scalar', span: useSpan ?? spanOf(node), value };
  }
  return { kind: 'scalar', span: useSpan ?? [0, 0], value: null };
}

function spanOf(node: unknown): Span {
  const range = (node as { range?: readonly number[] | null }).range;
  if (!range) return [0, 0];
  return [range[0] ?? 0, range[1] ?? range[0] ?? 0];
}

function firstLine(message: string): string {
  const nl = message.indexOf('\n');
  return nl === -1 ? message : message.slice(0, nl);
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** One step of a field path, as `diagnostics.ts` spells it (field name, list index, or `{ key }` of a map). */
type Step = string | number | { readonly key: string };

/**
 * The plain JavaScript value of a located tree (maps become objects, sequences arrays), what the
 * validators read. Keys keep their text; `null` stays `null` (JSON's "unset").
 */
export function plainValue(node: YNode): unknown {
  switch (node.kind) {
    case 'scalar':
      return node.value;
    case 'seq':
      return node.items.map(plainValue);
    case 'map': {
      const out: Record<string, unknown> = {};
      for (const e of node.entries) {
        // Own properties only: a key like `__proto__` must not reach the prototype.
        Object.defineProperty(out, e.key, { value: plainValue(e.value), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
  }
}

/** The located node at a field path, or the deepest ancestor that exists (and how deep it got). */
export function findNode(root: YNode, path: readonly Step[]): { node: YNode; keySpan?: Span; depth: number } {
  let node = root;
  let keySpan: Span | undefined;
  let depth = 0;
  for (const step of path) {
    if (typeof step === 'number') {
      if (node.kind !== 'seq' || step < 0 || step >= node.items.length) break;
      node = node.items[step] as YNode;
      keySpan = undefined;
    } else {
      const key = typeof step === 'string' ? step : step.key;
      if (node.kind !== 'map') break;
      let found: YEntry | undefined;
      for (const e of node.entries) if (e.key === key) found = e;
      if (found === undefined) break;
      node = found.value;
      keySpan = found.keySpan;
    }
    depth++;
  }
  return keySpan === undefined ? { node, depth } : { node, keySpan, depth };
}

/** A 1-based text range of a span. */
export function textRange(lineCounter: LineCounter, span: Span): { line: number; col: number; endLine: number; endCol: number } {
  const a = lineCounter.linePos(span[0]);
  const b = lineCounter.linePos(Math.max(span[0], span[1]));
  return { line: a.line, col: a.col, endLine: b.line, endCol: b.col };
}

/**
 * Resolves a field path of one document to text: the value (or, for unknown fields, the key) when the
 * path exists, else the nearest written ancestor (a missing `spec.ports[0].name` points at the port).
 */
export function documentLocator(
  doc: YamlDocument,
  lineCounter: LineCounter,
): (path: readonly Step[], at: 'value' | 'key') => { line: number; col: number; endLine: number; endCol: number } {
  return (path, at) => {
    if (doc.root === undefined) return textRange(lineCounter, doc.span);
    const found = findNode(doc.root, path);
    const span = at === 'key' && found.keySpan !== undefined && found.depth === path.length ? found.keySpan : found.node.span;
    return textRange(lineCounter, span);
  };
}
