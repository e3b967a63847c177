/**
 * The lesson UI's own words in English and Korean (the lessons' text is in src/scenarios/lessons).
 * Terms of art stay as they are in both: PREROUTING, DNAT, conntrack, YAML.
 */
import { withParticle } from '../../engine/explain/particles';
import type { Lang } from '../lang';

export interface LessonMessages {
  readonly lessonRegion: string;
  readonly lessonN: (n: number) => string;
  readonly ownScenario: string;
  readonly sharedScenario: string;
  readonly sharedFromLesson: (title: string) => string;
  readonly lessonsGroup: string;
  readonly yourScenarios: string;
  readonly nextLesson: string;
  readonly nextLessonHint: (title: string) => string;
  readonly currentLesson: string;
  readonly goOn: (n: number, title: string) => string;
  readonly lessonDone: string;
  readonly tabs: string;
  readonly tabLesson: string;
  readonly tabEditor: string;
  readonly resetLesson: string;
  readonly resetLessonHint: string;
  readonly edited: string;
  readonly sharedNote: string;
  readonly sends: string;
  readonly sendHint: string;
  readonly running: string;
  readonly spreadRun: (n: string) => string;
  readonly steps: string;
  readonly stepsHint: string;
  readonly showHop: string;
  readonly noHop: string;
  readonly noteSays: string;
  readonly kernelDoes: string;
  readonly questions: string;
  readonly questionN: (n: number, of: number) => string;
  readonly check: string;
  readonly checking: string;
  readonly pickFirst: string;
  readonly correct: string;
  readonly incorrect: string;
  readonly engineSays: string;
  readonly yourPick: string;
  readonly rightAnswer: string;
  readonly editedChanged: string;
  readonly noChoiceFits: string;
  readonly engineFailed: string;
}

const en: LessonMessages = {
  lessonRegion: 'Lesson',
  lessonN: (n) => `Lesson ${n}`,
  ownScenario: 'My scenario',
  sharedScenario: 'Scenario from a share link',
  sharedFromLesson: (title) => `Share link: ${title}`,
  lessonsGroup: 'Lessons',
  yourScenarios: 'Your scenarios',
  nextLesson: 'Next lesson',
  nextLessonHint: (title) => `Open the next lesson: ${title}`,
  currentLesson: 'Current lesson',
  goOn: (n, title) => `Go on to lesson ${n}: ${title}`,
  lessonDone: 'every question answered',
  tabs: 'Lesson or editor',
  tabLesson: 'Lesson',
  tabEditor: 'YAML',
  resetLesson: 'Reset lesson',
  resetLessonHint: 'Put the lesson’s own scenario back in the editor (your edits to it are dropped).',
  edited: 'You edited this lesson’s scenario: the engine answers for your version.',
  sharedNote: 'Opened from a share link. Your own scenario is kept: pick “My scenario” to go back to it.',
  sends: 'Send',
  sendHint: 'Each button sends a connection of the lesson through the simulated cluster.',
  running: 'running…',
  spreadRun: (n) => `${n} connections`,
  steps: 'Step by step',
  stepsHint: 'Click a step to jump playback to the hop it describes.',
  showHop: 'Show this hop',
  noHop: 'This hop does not happen in the scenario as it is now.',
  noteSays: 'What the study note says',
  kernelDoes: 'What the kernel does',
  questions: 'Predict, then check',
  questionN: (n, of) => `Question ${n} of ${of}`,
  check: 'Check',
  checking: 'Asking the engine…',
  pickFirst: 'Pick an answer first.',
  correct: 'Correct',
  incorrect: 'Not quite',
  engineSays: 'The engine observed',
  yourPick: 'your answer',
  rightAnswer: 'the engine’s answer',
  editedChanged: 'Your edits changed the outcome: the engine now makes another choice right.',
  noChoiceFits: 'Your edits changed the outcome: none of the choices fits what the engine now sees.',
  engineFailed: 'The engine could not run this lesson on the scenario as it is now',
};

const ko: LessonMessages = {
  lessonRegion: '레슨',
  lessonN: (n) => `레슨 ${n}`,
  ownScenario: '내 시나리오',
  sharedScenario: '공유 링크로 받은 시나리오',
  sharedFromLesson: (title) => `공유 링크: ${title}`,
  lessonsGroup: '레슨',
  yourScenarios: '내 시나리오',
  nextLesson: '다음 레슨',
  nextLessonHint: (title) => `다음 레슨 열기: ${title}`,
  currentLesson: '지금 레슨',
  goOn: (n, title) => `${withParticle(`레슨 ${n}`, '으로/로')} 넘어가기: ${title}`,
  lessonDone: '모든 질문에 답함',
  tabs: '레슨 또는 편집기',
  tabLesson: '레슨',
  tabEditor: 'YAML',
  resetLesson: '레슨 초기화',
  resetLessonHint: '레슨의 원래 시나리오를 편집기에 다시 넣습니다(레슨에서 고친 내용은 사라집니다).',
  edited: '이 레슨의 시나리오를 고쳤습니다. 엔진은 고친 버전으로 답합니다.',
  sharedNote: '공유 링크로 열었습니다. 내 시나리오는 그대로 있습니다. “내 시나리오”를 고르면 돌아갑니다.',
  sends: '보내기',
  sendHint: '버튼마다 레슨의 연결 하나를 시뮬레이션된 클러스터로 보냅니다.',
  running: '실행 중…',
  spreadRun: (n) => `연결 ${n}개`,
  steps: '단계별 설명',
  stepsHint: '단계를 클릭하면 재생이 그 단계가 설명하는 홉으로 이동합니다.',
  showHop: '이 홉 보기',
  noHop: '지금 시나리오에서는 이 홉이 일어나지 않습니다.',
  noteSays: '스터디 노트의 설명',
  kernelDoes: '커널이 실제로 하는 일',
  questions: '예측하고 확인하기',
  questionN: (n, of) => `질문 ${n} / ${of}`,
  check: '확인',
  checking: '엔진에 묻는 중…',
  pickFirst: '먼저 답을 고르세요.',
  correct: '정답',
  incorrect: '오답',
  engineSays: '엔진이 관찰한 값',
  yourPick: '내 답',
  rightAnswer: '엔진의 답',
  editedChanged: '고친 내용 때문에 결과가 바뀌었습니다. 이제 엔진 기준으로는 다른 선택지가 맞습니다.',
  noChoiceFits: '고친 내용 때문에 결과가 바뀌었습니다. 지금 엔진이 보는 결과에 맞는 선택지가 없습니다.',
  engineFailed: '지금 시나리오로는 엔진이 이 레슨을 실행하지 못했습니다',
};

export const lessonMessages: Readonly<Record<Lang, LessonMessages>> = { en, ko };
