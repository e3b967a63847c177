/** Label selectors (`metav1.LabelSelector`), evaluated as `labels.Selector.Matches` does. */

export interface SelectorRequirement {
  readonly key: string;
  readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  readonly values: readonly string[];
}

export interface LabelSelector {
  readonly matchLabels: Readonly<Record<string, string>>;
  readonly matchExpressions: readonly SelectorRequirement[];
}

/** Every requirement must hold; `NotIn` and `DoesNotExist` hold for a missing label, as in apimachinery. */
export function matchesSelector(selector: LabelSelector, labels: Readonly<Record<string, string>>): boolean {
  for (const [k, v] of Object.entries(selector.matchLabels)) if (!Object.hasOwn(labels, k) || labels[k] !== v) return false;
  for (const e of selector.matchExpressions) {
    const has = Object.hasOwn(labels, e.key);
    const value = labels[e.key];
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
    if (e.operator === 'In' && (!has || !e.values.includes(value ?? ''))) return false;
    if (e.operator === 'NotIn' && has && e.values.includes(value ?? '')) return false;
  }
  return true;
}

/** A Service's equality selector (`labels.Set(selector).AsSelectorPreValidated()`). */
export function matchesLabels(selector: Readonly<Record<string, string>>, labels: Readonly<Record<string, string>>): boolean {
  return Object.entries(selector).every(([k, v]) => Object.hasOwn(labels, k) && labels[k] === v);
}
