/**
 * The import graph of a source tree, read from the files' import/export statements, and the checks
 * the engine's boundaries test runs on it: cycles between files, cycles between folders (layers), and
 * imports that leave the tree. Test-only (reads the file system).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/** File (relative to the root, `/`-separated) → the files and outside paths it imports. */
export type ImportGraph = ReadonlyMap<string, readonly string[]>;

// `import … from '…'`, `export … from '…'`, `import '…'`, `import('…')`: type-only imports count too,
// since a layer that needs another's types depends on it.
const SPECIFIERS = /(?:^|[\s;])(?:import|export)\s+(?:type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Comments and the text of template literals are not imports. */
function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, ' ');
}

export function importSpecifiers(source: string): string[] {
  return [...withoutComments(source).matchAll(SPECIFIERS)].map((m) => (m[1] ?? m[2])!);
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.tsx?$/.test(entry)) out.push(path);
  }
  return out;
}

function resolveFile(from: string, specifier: string): string {
  const base = resolve(dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return base;
}

/**
 * Every `.ts`/`.tsx` file under `root` and what it imports: files under `root` by their relative path,
 * relative imports that leave `root` as `../…` paths relative to it; packages are left out.
 */
export function readImportGraph(root: string, include: (file: string) => boolean = () => true): ImportGraph {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(root)) {
    const name = relative(root, file).split(sep).join('/');
    if (!include(name)) continue;
    const targets = importSpecifiers(readFileSync(file, 'utf8'))
      .filter((s) => s.startsWith('.'))
      .map((s) => relative(root, resolveFile(file, s)).split(sep).join('/'));
    graph.set(name, [...new Set(targets)]);
  }
  return graph;
}

/** Imports that point outside the tree (`../app/…`), as `file → target`. */
export function importsLeaving(graph: ImportGraph): string[] {
  return [...graph].flatMap(([file, targets]) => targets.filter((t) => t.startsWith('../')).map((t) => `${file} → ${t}`));
}

/** The graph between folders: a file directly under the root is its own unit (`ipv4.ts`), others count as their first folder (`netfilter`). */
export function folderGraph(graph: ImportGraph): ImportGraph {
  const unit = (f: string): string => (f.includes('/') ? f.slice(0, f.indexOf('/')) : f);
  const out = new Map<string, Set<string>>();
  for (const [file, targets] of graph) {
    const from = unit(file);
    const set = out.get(from) ?? new Set<string>();
    for (const t of targets) if (!t.startsWith('../') && unit(t) !== from) set.add(unit(t));
    out.set(from, set);
  }
  return new Map([...out].map(([k, v]) => [k, [...v].sort()]));
}

/** Every cycle's members (Tarjan's strongly connected components of more than one node, or a node importing itself). */
export function findCycles(graph: ImportGraph): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string): void => {
    indices.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!indices.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indices.get(w)!));
    }
    if (low.get(v) === indices.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) cycles.push(component.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!indices.has(v)) visit(v);
  return cycles;
}
