/** What evaluating one match module says about one packet. */
export interface MatchOutcome {
  readonly matched: boolean;
  /** A short human explanation, e.g. `statistic: drew 0x1a2b3c4d & 0x7fffffff = 439041101 < 715827883 → match`. */
  readonly note?: string;
  /** True when the module is not simulated and was assumed to match. */
  readonly unknown?: boolean;
}
