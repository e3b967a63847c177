/**
 * Reading tokens one statement at a time. A problem throws an NftSyntaxError at the offending token; the
 * parsers catch it per command (or per listed statement), record it located, and go on with the next.
 */
import type { Token } from './lexer';

export class NftSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly col: number,
  ) {
    super(message);
  }
}

export class Cursor {
  private i = 0;
  constructor(
    private readonly tokens: readonly Token[],
    /** Index after the last token this cursor may read. */
    private readonly end: number = tokens.length,
    start = 0,
  ) {
    this.i = start;
  }

  get index(): number {
    return this.i;
  }

  atEnd(): boolean {
    return this.i >= this.end;
  }

  peek(offset = 0): Token | undefined {
    const j = this.i + offset;
    return j < this.end ? this.tokens[j] : undefined;
  }

  /** The token at the cursor, or the last one (for an error at the end of a statement). */
  here(): Token {
    return this.tokens[Math.min(this.i, this.end - 1, this.tokens.length - 1)] ?? { kind: 'newline', text: '', line: 1, col: 1, spaced: true };
  }

  next(what: string): Token {
    const t = this.peek();
    if (!t) {
      const last = this.here();
      throw new NftSyntaxError(`expected ${what}, found the end of the statement`, last.line, last.col + last.text.length);
    }
    this.i++;
    return t;
  }

  is(text: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t !== undefined && t.kind !== 'string' && t.text === text;
  }

  eat(text: string): boolean {
    if (!this.is(text)) return false;
    this.i++;
    return true;
  }

  expect(text: string): Token {
    const t = this.next(`"${text}"`);
    if (t.kind === 'string' || t.text !== text) throw this.fail(`expected "${text}", found "${t.text}"`, t);
    return t;
  }

  word(what: string): Token {
    const t = this.next(what);
    if (t.kind !== 'word') throw this.fail(`expected ${what}, found "${t.text}"`, t);
    return t;
  }

  string(what: string): string {
    const t = this.next(what);
    if (t.kind !== 'string') throw this.fail(`expected ${what} in double quotes, found "${t.text}"`, t);
    return t.text;
  }

  /** A word and the words glued to it by commas without spaces (`dynamic,timeout`, `established,related`). */
  commaList(what: string): { text: string; token: Token } {
    const first = this.word(what);
    let text = first.text;
    while (this.is(',') && !this.peek()!.spaced && this.peek(1)?.kind === 'word' && !this.peek(1)!.spaced) {
      this.i++;
      text += `,${this.next(what).text}`;
    }
    return { text, token: first };
  }

  skipNewlines(): void {
    while (this.peek()?.kind === 'newline') this.i++;
  }

  fail(message: string, at: Token = this.here()): NftSyntaxError {
    return new NftSyntaxError(message, at.line, at.col);
  }
}
