/**
 * How a connection and each of its packets ended, in the UI's language, from the trace's structured
 * data (the fate's kind, node and rule, and the packet's own hops), never from the engine's English
 * `fate.text`. Pure: the packet panel, the timeline chips and the lessons all say it the same way.
 * Rule text, chain and table names, hooks and addresses stay as the tools print them.
 */
import { withParticle } from '../engine/explain/particles';
import type { HopView, PacketView, PartyView, TraceView } from '../worker/api';
import type { Lang } from './lang';

export type Outcome = TraceView['outcome'];
export type FateKind = PacketView['fate']['kind'];

/** One word or two for a connection's or a packet's end: badges, chips, the spread's failures. */
export function outcomeWord(outcome: Outcome, lang: Lang): string {
  const words: Record<Outcome, Record<Lang, string>> = {
    delivered: { en: 'delivered', ko: '전달됨' },
    rejected: { en: 'rejected', ko: '거부됨' },
    dropped: { en: 'dropped', ko: '버려짐' },
    'no-route': { en: 'no route', ko: '경로 없음' },
  };
  return words[outcome][lang];
}

/** A connection's outcome as a sentence: what the client experiences. */
export function outcomeSentence(outcome: Outcome, lang: Lang): string {
  const sentences: Record<Outcome, Record<Lang, string>> = {
    delivered: { en: 'The connection was delivered.', ko: '연결이 전달되었습니다.' },
    rejected: { en: 'The connection was rejected: the client got an answer saying no.', ko: '연결이 거부되었습니다. 클라이언트는 거부 응답을 받습니다.' },
    dropped: { en: 'The connection was dropped: the client hears nothing and times out.', ko: '연결이 버려졌습니다. 클라이언트는 아무 응답도 받지 못하고 시간 초과로 끝납니다.' },
    'no-route': { en: 'The connection found no route to its destination.', ko: '연결이 목적지로 가는 경로를 찾지 못했습니다.' },
  };
  return sentences[outcome][lang];
}

const PACKET_LABELS_KO: Readonly<Record<string, string>> = {
  'echo request': 'echo 요청',
  'echo reply': 'echo 응답',
  request: '요청',
  response: '응답',
  query: '질의',
  'last ACK': '마지막 ACK',
};

const ICMP_KO: Readonly<Record<string, string>> = {
  'port unreachable': '포트 도달 불가',
  'host unreachable': '호스트 도달 불가',
  'net unreachable': '네트워크 도달 불가',
  'proto unreachable': '프로토콜 도달 불가',
  'admin prohibited': '관리상 금지',
  'net prohibited': '네트워크 금지',
  'host prohibited': '호스트 금지',
};

/** A packet's label (`SYN`, `request`, `ICMP port unreachable`): TCP flags stay, words are translated. */
export function packetLabel(label: string, lang: Lang): string {
  if (lang === 'en') return label;
  const known = PACKET_LABELS_KO[label];
  if (known) return known;
  const icmp = /^ICMP (.+)$/.exec(label);
  if (icmp) return `ICMP ${ICMP_KO[icmp[1]!] ?? icmp[1]!}`;
  return label;
}

/** Who a packet reached: a pod by name, a node's own process, an outside client. */
export function partyText(p: PartyView, lang: Lang): string {
  switch (p.kind) {
    case 'pod':
      return p.name;
    case 'node':
      return lang === 'en' ? `a process on ${p.name}` : `${p.name} 노드의 프로세스`;
    case 'external':
      return lang === 'en' ? `the outside client ${p.ip ?? ''}`.trimEnd() : `외부 클라이언트 ${p.ip ?? ''}`.trimEnd();
  }
}

/** A fate in words, with the rule behind it (shown as code beside the sentence). */
export interface FateText {
  readonly text: string;
  readonly rule?: string;
}

type RuleHop = Extract<HopView, { kind: 'rule' }>;

/** The rule hop that decided the packet's end: the last one whose rule text is the fate's rule. */
function decidingRule(packet: PacketView): RuleHop | undefined {
  const rule = packet.fate.rule;
  if (rule === undefined) return undefined;
  for (let i = packet.hops.length - 1; i >= 0; i--) {
    const h = packet.hops[i]!;
    if (h.kind === 'rule' && h.rule === rule) return h;
  }
  return undefined;
}

