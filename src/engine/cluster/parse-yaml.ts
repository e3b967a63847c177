/**
 * The scenario text parsed by the `yaml` library, shared by the outline (scenario-outline.ts) and the
 * loader (yaml-docs.ts): the editor asks for both of every text it sends, and at 500 Services each parse
 * is ~50 ms of the worker's time per keystroke. With `keepLastYamlParse(true)` (the worker's choice) the
 * last text's parse is kept, and each document's parse is kept for the next text (parse-yaml-chunks.ts: an
 * edit re-parses the documents it changed); the documents are only read (never changed) by either. Off by
 * default: the CLI and the tests (which time repeated calls on one text) parse every time.
 */
import { LineCounter, parseAllDocuments } from 'yaml';
import type * as Yaml from 'yaml';
import { ChunkedYamlParser } from './parse-yaml-chunks';

export interface ParsedYaml {
  readonly documents: Yaml.Document.Parsed[] | Yaml.EmptyStream;
  /** Filled while parsing: offsets → lines of this text. */
  readonly lineCounter: LineCounter;
}

let keep = false;
let last: { readonly text: string; readonly parsed: ParsedYaml } | undefined;
let chunks: ChunkedYamlParser | undefined;

/** Keep the last text's parse for the next reader of the same text (or stop, and drop it). */
export function keepLastYamlParse(on: boolean): void {
  keep = on;
  last = undefined;
  chunks = on ? new ChunkedYamlParser() : undefined;
}

/** `parseAllDocuments` as both readers call it: duplicate keys are the loader's to find (with a set; yaml's own check is quadratic). */
export function wholeYamlParse(text: string): ParsedYaml {
  const lineCounter = new LineCounter();
  return { documents: parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: false }), lineCounter };
}

/** The text's parse: kept from the last call, or made of the kept documents' parses and the changed ones', or whole. */
export function parseScenarioYaml(text: string): ParsedYaml {
  if (last?.text === text) return last.parsed;
  const parsed = chunks?.parse(text) ?? wholeYamlParse(text);
  if (keep) last = { text, parsed };
  return parsed;
}
