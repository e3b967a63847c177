import { describe, expect, it } from 'vitest';
import { COMPARE_MODES_WORDS, SCALE_LAB_WORDS } from './lazy-button-words';
import { scaleMessages } from './scale/messages';
import { compareMessages } from './compare/messages';

// The stand-ins must read exactly as the buttons that replace them, or the header would change under the reader.
describe('deferred buttons keep their real buttons’ words', () => {
  it.each(['en', 'ko'] as const)('%s', (lang) => {
    expect(SCALE_LAB_WORDS[lang]).toBe(scaleMessages[lang].button);
    expect(COMPARE_MODES_WORDS[lang]).toBe(compareMessages[lang].button);
  });
});
