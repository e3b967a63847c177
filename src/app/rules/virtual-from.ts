/**
 * Rulesets longer than this render only the lines on screen (a shared link can carry 100,000 lines).
 * Apart from VirtualLines.tsx, which loads only when a ruleset is that long.
 */
export const VIRTUAL_FROM_LINES = 2000;
