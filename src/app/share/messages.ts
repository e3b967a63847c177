/** The share link's words in English and Korean. The decoder's reasons are rendered by kind (error-text.ts). */
import type { Lang } from '../lang';

export interface ShareMessages {
  readonly copy: string;
  /** The button's word where the header is narrow (1400 px and less); its accessible name stays `Copy share link`. */
  readonly copyShort: string;
  readonly copied: string;
  readonly long: (kb: string) => string;
  readonly tooLarge: (kb: string, maxKb: string) => string;
  readonly copyFailed: string;
  readonly linkField: string;
  readonly brokenTitle: string;
  readonly brokenKept: string;
  readonly noLesson: (id: string) => string;
  readonly dismiss: string;
  readonly askTitle: string;
  readonly askBody: string;
  readonly askReplacesShared: string;
  readonly askHeavy: (kb: string) => string;
  readonly open: string;
  readonly keepMine: string;
}

export const shareMessages: Readonly<Record<Lang, ShareMessages>> = {
  en: {
    copy: 'Copy share link',
    copyShort: 'Share',
    copied: 'Link copied',
    long: (kb) => `Link copied, but it is long (${kb} KB): chat tools often cut links over 8 KB. A file or a gist may travel better.`,
    tooLarge: (kb, maxKb) => `This scenario is too large for a link (${kb} KB; at most ${maxKb} KB). Nothing was copied.`,
    copyFailed: 'The browser did not allow copying. Select the link and copy it yourself:',
    linkField: 'Share link',
    brokenTitle: 'This share link could not be opened.',
    brokenKept: 'Your own scenario is still here.',
    noLesson: (id) => `There is no lesson called “${id}”.`,
    dismiss: 'Dismiss',
    askTitle: 'Open the shared scenario?',
    askBody: 'Your own scenario is kept and you can go back to it: pick “My scenario” in the Scenario list.',
    askReplacesShared: 'The scenario of the link you opened before, with your edits to it, is replaced.',
    askHeavy: (kb) => `This link holds a large scenario (${kb} KB): the lab may take several seconds to work through it.`,
    open: 'Open the shared scenario',
    keepMine: 'Keep mine',
  },
  ko: {
    copy: '공유 링크 복사',
    copyShort: '공유',
    copied: '링크를 복사했습니다',
    long: (kb) => `링크를 복사했지만 깁니다(${kb} KB). 채팅 도구는 8 KB가 넘는 링크를 자주 자릅니다. 파일이나 gist로 보내는 편이 나을 수 있습니다.`,
    tooLarge: (kb, maxKb) => `시나리오가 너무 커서 링크로 만들 수 없습니다(${kb} KB, 최대 ${maxKb} KB). 아무것도 복사하지 않았습니다.`,
    copyFailed: '브라우저가 복사를 허용하지 않았습니다. 링크를 선택해 직접 복사하세요:',
    linkField: '공유 링크',
    brokenTitle: '이 공유 링크를 열 수 없습니다.',
    brokenKept: '내 시나리오는 그대로 있습니다.',
    noLesson: (id) => `“${id}”라는 레슨은 없습니다.`,
    dismiss: '닫기',
    askTitle: '공유된 시나리오를 열까요?',
    askBody: '내 시나리오는 그대로 남아 있고 언제든 돌아갈 수 있습니다: 시나리오 목록에서 “내 시나리오”를 고르세요.',
    askReplacesShared: '전에 연 공유 링크의 시나리오(고친 내용 포함)는 이번 것으로 바뀝니다.',
    askHeavy: (kb) => `이 링크에는 큰 시나리오(${kb} KB)가 들어 있습니다. 처리하는 데 몇 초가 걸릴 수 있습니다.`,
    open: '공유된 시나리오 열기',
    keepMine: '내 것 유지',
  },
};
