/**
 * nft's text as tokens, with their line and column: words (anything up to a space or one of `{ } ; ,`),
 * quoted strings, those four punctuation marks, and newlines (a transaction's commands and a listing's
 * statements end at a newline). `#` starts a comment outside a string.
 */

export interface Token {
  readonly kind: 'word' | 'string' | 'punct' | 'newline';
  readonly text: string;
  readonly line: number;
  readonly col: number;
  /** Whether whitespace came before it (`dynamic,timeout` is one flag list; `{ a, b }` is a set). */
  readonly spaced: boolean;
}

const PUNCT = new Set(['{', '}', ';', ',']);

/** Characters that end a word: whitespace, `{ } ; , " #`. */
const STOP = new Uint8Array(128);
for (const ch of ' \t\r\n\v\f{};,"#') STOP[ch.charCodeAt(0)] = 1;
const stops = (code: number): boolean => code < 128 && STOP[code] === 1;

export function tokenize(text: string): { tokens: Token[]; errors: { line: number; col: number; message: string }[] } {
  const tokens: Token[] = [];
  const errors: { line: number; col: number; message: string }[] = [];
  let line = 1;
  let lineStart = 0;
  let spaced = true;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    const col = i - lineStart + 1;
    if (c === '\n') {
      tokens.push({ kind: 'newline', text: '\n', line, col, spaced });
      line++;
      lineStart = i + 1;
      spaced = true;
      i++;
    } else if (c === ' ' || c === '\t' || c === '\r') {
      spaced = true;
      i++;
    } else if (c === '#') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '\\' && text[i + 1] === '\n') {
      // A continued line: nft joins it with the next.
      line++;
      lineStart = i + 2;
      i += 2;
      spaced = true;
    } else if (c === '"') {
      const end = text.indexOf('"', i + 1);
      const nl = text.indexOf('\n', i + 1);
      if (end < 0 || (nl >= 0 && nl < end)) {
        errors.push({ line, col, message: 'unterminated string' });
        i = nl < 0 ? text.length : nl;
        continue;
      }
      tokens.push({ kind: 'string', text: text.slice(i + 1, end), line, col, spaced });
      i = end + 1;
      spaced = false;
    } else if (PUNCT.has(c)) {
      tokens.push({ kind: 'punct', text: c, line, col, spaced });
      i++;
      spaced = false;
    } else {
      let j = i;
      while (j < text.length && !stops(text.charCodeAt(j))) j++;
      tokens.push({ kind: 'word', text: text.slice(i, j), line, col, spaced });
      i = j;
      spaced = false;
    }
  }
  tokens.push({ kind: 'newline', text: '', line, col: i - lineStart + 1, spaced: true });
  return { tokens, errors };
}
