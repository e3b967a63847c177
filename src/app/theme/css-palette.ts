/**
 * Reads custom properties out of CSS text, so tests can check the palettes theme.css really ships.
 * Deliberately small: comments are stripped, and only top-level rule blocks count (a `:root` inside
 * `@media (prefers-color-scheme: dark)` is a different palette, not the base one).
 */

/** The custom properties (`--name: value`) declared in top-level blocks whose selector list is `selector`. */
export function customProperties(css: string, selector: string): Map<string, string> {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '');
  const found = new Map<string, string>();
  let depth = 0;
  let start = 0; // where the current selector (or the current block's body) starts
  let matching = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '{') {
      if (depth === 0) matching = text.slice(start, i).trim() === selector;
      depth++;
      start = i + 1;
    } else if (c === '}') {
      if (depth === 1 && matching) addDeclarations(text.slice(start, i), found);
      depth = Math.max(0, depth - 1);
      start = i + 1;
      if (depth === 0) matching = false;
    } else if (c === ';' && depth === 0) {
      start = i + 1; // a top-level statement such as @import
    }
  }
  return found;
}

function addDeclarations(body: string, into: Map<string, string>): void {
  for (const decl of body.split(';')) {
    const colon = decl.indexOf(':');
    const name = decl.slice(0, colon).trim();
    if (colon > 0 && name.startsWith('--')) into.set(name, decl.slice(colon + 1).trim());
  }
}
