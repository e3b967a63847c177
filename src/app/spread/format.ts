/** Numbers as the spread panel prints them. Takes the UI language as a BCP 47 tag (`en`, `ko`). */

/** 10000 → "10,000" (English and Korean both group thousands with commas). */
export function formatCount(n: number, lang: string): string {
  return n.toLocaleString(lang);
}

/** 0.3333 → "33.3%". One decimal: enough to see a 1/3 split wobble, not so much that it looks exact. */
export function formatShare(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}
