import { describe, expect, it } from 'vitest';
import { loadScenario } from '../cluster/load';
import { outlineScenario } from '../scenario-outline';
import { scenarioProblemText, yamlErrorText } from './yaml-errors';

/** Broken YAML a learner types, each with the code the `yaml` library gives it. */
const BROKEN: readonly { readonly text: string; readonly code: string }[] = [
  { text: 'kind: Pod\nkind: Service\n', code: 'DUPLICATE_KEY' },
  { text: 'a:\n  b: 1\n c: 2\n', code: 'BAD_INDENT' },
  { text: 'a: {b: 1\n', code: 'BAD_INDENT' },
  { text: 'metadata:\n  name: "web\n', code: 'MISSING_CHAR' },
  { text: 'a: 1\nb:#c\n', code: 'MISSING_CHAR' },
  { text: 'a: {b: 1 c: 2}\n', code: 'BLOCK_IN_FLOW' },
  { text: '  - a\nb: 1\n', code: 'UNEXPECTED_TOKEN' },
  { text: 'a: b: c\n', code: 'BLOCK_AS_IMPLICIT_KEY' },
  { text: 'a:\n\tb: 1\n', code: 'TAB_AS_INDENT' },
  { text: 'kind: Pod\nmetadata\n  name: x\n', code: 'MULTILINE_IMPLICIT_KEY' },
  { text: 'a: [1, 2]]\n', code: 'UNEXPECTED_TOKEN' },
  { text: 'a: @x\n', code: 'BAD_SCALAR_START' },
  { text: 'a: "\\q"\n', code: 'BAD_DQ_ESCAPE' },
];

/** Latin words of three letters or more, besides the format's name: English left in a Korean sentence. */
const englishIn = (s: string): string[] => (s.replace(/YAML/g, '').match(/[A-Za-z]{3,}/g) ?? []);

describe('YAML parser messages in Korean', () => {
  for (const { text, code } of BROKEN) {
    it(`${code}: ${JSON.stringify(text)} reads in Korean, keeps its place, and in English as the library says it`, () => {
      const { diagnostics } = loadScenario(text);
      const yamlErrors = diagnostics.filter((d) => d.yamlCode !== undefined);
      expect(yamlErrors.map((d) => d.yamlCode)).toContain(code);
      for (const d of yamlErrors) {
        const ko = scenarioProblemText({ message: d.message, code: d.yamlCode }, 'ko');
        expect(ko.startsWith('YAML: ')).toBe(true);
        expect(ko).toMatch(/[가-힣]/);
        expect(englishIn(ko), ko).toEqual([]);
        expect(scenarioProblemText({ message: d.message, code: d.yamlCode }, 'en')).toBe(d.message);
        expect(d.line).toBeGreaterThan(0);
        expect(d.col).toBeGreaterThan(0);
      }
      for (const e of outlineScenario(text).errors) {
        expect(e.code).toBeDefined();
        const ko = scenarioProblemText(e, 'ko');
        expect(englishIn(ko), ko).toEqual([]);
        expect(scenarioProblemText(e, 'en')).toBe(e.message);
      }
    });
  }

  it('tells apart messages that share a code, and words an unknown message by its code', () => {
    expect(yamlErrorText('MISSING_CHAR', 'YAML: Missing closing "quote', 'ko')).toBe('YAML: 닫는 따옴표가 없습니다');
    expect(yamlErrorText('MISSING_CHAR', 'YAML: Missing , between flow map items', 'ko')).toBe('YAML: 중괄호 맵({ })의 항목 사이에 쉼표(,)가 없습니다');
    expect(yamlErrorText('MISSING_CHAR', 'YAML: Something the table does not know', 'ko')).toBe('YAML: 있어야 할 문자가 빠졌습니다');
    expect(yamlErrorText('UNEXPECTED_TOKEN', 'Unexpected flow-seq-end token at line 1, column 10:', 'en')).toBe('Unexpected flow-seq-end token');
  });

  it('words the loader’s limits in Korean and leaves the API server’s wording as it is', () => {
    expect(scenarioProblemText({ message: 'too many documents (501; the limit is 500)' }, 'ko')).toBe('문서가 너무 많습니다(501개, 한도 500개)');
    expect(scenarioProblemText({ message: 'too many documents (the limit is 500)' }, 'ko')).toBe('문서가 너무 많습니다(한도 500개)');
    expect(scenarioProblemText({ message: 'scenario is too large (1200000 characters; the limit is 1000000)' }, 'ko')).toBe('시나리오가 너무 깁니다(1200000자, 한도 1000000자)');
    const api = 'spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive';
    expect(scenarioProblemText({ message: api }, 'ko')).toBe(api);
  });
});
