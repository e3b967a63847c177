/**
 * Lesson prose with `backticked` spans shown as code: commands, rule text and printed output keep the
 * tools' spelling and a code face, so they read apart from the sentence around them (in both languages).
 */
export function Rich({ text }: { readonly text: string }) {
  const parts = text.split('`');
  // An odd count of backticks leaves the last span open: show it as text rather than guess.
  if (parts.length % 2 === 0) return <>{text}</>;
  return <>{parts.map((p, i) => (i % 2 === 1 ? <code key={i}>{p}</code> : p))}</>;
}
