/**
 * "The engine observed: …" as a sentence in the learner's language, built from the observation's data
 * (scenarios/lessons/observed.ts). Printed output (a `conntrack -L` line, the text looked for in
 * `iptables -S`) comes back separately as `code`, shown as the tools print it.
 */
import { withParticle } from '../../engine/explain/particles';
import type { Observation } from '../../scenarios/lessons/observed';
import type { Lang } from '../lang';
import { outcomeSentence, packetLabel } from '../outcome-text';

export interface ObservedText {
  readonly text: string;
  /** Printed lines the sentence is about, verbatim. */
  readonly code?: readonly string[];
}

const n = (count: number, lang: Lang): string => count.toLocaleString(lang === 'ko' ? 'ko-KR' : 'en-US');

// Backticked: the tools' own names, shown as code in both languages.
const SCALE_MODE = { iptables: '`iptables`', nftables: '`nftables`', ipvs: '`IPVS`' } as const;
const factor = (o: { readonly fromCount: number; readonly toCount: number }): string => (o.toCount / o.fromCount).toFixed(1);

const COMMANDS: Readonly<Record<'save' | 'S' | 'L', (table: string) => string>> = {
  save: (t) => '`iptables-save -t ' + t + '`',
  S: (t) => '`iptables -t ' + t + ' -S`',
  L: (t) => '`iptables -t ' + t + ' -L -n -v`',
};

const TOOLS: Readonly<Record<'ipvsadm' | 'ipset' | 'ip-addr', string>> = {
  ipvsadm: '`ipvsadm -Ln`',
  ipset: '`ipset list`',
  'ip-addr': '`ip addr show kube-ipvs0`',
};

const FATES: Readonly<Record<string, { en: string; ko: string }>> = {
  delivered: { en: 'was delivered', ko: '전달되었습니다' },
  rejected: { en: 'was rejected (the sender got an answer)', ko: '거부되었습니다(보낸 쪽이 거부 응답을 받음)' },
  dropped: { en: 'was dropped (no answer)', ko: '버려졌습니다(응답 없음)' },
  'no-route': { en: 'found no route', ko: '경로를 찾지 못했습니다' },
};

/**
 * An nftables name (`services`, `service-…/tcp/…`, `masquerade fully-random`) as code: lower-case words that
 * are names, not prose, in either language. iptables' names (`KUBE-SERVICES`, `DNAT`) and tables stay as they are.
 */
const term = (name: string): string => (/[a-z]/.test(name) && name !== 'nat' && name !== 'filter' ? '`' + name + '`' : name);

/** `filter INPUT`, `nat KUBE-SERVICES`, `the PREROUTING hook`: where a rule pointer looked. */
function place(o: { readonly table?: string; readonly chain?: string; readonly hook?: string }, lang: Lang): string {
  const chain = [o.table, o.chain === undefined ? undefined : term(o.chain)].filter(Boolean).join(' ');
  if (chain && o.hook && o.hook !== o.chain) return lang === 'en' ? `${chain} (at ${o.hook})` : `${chain}(${o.hook} 훅)`;
  if (chain) return chain;
  if (o.hook) return lang === 'en' ? `the ${o.hook} hook` : `${o.hook} 훅`;
  return '';
}

