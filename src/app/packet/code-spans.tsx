import { Fragment, type ReactNode } from 'react';

/**
 * A sentence with `backticked` spans (a matcher's note: notation, not prose) as text and <code>; the
 * backticks themselves are not shown. An unpaired backtick is kept as text.
 */
export function withCodeSpans(sentence: string): ReactNode {
  const parts = sentence.split('`');
  if (parts.length < 3) return sentence;
  const paired = parts.length % 2 === 1 ? parts : [...parts.slice(0, -2), `${parts[parts.length - 2]!}\`${parts[parts.length - 1]!}`];
  return paired.map((p, i) => (i % 2 === 1 ? <code key={i}>{p}</code> : <Fragment key={i}>{p}</Fragment>));
}
