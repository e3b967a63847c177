/**
 * The scenario text parsed one document at a time, each document's parse kept for the next text: typing
 * changes one document of a 500-Service scenario, and re-parsing the other 499 was ~50 ms of the worker's
 * time per keystroke. A `---` line starts a new document whatever came before it (YAML's document
 * markers end any scalar or collection), so the stream is the concatenation of its chunks, each parsed on its
 * own; a kept chunk's offsets are moved to where the chunk now starts.
 *
 * Only texts where that is certain take this path: no directives (`%…`, which reach over documents), every
 * chunk exactly one document and without a YAML error (a chunk with an error, or two documents split by
 * `...`, or a chunk of comments only, which the stream would join to the next document). Anything else
 * returns undefined and is parsed whole (parse-yaml.ts). parse-yaml-chunks.test.ts checks both ways give
 * the same documents on random edits.
 */
import { LineCounter, isMap, isPair, isSeq, parseAllDocuments } from 'yaml';
import type * as Yaml from 'yaml';

/** A chunk's document, its offsets as of the text it was last used in. */
interface KeptChunk {
  readonly doc: Yaml.Document.Parsed;
  at: number;
}

const PARSE_OPTIONS = { prettyErrors: false, uniqueKeys: false } as const;

/** Where each chunk starts: 0, then every line that is a document start marker (`---` then a space, a tab or the line's end). */
function chunkStarts(text: string): number[] | undefined {
  const starts = [0];
  for (let i = 0; i < text.length; ) {
    const c = text.charCodeAt(i);
    // A directive line; also a line starting with `%` in a block scalar, which is only a cost (parsed whole).
    if (c === 0x25) return undefined;
    if (c === 0x2d && i > 0 && text.startsWith('---', i)) {
      const after = text.charCodeAt(i + 3);
      if (Number.isNaN(after) || after === 0x0a || after === 0x20 || after === 0x09 || after === 0x0d) starts.push(i);
    }
    const nl = text.indexOf('\n', i);
    if (nl === -1) break;
    i = nl + 1;
  }
  return starts;
}

/** A node's offsets and its children's moved by `delta` (new arrays: a range is never shared then). */
function shiftNode(node: unknown, delta: number): void {
  if (node === null || typeof node !== 'object') return;
  const n = node as { range?: [number, number, number] | null; items?: unknown[]; key?: unknown; value?: unknown };
  const r = n.range;
  if (r) n.range = [r[0] + delta, r[1] + delta, r[2] + delta];
  if (isMap(node) || isSeq(node)) {
    for (const item of node.items) {
      if (isPair(item)) {
        shiftNode(item.key, delta);
        shiftNode(item.value, delta);
      } else shiftNode(item, delta);
    }
  }
}

/**
 * Every node's, the document's and its warnings' offsets moved by `delta`. A walk of its own: yaml's
 * `visit` keeps a path per node and cost ~8 ms a keystroke for the documents after an edit.
 */
function shift(doc: Yaml.Document.Parsed, delta: number): void {
  if (delta === 0) return;
  shiftNode(doc.contents, delta);
  const d = doc.range;
  doc.range = [d[0] + delta, d[1] + delta, d[2] + delta];
  for (const w of doc.warnings) w.pos = [w.pos[0] + delta, w.pos[1] + delta];
}

export class ChunkedYamlParser {
  /** The chunks of the last text, by their text (a list: two identical documents are two chunks). */
  private kept = new Map<string, KeptChunk[]>();

  /** The text's documents and line counter as `parseAllDocuments` gives them, or undefined when this text must be parsed whole. */
  parse(text: string): { documents: Yaml.Document.Parsed[]; lineCounter: LineCounter } | undefined {
    const starts = chunkStarts(text);
    if (starts === undefined) return undefined;
    const next = new Map<string, KeptChunk[]>();
    const documents: Yaml.Document.Parsed[] = [];
    for (let k = 0; k < starts.length; k++) {
      const at = starts[k]!;
      const chunk = text.slice(at, starts[k + 1] ?? text.length);
      let kept = this.kept.get(chunk)?.pop();
      if (kept === undefined) {
        const docs = parseAllDocuments(chunk, PARSE_OPTIONS);
        if (docs.length !== 1 || docs[0]!.errors.length > 0) {
          // Not kept: the whole text is parsed instead. The chunks reused so far go back for the next text.
          this.merge(next);
          return undefined;
        }
        kept = { doc: docs[0]!, at: 0 };
      }
      shift(kept.doc, at - kept.at);
      kept.at = at;
      documents.push(kept.doc);
      const list = next.get(chunk);
      if (list) list.push(kept);
      else next.set(chunk, [kept]);
    }
    this.kept = next;
    return { documents, lineCounter: lineCounterOf(text) };
  }

  private merge(into: Map<string, KeptChunk[]>): void {
    for (const [chunk, list] of into) {
      const old = this.kept.get(chunk);
      if (old) old.push(...list);
      else this.kept.set(chunk, list);
    }
  }
}

/** The line counter the parser fills: line 1 at 0, then one line after every `\n`. */
function lineCounterOf(text: string): LineCounter {
  const lc = new LineCounter();
  lc.addNewLine(0);
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lc.addNewLine(i + 1);
  return lc;
}
