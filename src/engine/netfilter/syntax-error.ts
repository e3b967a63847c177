/** A problem in a rule's text, with the 1-based column of the offending token. */
export class RuleSyntaxError extends Error {
  constructor(
    message: string,
    readonly col: number,
  ) {
    super(message);
  }
}
