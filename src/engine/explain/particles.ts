/**
 * Korean particles that follow how the word before them is read: 을/를, 이/가, 은/는, 과/와, 으로/로.
 * The choice depends on whether the last syllable *as pronounced* ends in a consonant (받침), and for
 * 으로/로 on whether that consonant is ㄹ. Our words are often not Hangul: numbers and addresses are read
 * as Sino-Korean numerals (`80` 팔십 → 을, `3` 삼 → 으로), chain names and acronyms by their letters'
 * Korean names (`KUBE-SEP-…F` 에프 → 를), code words by a few English endings. The particle is written
 * straight after the word, never with a space.
 */

/** The final consonant of a reading: none, ㄹ (which takes 로, not 으로), or any other. */
type Final = 'none' | 'rieul' | 'other';

const HANGUL_FIRST = 0xac00;
const HANGUL_LAST = 0xd7a3;
/** Index of ㄹ among the 28 finals (0 = none). */
const RIEUL = 8;

function hangulFinal(ch: string): Final {
  const index = (ch.codePointAt(0)! - HANGUL_FIRST) % 28;
  if (index === 0) return 'none';
  return index === RIEUL ? 'rieul' : 'other';
}

/** 영 일 이 삼 사 오 육 칠 팔 구 */
const DIGIT_FINAL: readonly Final[] = ['other', 'rieul', 'none', 'other', 'none', 'none', 'other', 'rieul', 'rieul', 'none'];

/** How a run of digits ends when read as a Sino-Korean number: `80` 팔십, `100` 백, `1000` 천, `20000` 이만. */
function numberFinal(digits: string): Final {
  const trimmed = digits.replace(/^0+(?=\d)/, '');
  if (/^0+$/.test(trimmed)) return 'other'; // 영
  const zeros = trimmed.length - trimmed.replace(/0+$/, '').length;
  if (zeros === 0) return DIGIT_FINAL[Number(trimmed[trimmed.length - 1])]!;
  if (zeros === 1) return 'other'; // 십
  if (zeros === 2) return 'other'; // 백
  if (zeros === 3) return 'other'; // 천
  if (zeros <= 7) return 'other'; // 만
  if (zeros <= 11) return 'other'; // 억
  return 'none'; // 조
}

/** Latin letters read by their Korean names: A 에이, … L 엘, M 엠, N 엔, R 알 (the only ones with a final). */
function letterFinal(letter: string): Final {
  switch (letter.toUpperCase()) {
    case 'L':
    case 'R':
      return 'rieul';
    case 'M':
    case 'N':
      return 'other';
    default:
      return 'none';
  }
}

/** A lowercase English word read as a word: `…ing`, `…m`, `…n` end in a consonant, `…l` in ㄹ; others in a vowel. */
function wordFinal(word: string): Final {
  if (/ng$/.test(word) || /[mn]$/.test(word)) return 'other';
  if (/l$/.test(word)) return 'rieul';
  return 'none';
}

/** How `word` ends when read aloud in Korean. Trailing punctuation and brackets are skipped. */
export function finalOf(word: string): Final {
  const text = word.replace(/[\s)\]}"'`’”.,:;!?>]+$/u, '');
  if (text === '') return 'none';
  const last = text[text.length - 1]!;
  const code = last.codePointAt(0)!;
  if (code >= HANGUL_FIRST && code <= HANGUL_LAST) return hangulFinal(last);
  if (/\d/.test(last)) return numberFinal(/\d+$/.exec(text)![0]);
  if (/[a-z]/.test(last)) {
    const tail = /[A-Za-z]+$/.exec(text)![0];
    // A lowercase word (`masquerade`, `svc-web`) is read as a word; an uppercase one (`DNAT`, `KUBE-SVC-…F`) letter by letter.
    return tail === tail.toLowerCase() ? wordFinal(tail) : letterFinal(last);
  }
  if (/[A-Z]/.test(last)) return letterFinal(last);
  // Symbols (`*`, `/`, `%`): read as nothing in particular; Korean writing defaults to the vowel form.
  return 'none';
}

export type ParticlePair = '을/를' | '이/가' | '은/는' | '과/와' | '으로/로' | '이에요/예요' | '이라는/라는';

/** The particle for `word` from a pair written consonant-form first, as Korean grammars list them. */
export function particle(word: string, pair: ParticlePair): string {
  const final = finalOf(word);
  const [afterConsonant, afterVowel] = pair.split('/') as [string, string];
  if (pair === '으로/로') return final === 'other' ? afterConsonant : afterVowel;
  return final === 'none' ? afterVowel : afterConsonant;
}

/** `word` with its particle attached: `withParticle('10.10.1.2:80', '을/를')` → `10.10.1.2:80을`. */
export function withParticle(word: string, pair: ParticlePair): string {
  return `${word}${particle(word, pair)}`;
}
