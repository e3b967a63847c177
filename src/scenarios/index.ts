// The app imports `./default` and `./lessons/catalog` directly: this barrel also brings the lesson
// checker (and with it the engine and the yaml parser), which belong in the worker and in Node.
export { DEFAULT_SCENARIO } from './default';

export { LESSONS, LESSON_IDS, lessonById } from './lessons';
export type { Lesson, LessonId, Localized, Send, Step, Question, Choice, Claim, HopPointer } from './lessons';
export { LESSON_SCENARIOS } from './lessons/scenarios';
export { runLesson, evaluateClaim, resolvePointer, findHops, LessonError } from './lessons/check';
