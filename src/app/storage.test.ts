import { describe, expect, it } from 'vitest';
import { MAX_SCENARIO_CHARS } from '../engine/cluster/yaml-docs';
import { MAX_SAVED_CHARS } from './storage';
import { createSlotStorage, type KeyValue } from './lessons/slots';

/** A store that refuses writes once it holds `capacity` characters, as a full localStorage does. */
function boundedStore(capacity: number): KeyValue & { readonly data: Map<string, string> } {
  const data = new Map<string, string>();
  const size = (): number => [...data].reduce((n, [k, v]) => n + k.length + v.length, 0);
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => {
      const before = data.get(k);
      if (size() - (before === undefined ? 0 : k.length + before.length) + k.length + v.length > capacity) {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      data.set(k, v);
    },
    removeItem: (k) => void data.delete(k),
  };
}

describe('saving', () => {
  it('refuses to store what the engine refuses to read', () => {
    expect(MAX_SAVED_CHARS).toBe(MAX_SCENARIO_CHARS);
  });

  it('reports every failed save, keeps the text aside, and never replaces the saved text with a failed write', () => {
    const kv = boundedStore(200);
    const reports: [string, string, boolean | 'too-large'][] = [];
    const aside = new Map<string, string>();
    const st = createSlotStorage(kv, {
      report: (slot, text, saved) => {
        reports.push([slot, text, saved]);
        if (saved === false) aside.set(slot, text);
        if (saved === true) aside.delete(slot);
      },
      unsaved: (slot) => aside.get(slot) ?? null,
    });
    st.saveText({ kind: 'own' }, 'kind: Service\n');
    st.saveText({ kind: 'own' }, `kind: Service\n${'# x\n'.repeat(100)}`);
    expect(reports.map((r) => r[2])).toEqual([true, false]);
    expect(kv.data.get('kpl.scenario.v1')).toBe('kind: Service\n');
    // After a reload the edit that could not be stored comes back (from this tab's copy).
    expect(st.textOf({ kind: 'own' })).toBe(`kind: Service\n${'# x\n'.repeat(100)}`);
    st.saveText({ kind: 'own' }, 'x'.repeat(MAX_SAVED_CHARS + 1));
    expect(reports.at(-1)![2]).toBe('too-large');
    expect(kv.data.get('kpl.scenario.v1')).toBe('kind: Service\n');
  });
});
