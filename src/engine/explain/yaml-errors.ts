/**
 * The YAML parser's messages in the UI's language. The `yaml` library words its errors in English and
 * names each with a code (`err.code`); diagnostics keep that code beside the English text, and the UI
 * words the message here: the library's own English, or Korean. Line and column stay where they are
 * (the caller prints them). A code with several messages is told apart by the English text; a message
 * this table does not know still gets its code's Korean, never English.
 */

/** The `yaml` library's error codes (its `ErrorCode` type, spelled out so the UI needs no import of the parser). */
export type YamlErrorCode =
  | 'ALIAS_PROPS'
  | 'BAD_ALIAS'
  | 'BAD_DIRECTIVE'
  | 'BAD_DQ_ESCAPE'
  | 'BAD_INDENT'
  | 'BAD_PROP_ORDER'
  | 'BAD_SCALAR_START'
  | 'BLOCK_AS_IMPLICIT_KEY'
  | 'BLOCK_IN_FLOW'
  | 'DUPLICATE_KEY'
  | 'IMPOSSIBLE'
  | 'KEY_OVER_1024_CHARS'
  | 'MISSING_CHAR'
  | 'MULTILINE_IMPLICIT_KEY'
  | 'MULTIPLE_ANCHORS'
  | 'MULTIPLE_DOCS'
  | 'MULTIPLE_TAGS'
  | 'NON_STRING_KEY'
  | 'RESOURCE_EXHAUSTION'
  | 'TAB_AS_INDENT'
  | 'TAG_RESOLVE_FAILED'
  | 'UNEXPECTED_TOKEN'
  | 'BAD_COLLECTION_TYPE';

/** Korean for each code: what the message says when the table below has nothing closer. */
const BY_CODE: Readonly<Record<YamlErrorCode, string>> = {
  ALIAS_PROPS: '앨리어스(*)에는 태그나 앵커를 붙일 수 없습니다',
  BAD_ALIAS: '앨리어스나 앵커의 이름이 잘못되었습니다',
  BAD_DIRECTIVE: '잘못된 YAML 지시문입니다',
  BAD_DQ_ESCAPE: '큰따옴표 문자열에 잘못된 이스케이프 시퀀스가 있습니다',
  BAD_INDENT: '들여쓰기가 맞지 않습니다',
  BAD_PROP_ORDER: '앵커와 태그의 위치가 잘못되었습니다',
  BAD_SCALAR_START: '따옴표 없는 값이 올 수 없는 문자로 시작합니다(값을 따옴표로 감싸세요)',
  BLOCK_AS_IMPLICIT_KEY: '여러 줄에 걸친 블록은 맵의 키로 쓸 수 없습니다',
  BLOCK_IN_FLOW: '중괄호나 대괄호 안에는 들여쓰기로 쓴 블록을 넣을 수 없습니다',
  DUPLICATE_KEY: '맵의 키가 겹칩니다: 같은 키는 한 번만 쓸 수 있습니다',
  IMPOSSIBLE: 'YAML을 읽을 수 없습니다',
  KEY_OVER_1024_CHARS: '키가 너무 깁니다: 콜론(:)은 키가 시작된 곳에서 1024자 안에 있어야 합니다',
  MISSING_CHAR: '있어야 할 문자가 빠졌습니다',
  MULTILINE_IMPLICIT_KEY: '키는 한 줄에 있어야 합니다(들여쓰기와 콜론을 확인하세요)',
  MULTIPLE_ANCHORS: '한 값에는 앵커(&)를 하나만 붙일 수 있습니다',
  MULTIPLE_DOCS: '문서가 여러 개입니다',
  MULTIPLE_TAGS: '한 값에는 태그(!)를 하나만 붙일 수 있습니다',
  NON_STRING_KEY: '맵의 키는 문자열이어야 합니다',
  RESOURCE_EXHAUSTION: '앨리어스를 너무 많이 펼칩니다',
  TAB_AS_INDENT: '들여쓰기에는 탭을 쓸 수 없습니다(공백을 쓰세요)',
  TAG_RESOLVE_FAILED: '알 수 없는 태그입니다',
  UNEXPECTED_TOKEN: '이 자리에 올 수 없는 내용이 있습니다(들여쓰기와 괄호를 확인하세요)',
  BAD_COLLECTION_TYPE: '태그가 컬렉션의 종류와 맞지 않습니다',
};

