/**
 * Splitting a rule line into arguments the way iptables-restore does (add_param_to_argv):
 * whitespace separates, double quotes group (and are removed), a backslash escapes a quote inside quotes.
 */

export interface Token {
  readonly text: string;
  /** 1-based column of the token's first character. */
  readonly col: number;
}

export interface TokenizeResult {
  readonly tokens: readonly Token[];
  readonly error?: { readonly col: number; readonly message: string };
}

export function tokenizeLine(line: string): TokenizeResult {
  const tokens: Token[] = [];
  let i = 0;
  const n = line.length;
  while (i < n) {
    while (i < n && (line[i] === ' ' || line[i] === '\t')) i++;
    if (i >= n) break;
    const start = i;
    // Most arguments hold no quote: one slice instead of a string grown a character at a time.
    while (i < n && line[i] !== ' ' && line[i] !== '\t' && line[i] !== '"') i++;
    let text = line.slice(start, i);
    let quoted = false;
    while (i < n) {
      const c = line[i]!;
      if (quoted) {
        if (c === '\\' && (line[i + 1] === '"' || line[i + 1] === '\\' || line[i + 1] === "'")) {
          text += line[i + 1];
          i += 2;
          continue;
        }
        if (c === '"') {
          quoted = false;
          i++;
          continue;
        }
        text += c;
        i++;
        continue;
      }
      if (c === ' ' || c === '\t') break;
      if (c === '"') {
        quoted = true;
        i++;
        continue;
      }
      text += c;
      i++;
    }
    if (quoted) return { tokens, error: { col: start + 1, message: 'unterminated quoted string' } };
    tokens.push({ text, col: start + 1 });
  }
  return { tokens };
}

/**
 * A string argument as iptables-save prints it (libxtables xtables_save_string): bare when it is only
 * `[A-Za-z0-9_-]`, else in double quotes with `"`, `\` and `'` escaped.
 */
export function quoteString(s: string): string {
  if (/^[A-Za-z0-9_-]+$/.test(s)) return s;
  return `"${s.replace(/["\\']/g, (c) => `\\${c}`)}"`;
}
