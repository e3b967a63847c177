/** The "Start here" card in English and Korean. */
import type { Lang } from '../lang';

export interface StartMessages {
  readonly title: string;
  /** What the lab shows, in two sentences. */
  readonly what: readonly [string, string];
  readonly startLesson: string;
  readonly startLessonHint: string;
  readonly explore: string;
  readonly exploreHint: string;
  readonly language: string;
  readonly comeBack: string;
}

export const startMessages: Readonly<Record<Lang, StartMessages>> = {
  en: {
    title: 'Start here',
    what: [
      'This lab runs a Kubernetes cluster in your browser: kube-proxy’s real iptables rules on every node, and each packet’s walk through the netfilter hooks and conntrack.',
      'Send a packet and follow it, rule by rule, from a Service’s address to a pod’s.',
    ],
    startLesson: 'Start the first lesson',
    startLessonHint: 'Lesson 0: what a hook, a table, a chain and a rule are, before any iptables syntax. Twelve more follow.',
    explore: 'Explore on my own',
    exploreHint: 'The study groups’ classic cluster is ready in the editor; the lessons wait in the Scenario list.',
    language: 'Language',
    comeBack: 'This card comes back from the keyboard help (?).',
  },
  ko: {
    title: '여기서 시작하세요',
    what: [
      '이 실습실은 브라우저 안에 쿠버네티스 클러스터를 띄워, 노드마다 kube-proxy가 만드는 실제 iptables 규칙과 패킷 하나하나가 netfilter 훅과 conntrack을 지나는 길을 그대로 보여 줍니다.',
      '패킷을 보내고, 서비스 주소가 파드 주소로 바뀌는 과정을 규칙 하나하나 따라가 보세요.',
    ],
    startLesson: '첫 레슨 시작하기',
    startLessonHint: '레슨 0: iptables 문법보다 먼저, 훅과 테이블과 체인과 규칙이 무엇인지 봅니다. 그 뒤로 레슨 열두 개가 이어집니다.',
    explore: '혼자 둘러보기',
    exploreHint: '스터디에서 쓰던 그 클러스터가 편집기에 준비되어 있고, 레슨은 시나리오 목록에 있습니다.',
    language: '언어',
    comeBack: '이 카드는 키보드 도움말(?)에서 다시 열 수 있습니다.',
  },
};