/** `flow map` / `flow sequence`, as the library names a `{…}` or `[…]` collection. */
function flowName(en: string): string {
  if (/map/.test(en)) return '중괄호 맵({ })';
  if (/seq/.test(en)) return '대괄호 시퀀스([ ])';
  return '중괄호·대괄호 컬렉션';
}

/** Messages told apart within a code, by the library's English (first line, without "at line …"). */
const BY_MESSAGE: readonly { readonly en: RegExp; readonly ko: (m: RegExpMatchArray) => string }[] = [
  { en: /^Map keys must be unique/, ko: () => BY_CODE.DUPLICATE_KEY },
  { en: /^All sequence items must start at the same column/, ko: () => '시퀀스의 항목(-)은 모두 같은 열에서 시작해야 합니다' },
  { en: /^All mapping items must start at the same column/, ko: () => '맵의 항목은 모두 같은 열에서 시작해야 합니다' },
  { en: /^Implicit keys need to be on a single line/, ko: () => BY_CODE.MULTILINE_IMPLICIT_KEY },
  { en: /^Implicit keys of flow sequence pairs need to be on a single line/, ko: () => '대괄호 안의 키는 한 줄에 있어야 합니다' },
  { en: /^Implicit map keys need to be followed by map values/, ko: () => '키 뒤에 값이 없습니다(콜론(:)이 빠졌을 수 있습니다)' },
  { en: /^Nested mappings are not allowed in compact mappings/, ko: () => '한 줄로 쓴 맵 안에 다른 맵을 넣을 수 없습니다(줄을 바꿔 들여 쓰세요)' },
  { en: /^A block sequence may not be used as an implicit map key/, ko: () => '시퀀스는 맵의 키로 쓸 수 없습니다' },
  { en: /^Tabs are not allowed as indentation/, ko: () => BY_CODE.TAB_AS_INDENT },
  { en: /^Missing closing ["']?quote/, ko: () => '닫는 따옴표가 없습니다' },
  { en: /^Sequence item without - indicator/, ko: () => '시퀀스 항목 앞에 - 표시가 없습니다' },
  { en: /^Comments must be separated from other tokens by white space/, ko: () => '주석(#) 앞에는 공백이 있어야 합니다' },
  { en: /^Missing , or : between (.+) items/, ko: (m) => `${flowName(m[1]!)}의 항목 사이에 쉼표(,)나 콜론(:)이 없습니다` },
  { en: /^Missing , between (.+) items/, ko: (m) => `${flowName(m[1]!)}의 항목 사이에 쉼표(,)가 없습니다` },
  { en: /^Missing space after : in (.+)/, ko: (m) => `${flowName(m[1]!)} 안의 콜론(:) 뒤에 공백이 없습니다` },
  { en: /^Unexpected , in (.+)/, ko: (m) => `${flowName(m[1]!)} 안에 쉼표(,)가 잘못 들어 있습니다` },
  { en: /^Unexpected empty item in (.+)/, ko: (m) => `${flowName(m[1]!)} 안에 빈 항목이 있습니다` },
  { en: /^Plain value cannot start with .*?(\S+)$/, ko: (m) => `따옴표 없는 값은 ${m[1]} 문자로 시작할 수 없습니다(값을 따옴표로 감싸세요)` },
  { en: /^Flow (map|sequence) in block collection must be sufficiently indented and end with an? ([}\]])/, ko: (m) => `${flowName(m[1]!)}의 들여쓰기가 부족하거나 닫는 괄호(${m[2]})가 없습니다` },
  { en: /^Invalid escape sequence (.+)/, ko: (m) => `잘못된 이스케이프 시퀀스입니다: ${m[1]}` },
  { en: /^Unresolved tag: (.+)/, ko: (m) => `알 수 없는 태그입니다: ${m[1]}` },
  { en: /^(?:Alias|Anchor) cannot be an empty string/, ko: () => '앨리어스(*)나 앵커(&)의 이름이 비어 있습니다' },
  { en: /^(?:Alias|Anchor) ending in : is ambiguous/, ko: () => '콜론(:)으로 끝나는 앨리어스나 앵커 이름은 뜻이 모호합니다' },
  { en: /^Block collections are not allowed within flow collections/, ko: () => BY_CODE.BLOCK_IN_FLOW },
  { en: /^Block scalar values in collections must be indented/, ko: () => '컬렉션 안의 블록 문자열(| 또는 >)은 들여 써야 합니다' },
  { en: /^Block scalar lines must not be less indented/, ko: () => '블록 문자열(| 또는 >)의 줄이 첫 줄보다 덜 들여 쓰였습니다' },
  { en: /^Missing newline after block sequence props/, ko: () => '블록 시퀀스의 태그나 앵커 뒤에 줄바꿈이 없습니다' },
  { en: /^Flow end indicator should be more indented than parent/, ko: () => '닫는 괄호가 바깥 항목보다 더 들여 쓰여야 합니다' },
];

