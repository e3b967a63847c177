import { compressToEncodedURIComponent } from 'lz-string';
import { describe, expect, it } from 'vitest';
import { decodeShare, MAX_DECODED_CHARS, MAX_FRAGMENT_CHARS } from './codec';
import { shareErrorText, type ShareErrorKind } from './error-text';

const HANGUL = /[\uac00-\ud7a3]/;

/** Real decoder failures, one per kind, from links broken the ways links get broken. */
const BROKEN: readonly (readonly [ShareErrorKind, string])[] = [
  ['too-large', `#s1.${'A'.repeat(MAX_FRAGMENT_CHARS + 1)}`],
  ['newer-version', '#s9.AAAA'],
  ['damaged', '#s1.%%%%'],
  ['damaged', `#s1.${compressToEncodedURIComponent('{"yaml": "cut off her')}`],
  ['expands-too-far', `#s1.${compressToEncodedURIComponent('x'.repeat(MAX_DECODED_CHARS + 1))}`],
  ['invalid', `#s1.${compressToEncodedURIComponent(JSON.stringify({ yaml: 'a: 1', seed: 1, step: 0, view: {}, lang: 'en', packet: { from: 3, to: 'x' } }))}`],
];

describe('a broken share link, in the reader\'s language', () => {
  it.each(BROKEN)('%s', (kind, fragment) => {
    const decoded = decodeShare(fragment);
    if (decoded.ok || 'absent' in decoded) throw new Error(`expected a failure for ${kind}`);
    expect(decoded.kind).toBe(kind);
    expect(shareErrorText(decoded, 'en').text).toBe(decoded.error);
    const ko = shareErrorText(decoded, 'ko');
    expect(ko.text).toMatch(HANGUL);
    expect(ko.text).not.toMatch(/[A-Za-z]{3,}/);
    if (kind === 'invalid') expect(ko.field).toBe('packet.from');
  });

  it('an error thrown while reading a link reads as unreadable, in Korean too', () => {
    expect(shareErrorText({ kind: 'unreadable', error: 'The share link could not be read (boom).' }, 'ko').text).toBe('링크를 읽을 수 없습니다.');
  });
});
