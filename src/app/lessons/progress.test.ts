import { describe, expect, it } from 'vitest';
import { createProgressStore, loadProgress, withAnswer } from './progress';

function memoryStore() {
  const map = new Map<string, string>();
  return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v), removeItem: (k: string) => void map.delete(k) };
}

describe('lesson progress', () => {
  const questions = ['a', 'b'];

  it('marks a lesson done once every question is answered, and keeps it across visits', () => {
    const kv = memoryStore();
    const store = createProgressStore(kv);
    store.getState().answer('01-clusterip', 'a', questions);
    expect(store.getState().done).toEqual([]);
    store.getState().answer('01-clusterip', 'a', questions);
    store.getState().answer('01-clusterip', 'b', questions);
    expect(store.getState().done).toEqual(['01-clusterip']);
    expect(store.getState().answered['01-clusterip']).toEqual(['a', 'b']);
    expect(createProgressStore(kv).getState().done).toEqual(['01-clusterip']);
  });

  it('reads damaged or foreign records as nothing done', () => {
    const kv = memoryStore();
    kv.setItem('kpl.progress.v1', '{not json');
    expect(loadProgress(kv)).toEqual({ answered: {}, done: [] });
    kv.setItem('kpl.progress.v1', JSON.stringify({ answered: { '99-nope': ['a'], '03-nodeport': ['x', 3] }, done: ['99-nope', '03-nodeport'] }));
    expect(loadProgress(kv)).toEqual({ answered: { '03-nodeport': ['x'] }, done: ['03-nodeport'] });
  });

  it('does not mark done twice', () => {
    const once = withAnswer({ answered: {}, done: [] }, '02-second-packet', 'a', ['a']);
    expect(withAnswer(once, '02-second-packet', 'a', ['a']).done).toEqual(['02-second-packet']);
  });
});