function en(o: Observation): ObservedText {
  switch (o.kind) {
    case 'outcome':
      return { text: outcomeSentence(o.outcome, 'en') };
    case 'packetFate':
      return { text: `The ${o.packet} ${FATES[o.fate]!.en}.` };
    case 'endpointPod':
      return { text: o.pod ? `The connection reached the pod ${o.pod}.` : 'The connection reached no pod.' };
    case 'endpointNode':
      return { text: o.node ? `The endpoint it reached runs on ${o.node}.` : 'The connection reached no endpoint.' };
    case 'seenSource':
      return { text: o.ip ? `The endpoint saw the client’s address as ${o.ip}.` : 'Nothing reached an endpoint, so no source address was seen.' };
    case 'deliveredAddress':
      return { text: o.address ? `The ${o.packet} arrived with ${o.field === 'src' ? 'source' : 'destination'} ${o.address}.` : `The ${o.packet} was not delivered.` };
    case 'translated':
      if (!o.sent || !o.received) return { text: `The ${o.packet} was not delivered.` };
      return { text: o.sent === o.received ? `The ${o.packet} arrived exactly as it was sent: ${o.sent}.` : `The ${o.packet} was sent as ${o.sent} and arrived as ${o.received}.` };
    case 'natWalked':
      return { text: `nat rules walked for this ${o.packet}${o.node ? ` on ${o.node}` : ''}: ${n(o.rules, 'en')}.` };
    case 'ruleMatched': {
      const what = `${o.target ? `${term(o.target)} ` : ''}rule${o.count === 1 ? '' : 's'}`;
      const where = place(o, 'en');
      const tail = `${where ? ` in ${where}` : ''}${o.node ? ` on ${o.node}` : ''} for the ${o.packet}`;
      return { text: o.count === 0 ? `No ${what.replace(/s$/, '')} matched${tail}.` : `${n(o.count, 'en')} ${what} matched${tail}.` };
    }
    case 'hops':
      return { text: o.count === 0 ? `The ${o.packet}’s path has no such step.` : `The ${o.packet}’s path has this step ${o.count === 1 ? 'once' : `${n(o.count, 'en')} times`}.` };
    case 'conntrackLines':
      return o.lines.length === 0
        ? { text: `Right after the ${o.packet}, \`conntrack -L\` on ${o.node} lists no entries.` }
        : { text: `Right after the ${o.packet}, \`conntrack -L\` on ${o.node} lists:`, code: o.lines };
    case 'conntrackEntry': {
      const e = o.entry;
      if (!e) return { text: `Right after the ${o.packet}, ${o.node} has no conntrack entry for ${o.original}.` };
      const state = e.state ? `in state ${e.state}` : `a ${e.protocol.toUpperCase()} entry`;
      const flags = e.flags.length > 0 ? `flags ${e.flags.map((f) => `[${f}]`).join(' ')}` : 'no flags';
      const nat = e.nat.length > 0 ? `it holds ${e.nat.join(' and ')}` : 'no NAT';
      return { text: `Right after the ${o.packet}, ${o.node}’s entry for ${o.original} is ${state}, expiring in ${n(e.timeoutSeconds, 'en')} s, with ${flags}; ${nat}.` };
    }
    case 'spread': {
      const parts = o.shares.map((s) => `${s.pod ?? s.endpoint} ${n(s.count, 'en')}`);
      if (o.failed > 0) parts.push(`failed ${n(o.failed, 'en')}`);
      return { text: parts.length === 0 ? `None of the ${n(o.connections, 'en')} connections was delivered.` : `Of ${n(o.connections, 'en')} new connections: ${parts.join(', ')}.` };
    }
    case 'sameEndpoint':
      if (!o.first || !o.second) return { text: 'At least one of the two connections reached no endpoint.' };
      return { text: o.first === o.second ? `Both connections reached the same endpoint, ${o.first}.` : `The first connection reached ${o.first}, the second ${o.second}.` };
    case 'rulesPrint':
      return { text: `${COMMANDS[o.format](o.table)} on ${o.node} ${o.found ? 'prints' : 'does not print'}:`, code: [o.includes] };
    case 'evaluated': {
      const where = `${o.chain ? ` in ${term(o.chain)}` : ''}${o.node ? ` on ${o.node}` : ''}`;
      const what = o.what === 'rules' ? `rule${o.count === 1 ? '' : 's'} (policies included)` : `map lookup${o.count === 1 ? '' : 's'}`;
      return { text: `For the ${o.packet}, the kernel evaluated ${n(o.count, 'en')} ${what}${where}.` };
    }
    case 'mapLookups':
      return o.lookups.length === 0
        ? { text: `The ${o.packet} made no lookup in ${term(o.map)}${o.node ? ` on ${o.node}` : ''}.` }
        : { text: `The ${o.packet} looked ${term(o.map)} up${o.node ? ` on ${o.node}` : ''} ${o.lookups.length === 1 ? 'once' : `${n(o.lookups.length, 'en')} times`}:`, code: o.lookups };
    case 'nodePrint':
      return { text: `${NODE_COMMANDS[o.format]} on ${o.node} (mode: ${o.mode}) ${o.found ? 'prints' : 'does not print'}:`, code: [o.includes] };
    case 'all':
      return joined(o.observations.map(en));
    case 'ipvsPrint':
      return { text: `${TOOLS[o.tool]} on ${o.node} ${o.found ? 'prints' : 'does not print'}:`, code: [o.includes] };
    case 'endpointPodWithScheduler':
      return { text: o.pod ? `With the \`${o.scheduler}\` scheduler the connection would have reached pod ${o.pod}.` : `With the \`${o.scheduler}\` scheduler the connection would have reached no pod.` };
    case 'scaleGrowth': {
      const what = o.metric === 'evaluated' ? 'a new connection’s first packet was evaluated against' : 'kube-proxy wrote';
      const unit = o.metric === 'evaluated' ? 'rules and lookups' : 'lines';
      return { text: `Scale lab, ${SCALE_MODE[o.mode]} mode: ${what} ${n(o.fromCount, 'en')} ${unit} with ${n(o.from, 'en')} Services and ${n(o.toCount, 'en')} with ${n(o.to, 'en')} (×${factor(o)}).` };
    }
    case 'dump':
      if (o.what === 'owner') return { text: `In the imported dump, ${o.subject} belongs to ${o.value}.` };
      if (o.what === 'outcome') return { text: `Traced through the imported dump, the packet to ${o.subject} ends:`, code: [o.value] };
      return { text: `Spread through the imported dump, connections to ${o.subject} reach:`, code: [o.value || '(no endpoint)'] };
  }
}

