/**
 * The Scale lab and Compare modes buttons' words, for their stand-ins (lazy-buttons.tsx) while the real
 * buttons' code loads: copies of scale/messages.ts's and compare/messages.ts's `button`, kept equal by
 * lazy-button-words.test.ts (importing those dictionaries here would put them back in the main entry).
 */
export const SCALE_LAB_WORDS = { en: 'Scale lab', ko: '규모 실험' } as const;
export const COMPARE_MODES_WORDS = { en: 'Compare modes', ko: '모드 비교' } as const;
