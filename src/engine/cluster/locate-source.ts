/**
 * Where in the scenario text an object or field is: turns a `SourceRef` (document index + field path such
 * as `spec.ports[0]`) into a line range, so the UI can light up the YAML that produced a rule.
 */
import { documentLocator, readYamlDocuments } from './yaml-docs';
import type { SourceRef } from './model';

export interface TextRange {
  readonly line: number;
  readonly col: number;
  readonly endLine: number;
  readonly endCol: number;
}

/** `spec.ports[0].port` → ['spec', 'ports', 0, 'port']. */
export function parseFieldPath(path: string): (string | number)[] {
  const steps: (string | number)[] = [];
  for (const part of path.split('.')) {
    if (part === '') continue;
    const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) {
      steps.push(part);
      continue;
    }
    if (m[1]) steps.push(m[1]);
    for (const index of m[2]!.matchAll(/\[(\d+)\]/g)) steps.push(Number(index[1]));
  }
  return steps;
}

/** Ranges for the refs that point into `text` (implicit objects, doc −1, have none). */
export function locateSources(text: string, refs: readonly SourceRef[]): TextRange[] {
  const wanted = refs.filter((r) => r.doc >= 0);
  if (wanted.length === 0) return [];
  const yaml = readYamlDocuments(text);
  const out: TextRange[] = [];
  for (const ref of wanted) {
    const doc = yaml.documents.find((d) => d.index === ref.doc);
    if (!doc) continue;
    out.push(documentLocator(doc, yaml.lineCounter)(parseFieldPath(ref.path), 'value'));
  }
  return out;
}
