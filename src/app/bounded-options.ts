/**
 * A `<select>` of thousands of options (a link of 500 Services × 20 ports makes 10,000 destinations) costs
 * the main thread over a second to build and is no use to read: lists show their first `MAX_OPTIONS`
 * entries, plus the selected one when it is further down, and say how many more there are.
 */
export const MAX_OPTIONS = 300;

export function boundedOptions<T>(items: readonly T[], value: (item: T) => string, selected: string | undefined): { readonly shown: readonly T[]; readonly more: number } {
  if (items.length <= MAX_OPTIONS) return { shown: items, more: 0 };
  const shown = items.slice(0, MAX_OPTIONS);
  const chosen = selected === undefined ? undefined : items.find((i) => value(i) === selected);
  if (chosen !== undefined && !shown.includes(chosen)) shown.push(chosen);
  return { shown, more: items.length - shown.length };
}

/** The text of the disabled last option: a count, the same in every language. */
export const moreOptionsText = (more: number): string => `… +${more.toLocaleString('en')}`;
