import type { Lang } from '../lang';

/** One line of the shortcut list: the keys as they are printed on keyboards, and what they do. */
export interface ShortcutLine {
  /** Alternatives, each a sequence of keys pressed together, e.g. [['Ctrl', 'S'], ['⌘', 'S']]. */
  readonly keys: readonly (readonly string[])[];
  readonly action: string;
}

interface HelpMessages {
  readonly intro: string;
  readonly keyColumn: string;
  readonly actionColumn: string;
  readonly shortcuts: readonly ShortcutLine[];
  readonly tabOrderTitle: string;
  readonly tabOrder: readonly string[];
  readonly close: string;
  readonly or: string;
  readonly showStart: string;
}

export const helpMessages: Readonly<Record<Lang, HelpMessages>> = {
  en: {
    intro: 'These keys work whenever the focus is not in the editor or a form field.',
    keyColumn: 'Keys',
    actionColumn: 'What it does',
    shortcuts: [
      { keys: [['Space']], action: 'Play / pause the packet' },
      { keys: [['←'], ['→']], action: 'Step back / step forward one hop' },
      { keys: [['N']], action: 'Next decision: the next hop that changes the packet or decides its fate' },
      { keys: [['?']], action: 'Show this list' },
      { keys: [['0'], ['9']], action: 'Classroom mode: open lesson 0–9 (the lesson with that number)' },
      { keys: [['Esc']], action: 'Classroom mode: leave it' },
      { keys: [['Esc']], action: 'Close this list' },
      { keys: [['Ctrl', 'S'], ['⌘', 'S']], action: 'Not taken over: the browser’s own Save. Your scenario is already kept in this browser after every edit.' },
      { keys: [['F8']], action: 'In the editor: go to the next problem and read its message' },
      { keys: [['←'], ['→'], ['↑'], ['↓']], action: 'On a splitter between panels: give one side more room (with Shift, in bigger steps); Enter or a double-click puts the layout back' },
    ],
    tabOrderTitle: 'Tab order',
    tabOrder: [
      'Tab and Shift+Tab move through the page in reading order: the header (scenario, node, share link, language, theme, this help), then the scenario editor, then the panels left to right and top to bottom.',
      'Inside the editor Tab indents. Ctrl+M (on a Mac Ctrl+Shift+M) switches Tab to moving the focus instead, and back.',
      'In the chain graph each chain is a button: Enter or Space shows its rules.',
      'After the panels come the splitters between them (one stop each): the arrow keys resize, Enter resets.',
    ],
    close: 'Close',
    or: 'or',
    showStart: 'Show the “Start here” card again',
  },
  ko: {
    intro: '편집기나 입력 칸에 포커스가 없을 때 동작합니다.',
    keyColumn: '키',
    actionColumn: '동작',
    shortcuts: [
      { keys: [['Space']], action: '패킷 재생 / 일시 정지' },
      { keys: [['←'], ['→']], action: '한 홉 뒤로 / 앞으로' },
      { keys: [['N']], action: '다음 결정: 패킷을 바꾸거나 운명을 정하는 다음 홉으로' },
      { keys: [['?']], action: '이 목록 보기' },
      { keys: [['0'], ['9']], action: '수업 모드: 그 번호의 레슨 열기(0–9)' },
      { keys: [['Esc']], action: '수업 모드: 나가기' },
      { keys: [['Esc']], action: '이 목록 닫기' },
      { keys: [['Ctrl', 'S'], ['⌘', 'S']], action: '가로채지 않습니다: 브라우저의 저장 기능 그대로입니다. 시나리오는 편집할 때마다 이 브라우저에 이미 저장됩니다.' },
      { keys: [['F8']], action: '편집기에서: 다음 문제로 이동하고 메시지 읽기' },
      { keys: [['←'], ['→'], ['↑'], ['↓']], action: '패널 사이의 구분선에서: 한쪽을 넓히거나 줄이기 (Shift와 함께 누르면 크게), Enter나 더블 클릭은 원래 배치로' },
    ],
    tabOrderTitle: 'Tab 순서',
    tabOrder: [
      'Tab과 Shift+Tab은 읽는 순서대로 이동합니다: 헤더(시나리오, 노드, 공유 링크, 언어, 테마, 이 도움말) → 시나리오 편집기 → 패널(왼쪽에서 오른쪽, 위에서 아래).',
      '편집기 안에서 Tab은 들여쓰기입니다. Ctrl+M(Mac에서는 Ctrl+Shift+M)을 누르면 Tab이 포커스 이동으로 바뀌고, 다시 누르면 돌아옵니다.',
      '체인 그래프에서 각 체인은 버튼입니다: Enter나 Space로 규칙을 봅니다.',
      '패널 다음에는 패널 사이의 구분선이 옵니다(하나에 한 번씩): 화살표 키로 크기를 바꾸고 Enter로 원래대로 돌립니다.',
    ],
    close: '닫기',
    or: '또는',
    showStart: '“여기서 시작하세요” 카드 다시 보기',
  },
};
