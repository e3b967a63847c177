import defaultScenario from './default.yaml?raw';

/** The scenario a first visit starts with: the study groups' classic kind setup. */
export const DEFAULT_SCENARIO: string = defaultScenario;

export { LESSONS, LESSON_IDS, lessonById } from './lessons';
export type { Lesson, LessonId, Localized, Send, Step, Question, Choice, Claim, HopPointer } from './lessons';
export { LESSON_SCENARIOS } from './lessons/scenarios';
export { runLesson, evaluateClaim, resolvePointer, findHops, LessonError } from './lessons/check';