const NODE_COMMANDS: Readonly<Record<'nft' | 'iptables-save', string>> = { nft: '`nft list ruleset`', 'iptables-save': '`iptables-save`' };

/** Several observations as one reveal: their sentences in order, their printed lines together. */
function joined(parts: readonly ObservedText[]): ObservedText {
  const code = parts.flatMap((p) => p.code ?? []);
  return { text: parts.map((p) => p.text).join(' '), ...(code.length > 0 ? { code } : {}) };
}

function ko(o: Observation): ObservedText {
  const p = (label: string): string => packetLabel(label, 'ko');
  switch (o.kind) {
    case 'outcome':
      return { text: outcomeSentence(o.outcome, 'ko') };
    case 'packetFate':
      return { text: `${withParticle(p(o.packet), '은/는')} ${FATES[o.fate]!.ko}.` };
    case 'endpointPod':
      return { text: o.pod ? `연결은 ${o.pod} 파드에 도착했습니다.` : '연결은 어느 파드에도 도착하지 않았습니다.' };
    case 'endpointNode':
      return { text: o.node ? `도착한 엔드포인트는 ${o.node} 노드에서 실행 중입니다.` : '연결은 어느 엔드포인트에도 도착하지 않았습니다.' };
    case 'seenSource':
      return { text: o.ip ? `엔드포인트는 클라이언트 주소를 ${withParticle(o.ip, '으로/로')} 보았습니다.` : '엔드포인트에 도착한 것이 없어서 출발지 주소도 없습니다.' };
    case 'deliveredAddress':
      return {
        text: o.address
          ? `${withParticle(p(o.packet), '은/는')} ${o.field === 'src' ? '출발지' : '목적지'} ${withParticle(o.address, '을/를')} 달고 도착했습니다.`
          : `${withParticle(p(o.packet), '은/는')} 전달되지 않았습니다.`,
      };
    case 'translated':
      if (!o.sent || !o.received) return { text: `${withParticle(p(o.packet), '은/는')} 전달되지 않았습니다.` };
      return {
        text:
          o.sent === o.received
            ? `${withParticle(p(o.packet), '은/는')} 보낸 그대로 도착했습니다: ${o.sent}.`
            : `${withParticle(p(o.packet), '은/는')} ${withParticle(o.sent, '으로/로')} 보내져 ${withParticle(o.received, '으로/로')} 도착했습니다.`,
      };
    case 'natWalked':
      return { text: `이 ${p(o.packet)} 패킷이 ${o.node ? `${o.node} 노드에서 ` : ''}거친 nat 규칙: ${n(o.rules, 'ko')}개.` };
    case 'ruleMatched': {
      const where = place(o, 'ko');
      const head = `${p(o.packet)} 패킷에 대해 ${o.node ? `${o.node} 노드의 ` : ''}${where ? `${where}에서 ` : ''}`;
      return { text: `${head}일치한 ${o.target ? `${term(o.target)} ` : ''}규칙: ${n(o.count, 'ko')}개.` };
    }
    case 'hops':
      return { text: o.count === 0 ? `${p(o.packet)} 패킷의 경로에는 그런 단계가 없습니다.` : `${p(o.packet)} 패킷의 경로에서 이 단계가 ${n(o.count, 'ko')}번 나옵니다.` };
    case 'conntrackLines':
      return o.lines.length === 0
        ? { text: `${p(o.packet)} 패킷 직후 ${o.node} 노드의 \`conntrack -L\`에는 항목이 없습니다.` }
        : { text: `${p(o.packet)} 패킷 직후 ${o.node} 노드의 \`conntrack -L\` 출력:`, code: o.lines };
    case 'conntrackEntry': {
      const e = o.entry;
      if (!e) return { text: `${p(o.packet)} 패킷 직후 ${o.node} 노드에는 ${o.original}의 conntrack 항목이 없습니다.` };
      const state = e.state ? `상태는 ${e.state}` : `${e.protocol.toUpperCase()} 항목`;
      const flags = e.flags.length > 0 ? `플래그 ${e.flags.map((f) => `[${f}]`).join(' ')}` : '플래그 없음';
      const nat = e.nat.length > 0 ? `${e.nat.join('·')} 변환 정보 있음` : 'NAT 정보 없음';
      return { text: `${p(o.packet)} 패킷 직후 ${o.node} 노드의 ${o.original} 항목: ${state}, 남은 시간 ${n(e.timeoutSeconds, 'ko')}초, ${flags}, ${nat}.` };
    }
    case 'spread': {
      const parts = o.shares.map((s) => `${s.pod ?? s.endpoint} ${n(s.count, 'ko')}개`);
      if (o.failed > 0) parts.push(`실패 ${n(o.failed, 'ko')}개`);
      return { text: parts.length === 0 ? `새 연결 ${n(o.connections, 'ko')}개 중 전달된 것이 없습니다.` : `새 연결 ${n(o.connections, 'ko')}개의 도착지: ${parts.join(', ')}.` };
    }
    case 'sameEndpoint':
      if (!o.first || !o.second) return { text: '두 연결 중 적어도 하나는 엔드포인트에 도착하지 않았습니다.' };
      return { text: o.first === o.second ? `두 연결 모두 같은 엔드포인트 ${o.first}에 도착했습니다.` : `첫 연결은 ${o.first}, 두 번째 연결은 ${o.second}에 도착했습니다.` };
    case 'rulesPrint':
      return { text: `${o.node} 노드의 ${COMMANDS[o.format](o.table)} 출력에 다음 내용이 ${o.found ? '있습니다' : '없습니다'}:`, code: [o.includes] };
    case 'evaluated': {
      const where = `${o.node ? `${o.node} 노드의 ` : ''}${o.chain ? `${term(o.chain)}에서 ` : ''}`;
      const what = o.what === 'rules' ? `평가한 규칙(정책 포함): ${n(o.count, 'ko')}개` : `맵 조회: ${n(o.count, 'ko')}번`;
      return { text: `${p(o.packet)} 패킷에 대해 커널이 ${where}${what}.` };
    }
    case 'mapLookups':
      return o.lookups.length === 0
        ? { text: `${p(o.packet)} 패킷은 ${o.node ? `${o.node} 노드에서 ` : ''}${withParticle(term(o.map), '을/를')} 조회하지 않았습니다.` }
        : { text: `${p(o.packet)} 패킷이 ${o.node ? `${o.node} 노드에서 ` : ''}${withParticle(term(o.map), '을/를')} ${n(o.lookups.length, 'ko')}번 조회했습니다:`, code: o.lookups };
    case 'nodePrint':
      return { text: `${o.node} 노드(\`mode: ${o.mode}\`)의 ${NODE_COMMANDS[o.format]} 출력에 다음 내용이 ${o.found ? '있습니다' : '없습니다'}:`, code: [o.includes] };
    case 'all':
      return joined(o.observations.map(ko));
    case 'ipvsPrint':
      return { text: `${o.node} 노드의 ${TOOLS[o.tool]} 출력에 다음 내용이 ${o.found ? '있습니다' : '없습니다'}:`, code: [o.includes] };
    case 'endpointPodWithScheduler':
      return { text: o.pod ? `\`${o.scheduler}\` 스케줄러였다면 연결은 ${o.pod} 파드에 도착했을 것입니다.` : `\`${o.scheduler}\` 스케줄러였다면 연결은 어느 파드에도 도착하지 않았을 것입니다.` };
    case 'scaleGrowth': {
      const what = o.metric === 'evaluated' ? '새 연결의 첫 패킷이 평가한 규칙과 조회는' : 'kube-proxy가 쓴 줄은';
      return { text: `규모 실험, ${SCALE_MODE[o.mode]} 모드: ${what} 서비스 ${n(o.from, 'ko')}개일 때 ${n(o.fromCount, 'ko')}개, ${n(o.to, 'ko')}개일 때 ${n(o.toCount, 'ko')}개입니다(×${factor(o)}).` };
    }
    case 'dump':
      if (o.what === 'owner') return { text: `가져온 덤프에서 ${withParticle(o.subject, '은/는')} \`${o.value}\`의 체인입니다.` };
      if (o.what === 'outcome') return { text: `가져온 덤프로 추적하면 ${withParticle(o.subject, '으로/로')} 가는 패킷은 이렇게 끝납니다:`, code: [o.value] };
      return { text: `가져온 덤프로 연결을 여러 번 보내면 ${withParticle(o.subject, '으로/로')} 가는 연결이 도착하는 곳:`, code: [o.value || '(엔드포인트 없음)'] };
  }
}

export function observedText(o: Observation, lang: Lang): ObservedText {
  return lang === 'en' ? en(o) : ko(o);
}