/** The library's English message as the UI shows it: its first line, without the "at line L, column C" it adds. */
function plainEnglish(message: string): string {
  return (message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?\s*$/, '').trim();
}

/**
 * A YAML parser message in `lang`. `message` is the library's English (a leading `YAML: ` is kept in
 * front of either language's text); `code` is its `err.code`, or undefined for a message with no code.
 */
export function yamlErrorText(code: YamlErrorCode | string | undefined, message: string, lang: 'en' | 'ko'): string {
  const prefix = message.startsWith('YAML: ') ? 'YAML: ' : '';
  const en = plainEnglish(message.slice(prefix.length));
  if (lang === 'en') return `${prefix}${en}`;
  for (const m of BY_MESSAGE) {
    const hit = en.match(m.en);
    if (hit) return `${prefix}${m.ko(hit)}`;
  }
  const known = code !== undefined && Object.hasOwn(BY_CODE, code) ? BY_CODE[code as YamlErrorCode] : undefined;
  return `${prefix}${known ?? 'YAML 문법 오류입니다'}`;
}

/** Whether `code` is one of the parser's codes (the UI then words the message with `yamlErrorText`). */
export function isYamlErrorCode(code: string | undefined): code is YamlErrorCode {
  return code !== undefined && Object.hasOwn(BY_CODE, code);
}

/** The loader's own limits, before any parsing (yaml-docs.ts, scenario-outline.ts): Korean for their English. */
const LIMITS: readonly { readonly en: RegExp; readonly ko: (m: RegExpMatchArray) => string }[] = [
  { en: /^too many documents \((?:(\d+); )?the limit is (\d+)\)$/, ko: (m) => `문서가 너무 많습니다(${m[1] ? `${m[1]}개, ` : ''}한도 ${m[2]}개)` },
  { en: /^scenario is too large \((\d+) characters; the limit is (\d+)\)$/, ko: (m) => `시나리오가 너무 깁니다(${m[1]}자, 한도 ${m[2]}자)` },
];

/**
 * A scenario problem (a diagnostic or an outline error) in `lang`: YAML syntax errors by their code, the
 * loader's limits by their wording; anything else (the API server's validation messages, quoted as the
 * real cluster words them) as it is.
 */
export function scenarioProblemText(problem: { readonly message: string; readonly code?: string | undefined }, lang: 'en' | 'ko'): string {
  if (isYamlErrorCode(problem.code)) return yamlErrorText(problem.code, problem.message, lang);
  if (lang === 'ko') {
    for (const l of LIMITS) {
      const hit = problem.message.match(l.en);
      if (hit) return l.ko(hit);
    }
  }
  return problem.message;
}
