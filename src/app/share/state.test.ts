import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LessonId } from '../../scenarios/lessons/types';
import { decodeShare, encodeShare, type SharedState } from './codec';
import { lessonFromHash, planShare, shareUrl, type SavedTexts } from './state';

const DEFAULT = readFileSync(join(import.meta.dirname, '../../scenarios/default.yaml'), 'utf8');
const LESSON3 = readFileSync(join(import.meta.dirname, '../../scenarios/lessons/03-nodeport.yaml'), 'utf8');

const state = (yaml: string, lesson?: LessonId): SharedState => ({ yaml, ...(lesson ? { lesson } : {}), seed: 1, step: 0, view: {}, lang: 'en' });

function saved(over: Partial<SavedTexts> = {}): SavedTexts {
  return { ownText: DEFAULT, defaultText: DEFAULT, lessonText: (id) => (id === '03-nodeport' ? LESSON3 : ''), lessonEdited: () => false, ...over };
}

describe('where an opened link goes', () => {
  it('opens a lesson\'s own scenario in the lesson itself', () => {
    expect(planShare(state(LESSON3, '03-nodeport'), saved())).toEqual({ target: { kind: 'lesson', id: '03-nodeport' }, ask: false, replacesEditedShared: false });
  });

  it('never resets a lesson the user edited: the link goes beside it', () => {
    const plan = planShare(state(LESSON3, '03-nodeport'), saved({ lessonEdited: () => true, lessonText: () => 'my edits' }));
    expect(plan.target).toEqual({ kind: 'shared', lesson: '03-nodeport' });
  });

  it('opens silently while the user has no work of their own', () => {
    expect(planShare(state('other'), saved())).toEqual({ target: { kind: 'shared' }, ask: false, replacesEditedShared: false });
    expect(planShare(state('mine'), saved({ ownText: 'mine' })).target).toEqual({ kind: 'own' });
  });

  it('asks first when the saved text differs from both the default and the link', () => {
    expect(planShare(state('other'), saved({ ownText: 'mine' }))).toEqual({ target: { kind: 'shared' }, ask: true, replacesEditedShared: false });
  });

  it('asks before replacing an earlier link\'s scenario the user edited', () => {
    const plan = planShare(state('new link'), saved({ shared: { yaml: 'old link, edited', original: 'old link' } }));
    expect(plan).toEqual({ target: { kind: 'shared' }, ask: true, replacesEditedShared: true });
    expect(planShare(state('new link'), saved({ shared: { yaml: 'old link', original: 'old link' } })).ask).toBe(false);
  });

  it('ignores a lesson id it does not know', () => {
    expect(planShare({ ...state('x'), lesson: '99-nope' }, saved()).target).toEqual({ kind: 'shared' });
  });
});

describe('link addresses', () => {
  it('reads #lesson=ID, known or not', () => {
    expect(lessonFromHash('#lesson=03-nodeport')).toEqual({ id: '03-nodeport', asked: '03-nodeport' });
    expect(lessonFromHash('#lesson=nope')).toEqual({ asked: 'nope' });
    expect(lessonFromHash('#s1.abc')).toEqual({});
    expect(lessonFromHash('')).toEqual({});
  });

  it('keeps the page\'s path and query and round-trips through the codec', () => {
    const fragment = encodeShare(state(DEFAULT, '03-nodeport'));
    const url = shareUrl({ origin: 'https://lab.example', pathname: '/kube-packet-lab/', search: '?x=1' }, fragment);
    expect(url.startsWith('https://lab.example/kube-packet-lab/?x=1#s1.')).toBe(true);
    const back = decodeShare(new URL(url).hash);
    expect(back).toMatchObject({ ok: true, state: { yaml: DEFAULT, lesson: '03-nodeport' } });
  });
});