function lastHop(packet: PacketView): HopView | undefined {
  return packet.hops[packet.hops.length - 1];
}

/** `filter INPUT` (a built-in chain) or `nat KUBE-SERVICES (PREROUTING)` (a chain jumped to at that hook). */
/**
 * The target as Korean prose names it before 규칙: iptables' targets (`REJECT`, `DROP`) as they are; an nftables
 * verdict (`reject`, `drop`) is a lower-case keyword the sentence already says in Korean (거부, 버려짐), and the
 * rule itself is shown beside it.
 */
const koTarget = (target: string | undefined, fallback: string): string => (target !== undefined && /[a-z]/.test(target) ? '' : `${target ?? fallback} `);

function chainPlace(h: RuleHop, lang: Lang): string {
  if (h.chain === h.hook) return `${h.table} ${h.chain}`;
  return lang === 'en' ? `${h.table} ${h.chain} (${h.hook})` : `${h.table} ${h.chain}(${h.hook} 훅)`;
}

/** How one packet ended. `packet.fate.text` (the engine's English) is never shown. */
export function fateText(packet: PacketView, lang: Lang): FateText {
  const f = packet.fate;
  const en = lang === 'en';
  const label = packetLabel(packet.label, lang);
  switch (f.kind) {
    case 'delivered': {
      const end = lastHop(packet);
      const to = end?.kind === 'deliver' ? partyText(end.to, lang) : undefined;
      if (en) return { text: to ? `The ${label} was delivered to ${to}.` : `The ${label} was delivered.` };
      return { text: to ? `${withParticle(label, '은/는')} ${to}에 전달되었습니다.` : `${withParticle(label, '은/는')} 전달되었습니다.` };
    }
    case 'rejected': {
      if (f.refused) {
        const who = partyText(f.refused.by, lang);
        const at = `${f.refused.address}:${f.refused.port}/${f.refused.protocol}`;
        const answer = f.refused.protocol === 'tcp' ? 'RST' : lang === 'en' ? 'ICMP port unreachable' : 'ICMP 포트 도달 불가';
        if (en) return { text: `The ${label} was refused by ${who}: nothing listens on ${at}, so its stack answers with ${answer}.` };
        return { text: `${withParticle(label, '은/는')} ${who}에서 거부되었습니다. ${at}에서 듣고 있는 소켓이 없어 커널이 ${withParticle(answer, '으로/로')} 응답합니다.` };
      }
      const h = decidingRule(packet);
      const node = f.node ?? '';
      if (en) return { text: `The ${label} was rejected on ${node}${h ? ` by a ${h.target ?? 'REJECT'} rule in ${chainPlace(h, 'en')}` : ''}; the sender gets an answer.`, ...(f.rule ? { rule: f.rule } : {}) };
      return {
        text: `${withParticle(label, '은/는')} ${node} 노드에서 ${h ? `${chainPlace(h, 'ko')}의 ${koTarget(h.target, 'REJECT')}규칙으로 ` : ''}거부되었습니다. 보낸 쪽은 거부 응답을 받습니다.`,
        ...(f.rule ? { rule: f.rule } : {}),
      };
    }
    case 'dropped': {
      const node = f.node ?? '';
      if (f.unanswered) {
        const { dst, gateway } = f.unanswered;
        if (f.unanswered.loops) {
          const direct = gateway === dst;
          if (en) {
            const how = direct ? 'out to the docker network, where a node answers ARP for it (as MetalLB\'s speaker does)' : `by its default route to ${gateway}, which routes it back to a node`;
            return { text: `The ${label} is never answered: nobody owns ${dst} (no rule matched this packet), so ${node} sent it ${how}; it circles until its TTL runs out.` };
          }
          const how = direct ? 'docker 네트워크로 내보냈지만, 그 주소의 ARP에는 다시 노드가 답합니다(MetalLB 스피커처럼)' : `기본 경로로 ${gateway}에 보냈지만, 그쪽은 다시 노드로 보냅니다`;
          return { text: `${withParticle(label, '은/는')} 응답을 받지 못합니다. ${withParticle(dst, '을/를')} 가진 호스트가 없어(이 패킷에 맞는 규칙이 없었습니다) ${node} 노드가 ${how}. 패킷은 TTL이 다할 때까지 돕니다.` };
        }
        if (en) return { text: `The ${label} is never answered: nobody owns ${dst}${f.unanswered.clusterIP ? ' (a ClusterIP is only a match in kube-proxy\'s rules, and none matched this packet)' : ''}, so ${node} sent it by its default route to ${gateway}, out of the cluster.` };
        return {
          text: `${withParticle(label, '은/는')} 응답을 받지 못합니다. ${withParticle(dst, '을/를')} 가진 호스트가 없어${f.unanswered.clusterIP ? '(ClusterIP는 kube-proxy 규칙의 매치 조건일 뿐이고, 이 패킷에 맞는 규칙이 없었습니다)' : ''} ${node} 노드가 기본 경로로 ${gateway}에 보냈고, 패킷은 클러스터 밖으로 나갔습니다.`,
        };
      }
      const h = decidingRule(packet);
      if (h) {
        const byPolicy = h.ruleIndex < 0;
        if (en) {
          const how = byPolicy ? `by the policy of ${h.table} ${h.chain} (DROP)` : `by a ${h.target ?? 'DROP'} rule in ${chainPlace(h, 'en')}`;
          return { text: `The ${label} was dropped on ${node} ${how}; the sender hears nothing.`, ...(byPolicy ? {} : { rule: h.rule }) };
        }
        const how = byPolicy ? `${h.table} ${h.chain} 체인의 기본 정책(DROP)으로` : `${chainPlace(h, 'ko')}의 ${koTarget(h.target, 'DROP')}규칙으로`;
        return { text: `${withParticle(label, '은/는')} ${node} 노드에서 ${how} 버려졌습니다. 보낸 쪽은 아무 응답도 받지 못합니다.`, ...(byPolicy ? {} : { rule: h.rule }) };
      }
      const end = lastHop(packet);
      if (end?.kind === 'confirm' && !end.ok) {
        return en
          ? { text: `The ${label} was dropped on ${node}: conntrack could not confirm its connection (another entry has the same tuple).` }
          : { text: `${withParticle(label, '은/는')} ${node} 노드에서 버려졌습니다. conntrack이 연결을 확정하지 못했습니다(같은 튜플의 항목이 이미 있음).` };
      }
      if (end?.kind === 'routing') {
        return en
          ? { text: `The ${label} was dropped on ${node}: no pod behind ${end.decision} owns ${end.destination}.` }
          : { text: `${withParticle(label, '은/는')} ${node} 노드에서 버려졌습니다. ${end.decision} 뒤에 ${withParticle(end.destination, '을/를')} 가진 파드가 없습니다.` };
      }
      return en ? { text: `The ${label} was dropped on ${node}.` } : { text: `${withParticle(label, '은/는')} ${node} 노드에서 버려졌습니다.` };
    }
    case 'no-route': {
      const node = f.node;
      const end = lastHop(packet);
      const dst = end?.kind === 'routing' ? end.destination : end?.kind === 'wire' ? end.packet.dst : undefined;
      if (!node) return en ? { text: `The ${label} found no route: the sender cannot reach the cluster.` } : { text: `${withParticle(label, '은/는')} 경로를 찾지 못했습니다. 보낸 쪽에서 클러스터로 가는 경로가 없습니다.` };
      if (en) return { text: `The ${label} found no route on ${node}${dst ? ` to ${dst}` : ''}.` };
      return { text: `${node} 노드에는 ${dst ? `${withParticle(dst, '으로/로')} 가는 ` : ''}경로가 없어 ${withParticle(label, '이/가')} 더 가지 못했습니다.` };
    }
  }
}

/** A packet's direction: the client's way, or the answer's way back. */
export function directionWord(direction: PacketView['direction'], lang: Lang): string {
  if (direction === 'original') return lang === 'en' ? 'original' : '원래 방향';
  return lang === 'en' ? 'reply' : '응답 방향';
}
