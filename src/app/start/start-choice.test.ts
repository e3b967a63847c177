import { describe, expect, it } from 'vitest';
import { createStartMemory, opensWithStartCard, START_KEY } from './start-choice';

function memoryStore(entries: Record<string, string> = {}) {
  const map = new Map(Object.entries(entries));
  return {
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
    key: (i: number) => [...map.keys()][i] ?? null,
    get length() {
      return map.size;
    },
  };
}

describe('the Start here card opens on a first visit only', () => {
  it('opens with empty storage and no link, and never again once answered', () => {
    const kv = memoryStore();
    const memory = createStartMemory(kv);
    expect(opensWithStartCard(memory, '')).toBe(true);
    memory.remember('explore');
    expect(kv.getItem(START_KEY)).toBe('explore');
    expect(opensWithStartCard(memory, '')).toBe(false);
    expect(opensWithStartCard(createStartMemory(memoryStore({ [START_KEY]: 'lesson' })), '')).toBe(false);
  });

  it('stays shut for a returning visitor whose work predates it, and over a link', () => {
    expect(opensWithStartCard(createStartMemory(memoryStore({ 'kpl.scenario.v1': '# mine' })), '')).toBe(false);
    expect(opensWithStartCard(createStartMemory(memoryStore({ 'other-site': 'x' })), '')).toBe(true);
    expect(opensWithStartCard(createStartMemory(memoryStore()), '#lesson=03-nodeport')).toBe(false);
    expect(opensWithStartCard(createStartMemory(memoryStore()), '#s1.abc')).toBe(false);
  });

  it('opens, rather than fails, without storage', () => {
    expect(opensWithStartCard(createStartMemory(undefined), '')).toBe(true);
  });
});
