/**
 * What a checked question shows, from the worker's verdicts alone: the choice the engine's run makes
 * right and the value it observed. The lesson's own `correct` is only what the engine said on the
 * lesson's scenario; once the learner edits it, the engine's run on their text decides.
 */
import type { Question } from '../../scenarios/lessons/types';
import type { Observation } from '../../scenarios/lessons/observed';
import type { ClaimVerdict, LessonCheckResponse } from '../../worker/api';

/** The engine's verdicts for a lesson on one text (the text the learner had when they pressed Check). */
export interface Verdicts {
  readonly text: string;
  readonly response?: LessonCheckResponse;
}

export type Judgement =
  | { readonly kind: 'pending' }
  /** The engine agrees with the lesson (the scenario is the lesson's, or the edits did not change this answer). */
  | { readonly kind: 'engine'; readonly correct: boolean; readonly right: string; readonly actual: string; readonly observed?: Observation }
  /** The learner's edits changed the outcome: another choice (or none) is now right. */
  | { readonly kind: 'edited'; readonly correct: boolean; readonly right?: string; readonly actual: string; readonly observed?: Observation }
  /** The engine could not run the lesson on this text (say, a pod it sends from was deleted). */
  | { readonly kind: 'failed'; readonly correct: boolean; readonly right: string; readonly error: string; readonly actual?: undefined };

export function judge(question: Question, checked: string, verdicts: Verdicts | undefined): Judgement {
  const response = verdicts?.response;
  if (!response) return { kind: 'pending' };
  const authored = { right: question.correct, correct: checked === question.correct };
  if (!response.ok) return { kind: 'failed', ...authored, error: response.error };
  const q = response.questions.find((x) => x.id === question.id);
  if (!q) return { kind: 'failed', ...authored, error: `no verdict for ${question.id}` };
  const right = q.engineChoice;
  const shown: ClaimVerdict = q.answer.holds || right === undefined ? q.answer : (q.choices[right] ?? q.answer);
  const seen = { actual: shown.actual, ...(shown.observed ? { observed: shown.observed } : {}) };
  const correct = right !== undefined && checked === right;
  if (right === question.correct) return { kind: 'engine', correct, right, ...seen };
  return { kind: 'edited', correct, ...(right !== undefined ? { right } : {}), ...seen };
}
