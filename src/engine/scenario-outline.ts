/**
 * A first, cheap look at a scenario's text: which documents it holds and where the YAML is broken.
 * The full meaning (validation, defaults, the cluster) comes from `cluster/load.ts`; this outline is
 * what the editor can show even while the cluster cannot be built.
 */
import { isScalar } from 'yaml';
import { parseScenarioYaml } from './cluster/parse-yaml';
import { MAX_DOCUMENTS, MAX_SCENARIO_CHARS, certainlyTooManyDocuments } from './cluster/yaml-docs';

export interface OutlineDocument {
  /** 0-based document index in text order. */
  readonly index: number;
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  /** 1-based line where the document starts. */
  readonly line: number;
}

export interface OutlineError {
  readonly line: number;
  readonly col: number;
  readonly message: string;
  /** The `yaml` library's error code, for the UI's wording (explain/yaml-errors.ts). */
  readonly code?: string;
}

export interface ScenarioOutline {
  readonly documents: readonly OutlineDocument[];
  readonly errors: readonly OutlineError[];
}

/** Refuse texts larger than this before parsing: a shared link or a paste should never freeze the worker. */
export const MAX_SCENARIO_BYTES = MAX_SCENARIO_CHARS;

export function outlineScenario(text: string): ScenarioOutline {
  if (text.length > MAX_SCENARIO_BYTES) {
    return {
      documents: [],
      errors: [{ line: 1, col: 1, message: `scenario is too large (${text.length} characters; the limit is ${MAX_SCENARIO_BYTES})` }],
    };
  }
  if (certainlyTooManyDocuments(text)) {
    return { documents: [], errors: [{ line: 1, col: 1, message: `too many documents (the limit is ${MAX_DOCUMENTS})` }] };
  }
  // Duplicate keys are the loader's to report (with a set); yaml's own check is quadratic in a map's size.
  // The loader reads the same parse (parse-yaml.ts): the editor asks for the outline and the load of each text.
  const { documents: docs, lineCounter } = parseScenarioYaml(text);
  const list = Array.isArray(docs) ? docs : [docs];
  const documents: OutlineDocument[] = [];
  const errors: OutlineError[] = [];
  list.forEach((doc, index) => {
    for (const e of doc.errors) {
      const pos = lineCounter.linePos(e.pos[0]);
      errors.push({ line: pos.line, col: pos.col, message: firstLine(e.message), code: e.code });
    }
    const str = (key: string): string => {
      const v: unknown = doc.getIn(key.split('.'));
      return typeof v === 'string' ? v : '';
    };
    // A document holding only comments is no object: skip it, as kubectl does.
    if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) return;
    // The document's own range starts at its `---` marker; the user thinks of the first key's line.
    const start = lineCounter.linePos(doc.contents.range?.[0] ?? doc.range[0]);
    documents.push({
      index,
      apiVersion: str('apiVersion'),
      kind: str('kind'),
      name: str('metadata.name'),
      line: start.line,
    });
  });
  return { documents, errors };
}

function firstLine(message: string): string {
  const nl = message.indexOf('\n');
  return nl === -1 ? message : message.slice(0, nl);
}
