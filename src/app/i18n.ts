import type { Lang } from './lang';
import { useLabStore } from './store';

export type { Lang } from './lang';

/** UI text in English and Korean. Terms of art (PREROUTING, DNAT, conntrack) stay as they are in both. */
const messages = {
  en: {
    appTitle: 'Kube Packet Lab',
    tagline: 'how a Kubernetes Service really moves packets',
    scenario: 'Scenario',
    node: 'Node',
    language: 'Language',
    keyboardShortcuts: 'Keyboard shortcuts',
    resizeBetween: 'Resize {a} and {b} (arrow keys; Enter resets)',
    editorRegion: 'Scenario editor',
    hooksRegion: 'Netfilter hooks',
    graphRegion: 'Chain graph',
    packetRegion: 'Packet',
    conntrackRegion: 'Conntrack',
    rulesRegion: 'Rules',
    loadingEditor: 'Loading the editor…',
    loadingDiagram: 'Drawing the diagram…',
    service: 'Service',
    allServices: 'All services',
    graphHint: 'click a chain to find its rules',
    showingLastValid: 'Showing the last valid version.',
    scenarioHasErrors: 'The scenario has errors.',
    networkIn: 'network in (eth0 / veth)',
    networkOut: 'network out',
    routing: 'routing decision',
    localProcess: 'local process',
    documents: 'documents',
    yamlOk: 'YAML parses',
    yamlErrors: 'YAML errors',
    engine: 'engine',
    kubeProxy: 'kube-proxy',
    engineStarting: 'starting the engine worker…',
    placeholderHooks: 'The hook diagram (PREROUTING → routing → INPUT / FORWARD → OUTPUT → POSTROUTING, each with its tables in kernel order) arrives with the teaching UI.',
  },
  ko: {
    appTitle: 'Kube Packet Lab',
    tagline: '쿠버네티스 서비스가 실제로 패킷을 옮기는 방법',
    scenario: '시나리오',
    node: '노드',
    language: '언어',
    keyboardShortcuts: '키보드 단축키',
    resizeBetween: '{a} · {b} 크기 조절 (화살표 키, Enter는 원래대로)',
    editorRegion: '시나리오 편집기',
    hooksRegion: 'Netfilter 훅',
    graphRegion: '체인 그래프',
    packetRegion: '패킷',
    conntrackRegion: 'Conntrack',
    rulesRegion: '규칙',
    loadingEditor: '편집기를 불러오는 중…',
    loadingDiagram: '다이어그램을 그리는 중…',
    service: '서비스',
    allServices: '모든 서비스',
    graphHint: '체인을 클릭하면 규칙을 보여 줍니다',
    showingLastValid: '마지막으로 유효했던 버전을 보여 주고 있습니다.',
    scenarioHasErrors: '시나리오에 오류가 있습니다.',
    networkIn: '네트워크 수신 (eth0 / veth)',
    networkOut: '네트워크 송신',
    routing: '라우팅 결정',
    localProcess: '로컬 프로세스',
    documents: '개 문서',
    yamlOk: 'YAML 파싱 성공',
    yamlErrors: 'YAML 오류',
    engine: '엔진',
    kubeProxy: 'kube-proxy',
    engineStarting: '엔진 워커를 시작하는 중…',
    placeholderHooks: '훅 다이어그램(PREROUTING → 라우팅 → INPUT / FORWARD → OUTPUT → POSTROUTING, 커널 순서의 테이블)은 학습 UI와 함께 추가됩니다.',
  },
} as const satisfies Record<Lang, Record<string, string>>;

export type MessageKey = keyof (typeof messages)['en'];

export function translate(lang: Lang, key: MessageKey): string {
  return messages[lang][key];
}

/** The current language's text for a key; re-renders when the language changes. */
export function useT(): (key: MessageKey) => string {
  const lang = useLabStore((s) => s.lang);
  return (key) => translate(lang, key);
}
