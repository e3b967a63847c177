/**
 * The narration of every hop of every connection the built-in lessons send, in English and Korean, as
 * golden files (`__golden__/<lesson>.<lang>.txt`): the words a student reads, driven from the worker's
 * EngineSession as the page drives it. UPDATE_GOLDEN=1 rewrites them; read the diff before committing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { expectGolden } from '../../engine/test-support/golden';
import { LESSONS } from '../../scenarios/lessons/index';
import type { Lesson } from '../../scenarios/lessons/types';
import { EngineSession } from '../../worker/engine-session';
import { sendChain, setupOf } from '../lessons/sends';
import type { Lang } from './messages';
import { narrate } from './narration';

const DIR = join(import.meta.dirname, '__golden__');
const LESSON_DIR = join(import.meta.dirname, '../../scenarios/lessons');


/** Every connection send of the lesson, run on a fresh session with the sends it continues before it, as the page runs them. */
function narrateLesson(lesson: Lesson, langs: readonly Lang[]): Record<Lang, string> {
  const text = readFileSync(join(LESSON_DIR, `${lesson.id}.yaml`), 'utf8');
  const out: Record<Lang, string[]> = { en: [], ko: [] };
  for (const send of lesson.sends) {
    if (send.kind !== 'connection') continue;
    const session = new EngineSession();
    session.load(text);
    const chain = sendChain(lesson, send.id);
    const seed = chain[0]!.seed ?? 1;
    let last;
    for (const s of chain) {
      if (s.before?.waitSeconds !== undefined) session.advanceClock(s.before.waitSeconds, seed);
      if (s.before?.removeEndpoints) session.removeEndpoints(s.before.removeEndpoints);
      const setup = setupOf(s, seed);
      last = session.trace({ from: setup.from, to: setup.to, ...(setup.via ? { via: setup.via } : {}), ...(setup.protocol ? { protocol: setup.protocol } : {}), ...(setup.sport !== undefined ? { sport: setup.sport } : {}), ...(setup.keepOpen ? { keepOpen: true } : {}), ...(setup.mode ? { mode: setup.mode } : {}), seed: setup.seed });
      if (!last.ok) throw new Error(`${lesson.id} ${s.id}: ${last.error}`);
    }
    if (!last?.ok) continue;
    for (const lang of langs) {
      const lines = out[lang];
      lines.push(`# ${send.id}: ${send.title[lang]} (${last.trace.outcome})`);
      for (const p of last.trace.packets) {
        lines.push(`## ${p.label} (${p.direction})`);
        p.hops.forEach((h, i) => lines.push(`${String(i + 1).padStart(3)}. ${narrate(lang, p, h)}`));
      }
      lines.push('');
    }
  }
  return { en: out.en.join('\n'), ko: out.ko.join('\n') };
}

describe('narration of the lessons\' sends', () => {
  test.each(LESSONS.map((l) => l.id))('%s', (id) => {
    const lesson = LESSONS.find((l) => l.id === id)!;
    const text = narrateLesson(lesson, ['en', 'ko']);
    for (const lang of ['en', 'ko'] as const) {
      // No placeholder is left unfilled and no rule is narrated by its raw comment.
      expect(text[lang]).not.toMatch(/\{[A-Za-z]+(:[^}]+)?\}/);
      expectGolden(DIR, `${id}.${lang}.txt`, text[lang]);
    }
  });
});
