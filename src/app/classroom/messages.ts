/** Classroom mode's words in English and Korean. */
import type { Lang } from '../packet/messages';

export interface ClassroomMessages {
  readonly classroom: string;
  readonly leave: string;
  readonly hideEditor: string;
  readonly hint: string;
}

export const classroomMessages: Readonly<Record<Lang, ClassroomMessages>> = {
  en: {
    classroom: 'Classroom',
    leave: 'Leave classroom mode (Esc)',
    hideEditor: 'Hide editor',
    hint: 'Classroom mode: Space plays, ← → step, 0–9 open lessons, Esc leaves.',
  },
  ko: {
    classroom: '수업 모드',
    leave: '수업 모드 끝내기 (Esc)',
    hideEditor: '편집기 숨기기',
    hint: '수업 모드: Space 재생, ← → 한 단계, 0–9 레슨 열기, Esc 나가기.',
  },
};
