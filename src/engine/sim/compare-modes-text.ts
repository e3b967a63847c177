/**
 * What differs between the three modes' summaries of one connection, each difference with one sentence
 * in English and Korean saying why (kube-proxy's and the kernel's reasons). Built from the summaries'
 * data only; names the tools print (chains, tables, `numgen`, schedulers, addresses) go in backticks,
 * which the UI shows as code and the CLI drops.
 */
import { fill } from '../explain/catalog';
import { particle, withParticle } from '../explain/particles';
import type { ProxyMode } from './data-planes';
import type { EndpointChooser } from './compare-modes-structures';
import type { DifferenceKind, FirstPacketEnd, ModeDifference, ModeSummary } from './compare-modes-types';
import type { IpvsScheduler } from '../ipvs/model';

interface Sentence {
  readonly en: string;
  readonly ko: string;
}

/** A mode as the sentences name it. */
export const MODE_NAMES: Readonly<Record<ProxyMode, string>> = { iptables: '`iptables`', nftables: '`nftables`', ipvs: '`IPVS`' };

const both = (en: string, ko: string, params: Readonly<Record<string, string | number>> = {}): Sentence => ({ en: fill(en, params), ko: fill(ko, params) });

/** `a`, `a and b`, `a, b and c` / `a`, `a와 b`, `a, b와 c`. */
function listOf(words: readonly string[]): Sentence {
  if (words.length <= 1) return { en: words[0] ?? '', ko: words[0] ?? '' };
  const head = words.slice(0, -1).join(', ');
  const last = words[words.length - 1]!;
  return { en: `${head} and ${last}`, ko: `${withParticle(head, '과/와')} ${last}` };
}

const NO_ENDPOINTS: Sentence = { en: 'the Service has no endpoints', ko: '서비스에 엔드포인트가 없습니다' };
const NO_LOCAL_ENDPOINTS: Sentence = {
  en: 'the Service has endpoints, but its `Local` traffic policy wants one on this node and there is none',
  ko: '서비스에 엔드포인트는 있지만 `Local` 트래픽 정책이라 이 노드의 엔드포인트가 필요한데 없습니다',
};

/** Why a chain kube-proxy writes to stop packets rejects them (proxier.go: the comments beside those rules). */
const REJECT_REASONS: Readonly<Record<string, Sentence>> = {
  'cluster-ips-check': {
    en: 'nftables mode rejects a packet to an active ClusterIP that no Service port serves',
    ko: '활성 ClusterIP로 왔지만 어느 서비스 포트도 받지 않는 패킷은 REJECT합니다',
  },
  'KUBE-IPVS-FILTER': {
    en: 'kube-ipvs0 makes the node own every Service IP, so kube-proxy rejects new connections to one on a port no virtual server serves',
    ko: 'kube-ipvs0 때문에 노드가 모든 서비스 IP를 가지므로, 가상 서버가 없는 포트로 오는 새 연결은 kube-proxy가 REJECT합니다',
  },
  'reject-chain': NO_ENDPOINTS,
  'KUBE-SERVICES': NO_ENDPOINTS,
  'KUBE-EXTERNAL-SERVICES': NO_ENDPOINTS,
};

/** …and why one drops them. */
const DROP_REASONS: Readonly<Record<string, Sentence>> = {
  'cluster-ips-check': { en: 'nftables mode drops a packet to an address of the Service range that no Service has', ko: '어느 서비스도 갖지 않은 서비스 대역 주소로 오는 패킷은 DROP합니다' },
  'KUBE-SERVICES': NO_LOCAL_ENDPOINTS,
  'KUBE-EXTERNAL-SERVICES': NO_LOCAL_ENDPOINTS,
  'service-endpoints-check': NO_LOCAL_ENDPOINTS,
  'nodeport-endpoints-check': NO_LOCAL_ENDPOINTS,
};

/** How the first packet's path ended, as a clause. */
export function endClause(end: FirstPacketEnd): Sentence {
  switch (end.kind) {
    case 'delivered':
      return both('delivered to `{to}`', '`{to}`에 도착', { to: end.to });
    case 'rejected': {
      if (end.by.kind === 'ipvs') {
        return both(
          'IPVS has the virtual server `{vs}` but no real server, so it answers `{with}`',
          'IPVS에 가상 서버 `{vs}`는 있지만 실제 서버가 없어 커널이 응답합니다(`{with}`)',
          { vs: end.by.virtualServer, with: end.rejectWith },
        );
      }
      const why = REJECT_REASONS[end.by.chain];
      const base = both('rejected by `{where}` (`{with}`)', '`{where}`에서 REJECT됨(`{with}`)', { where: `${end.by.table} ${end.by.chain}`, with: end.rejectWith });
      return why ? { en: `${base.en}: ${why.en}`, ko: `${base.ko}: ${why.ko}` } : base;
    }
    case 'refused':
      return both(
        'reached `{by}`, where nothing listens on `{address}/{protocol}`: its kernel answers `{with}`',
        '`{by}`에 도착했지만 `{address}/{protocol}`에서 기다리는 프로그램이 없어 커널이 응답합니다(`{with}`)',
        { by: end.by, address: end.address, protocol: end.protocol, with: end.rejectWith },
      );
    case 'dropped': {
      const why = DROP_REASONS[end.by.chain];
      const base = both('dropped by `{where}`', '`{where}`에서 DROP됨', { where: `${end.by.table} ${end.by.chain}` });
      return why ? { en: `${base.en}: ${why.en}`, ko: `${base.ko}: ${why.ko}` } : base;
    }
    case 'unanswered':
      if (end.clusterIP) {
        return both(
          'no rule takes it: a ClusterIP is only a match in the rules, so `{node}` routes it out of the cluster and no answer comes',
          '잡는 규칙이 없습니다. ClusterIP는 규칙 속 매치일 뿐이라 노드 `{node}`에서 기본 경로로 클러스터 밖에 나가고 응답은 오지 않습니다',
          { node: end.node },
        );
      }
      return end.loops
        ? both('no rule takes it and nobody owns `{dst}`: it circles until its TTL runs out', '잡는 규칙도 `{dst}`의 주인도 없어 TTL이 다할 때까지 돕니다', { dst: end.dst })
        : both('no rule takes it and nobody owns `{dst}`: no answer comes', '잡는 규칙도 `{dst}`의 주인도 없어 응답이 오지 않습니다', { dst: end.dst });
    case 'lost':
      return both('lost: {reason}', '도착하지 못함', { reason: end.reason });
  }
}

const SCHEDULER_WORDS: Readonly<Partial<Record<IpvsScheduler, Sentence>>> = {
  rr: { en: 'which hands out the real servers in turn', ko: '실제 서버를 차례로 돌아가며 줍니다' },
  wrr: { en: 'which hands out the real servers in turn, by weight', ko: '가중치에 따라 실제 서버를 차례로 줍니다' },
  lc: { en: 'which takes the real server with the fewest connections', ko: '연결이 가장 적은 실제 서버를 고릅니다' },
  wlc: { en: 'which takes the fewest connections per weight', ko: '가중치당 연결이 가장 적은 서버를 고릅니다' },
  sed: { en: 'which takes the shortest expected delay, (active connections + 1) / weight', ko: '예상 지연, 곧 (활성 연결 + 1) / 가중치가 가장 작은 서버를 고릅니다' },
  nq: { en: 'which takes an idle real server first, else the shortest expected delay', ko: '쉬고 있는 실제 서버를 먼저, 없으면 예상 지연이 가장 작은 서버를 고릅니다' },
  dh: { en: 'which hashes the destination address to a real server', ko: '목적지 주소의 해시로 실제 서버를 고릅니다' },
  sh: { en: "which hashes the client's address to a real server", ko: '클라이언트 주소의 해시로 실제 서버를 고릅니다' },
};

/** `0.33333333349` as `0.3333`, `0.5` as `0.5`. */
const probability = (p: number): string => String(Number(p.toFixed(4)));

/** How a chooser picked, as a clause starting with the mode's name. */
export function chooserClause(mode: ProxyMode, c: EndpointChooser): Sentence {
  const name = MODE_NAMES[mode];
  switch (c.kind) {
    case 'statistic': {
      if (c.affinity) return both('{name} sends the client back to its endpoint from a `recent` list (sessionAffinity), before any draw', '{name:은/는} `recent` 목록으로 클라이언트를 예전 엔드포인트로 보냅니다(sessionAffinity). 뽑기 전입니다', { name });
      if (c.candidates.length === 1) return both('{name} has one endpoint rule in `{chain}`: no draw', '{name:은/는} `{chain}`에 엔드포인트 규칙이 하나뿐이라 뽑지 않습니다', { name, chain: c.chain });
      const probs = c.candidates.map((x) => probability(x.probability ?? 1)).join(', ');
      return both(
        '{name} tries {n} rules of `{chain}` in turn (`statistic` probabilities `{probs}`) and the first that matches wins: rule {matched} this time',
        '{name:은/는} `{chain}`의 규칙 {n}개를 차례로 시험하고(`statistic` 확률 `{probs}`) 처음 매치된 규칙이 고릅니다. 이번에는 {matched}번째 규칙입니다',
        { name, n: c.candidates.length, chain: c.chain, probs, matched: c.matched },
      );
    }
    case 'numgen':
      return both(
        '{name} draws `{expr}` once (`{value}` this time) and looks it up in one verdict map',
        '{name:은/는} `{expr}`{particle} 한 번 뽑아(이번에는 `{value}`) 판정 맵 하나에서 찾습니다',
        { name, expr: `numgen random mod ${c.modulus}`, particle: particle(String(c.modulus), '을/를'), value: c.value },
      );
    case 'scheduler': {
      const words = SCHEDULER_WORDS[c.scheduler] ?? { en: 'which picks by its own rule', ko: '자기 규칙대로 고릅니다' };
      const persistent = c.persistent ? { en: ' (persistent: a client keeps its real server until the timeout)', ko: ' (지속 연결: 시간 제한까지 클라이언트가 같은 실제 서버를 씁니다)' } : { en: '', ko: '' };
      return {
        en: `${fill("{name} asks the virtual server's `{scheduler}` scheduler, {what}", { name, scheduler: c.scheduler, what: words.en })}${persistent.en}`,
        ko: `${fill('{name:은/는} 가상 서버의 `{scheduler}` 스케줄러에게 맡깁니다. 이 스케줄러는 {what}', { name, scheduler: c.scheduler, what: words.ko })}${persistent.ko}`,
      };
    }
  }
}

/** Where a mode DNATed: `PREROUTING`, `OUTPUT`, `LOCAL_IN`, `LOCAL_OUT`, or `none`. */
function dnatPlace(s: ModeSummary): string {
  if (!s.dnat) return 'none';
  return s.dnat.kind === 'ipvs' ? s.dnat.stage : s.dnat.hook;
}

function dnatWhere(s: ModeSummary): Sentence {
  const d = s.dnat;
  if (!d) return { en: `${MODE_NAMES[s.mode]} nowhere`, ko: `${MODE_NAMES[s.mode]} 없음` };
  const where = d.kind === 'ipvs' ? `\`${d.stage}\`` : `\`${d.hook} ${d.table}\``;
  return { en: `${MODE_NAMES[s.mode]} at ${where}`, ko: `${MODE_NAMES[s.mode]} ${where}` };
}

/** The modes whose key differs from the largest group's, or every mode when no two share a key; empty when all agree. */
function standOut(modes: readonly ModeSummary[], key: (s: ModeSummary) => string): ProxyMode[] {
  const groups = new Map<string, ProxyMode[]>();
  for (const s of modes) groups.set(key(s), [...(groups.get(key(s)) ?? []), s.mode]);
  if (groups.size <= 1) return [];
  const largest = [...groups.values()].sort((a, b) => b.length - a.length)[0]!;
  return largest.length > 1 ? modes.map((s) => s.mode).filter((m) => !largest.includes(m)) : modes.map((s) => s.mode);
}

function dnatSentence(modes: readonly ModeSummary[]): Sentence {
  const withDnat = modes.filter((s) => s.dnat);
  const without = modes.filter((s) => !s.dnat);
  if (without.length > 0 && withDnat.length > 0) {
    const a = listOf(withDnat.map((s) => MODE_NAMES[s.mode]));
    const b = listOf(without.map((s) => MODE_NAMES[s.mode]));
    if (modes.every((s) => s.loopback) && withDnat.every((s) => s.mode === 'iptables')) {
      // proxier.go: localhostNodePorts (with route_localnet=1) is an iptables-mode option; the nftables and IPVS proxiers never accept NodePorts on 127.0.0.1.
      return both(
        'Only `iptables` mode serves a NodePort on `{dst}` (localhostNodePorts, with route_localnet): {others} never DNAT a loopback address, so the packet stays on the node.',
        '`{dst}`의 NodePort는 `iptables` 모드만 받습니다(localhostNodePorts, route_localnet). {othersKo} 루프백 주소를 DNAT하지 않으므로 패킷은 노드에 남습니다.',
        { dst: modes[0]!.destination, others: b.en, othersKo: withParticle(b.ko, '은/는') },
      );
    }
    return { en: `Only ${a.en} rewrote the destination to an endpoint; in ${b.en} nothing took the packet as a Service's.`, ko: `목적지를 엔드포인트로 바꾼 것은 ${a.ko}뿐입니다. ${b.ko}에서는 아무것도 이 패킷을 서비스의 것으로 받지 않았습니다.` };
  }
  const ipvs = modes.find((s) => s.dnat?.kind === 'ipvs');
  const rules = modes.filter((s) => s.dnat?.kind === 'rule');
  if (ipvs?.dnat?.kind === 'ipvs' && rules.length > 0) {
    const r = listOf(rules.map((s) => MODE_NAMES[s.mode]));
    const vip = ipvs.dnat.from;
    if (ipvs.dnat.stage === 'LOCAL_IN') {
      return both(
        '{rules} rewrite the destination in `PREROUTING`, before the routing decision; `IPVS` only at `LOCAL_IN`, after filter `INPUT`: kube-ipvs0 holds the Service IP (`{vip}`), so routing first delivers the packet to the node itself.',
        '{rulesKo} 라우팅 결정 전에 `PREROUTING`에서 목적지를 바꿉니다. `IPVS`는 filter `INPUT` 다음인 `LOCAL_IN`에서야 바꿉니다. kube-ipvs0이 서비스 IP(`{vip}`)를 가지고 있어서 라우팅이 먼저 패킷을 노드 자신에게 보내기 때문입니다.',
        { rules: r.en, rulesKo: withParticle(r.ko, '은/는'), vip },
      );
    }
    return both(
      '{rules} rewrite the destination in nat `OUTPUT`; `IPVS` at `LOCAL_OUT`, just after it, once the route to the Service IP (`{vip}`, local on kube-ipvs0) is known.',
      '{rulesKo} nat `OUTPUT`에서 목적지를 바꿉니다. `IPVS`는 그 바로 뒤 `LOCAL_OUT`에서 바꿉니다. 서비스 IP(`{vip}`, kube-ipvs0에 있는 로컬 주소)로 가는 경로가 정해진 다음입니다.',
      { rules: r.en, rulesKo: withParticle(r.ko, '은/는'), vip },
    );
  }
  const list = modes.map(dnatWhere);
  return { en: `The destination is rewritten at different places: ${list.map((x) => x.en).join(', ')}.`, ko: `목적지를 바꾸는 곳이 다릅니다: ${list.map((x) => x.ko).join(', ')}.` };
}

function workList(s: ModeSummary): Sentence {
  const name = MODE_NAMES[s.mode];
  const parts: Sentence[] = [{ en: `${s.rulesEvaluated} rules`, ko: `규칙 ${s.rulesEvaluated}개` }];
  if (s.mapLookups > 0) parts.push({ en: `${s.mapLookups} map lookups`, ko: `맵 조회 ${s.mapLookups}번` });
  if (s.ipvsLookups > 0) parts.push({ en: `${s.ipvsLookups} IPVS lookup${s.ipvsLookups === 1 ? '' : 's'}`, ko: `IPVS 조회 ${s.ipvsLookups}번` });
  return { en: `${name} ${parts.map((p) => p.en).join(' + ')}`, ko: `${name} ${parts.map((p) => p.ko).join(' + ')}` };
}

const joined = (items: readonly Sentence[], sep: string): Sentence => ({ en: items.map((i) => i.en).join(sep), ko: items.map((i) => i.ko).join(sep) });

export function explainDifferences(modes: readonly ModeSummary[]): ModeDifference[] {
  const out: ModeDifference[] = [];
  const add = (kind: DifferenceKind, standing: readonly ProxyMode[], s: Sentence): void => {
    if (standing.length > 0) out.push({ kind, modes: standing, en: s.en, ko: s.ko });
  };

  const endKey = (s: ModeSummary): string => `${s.outcome} ${s.end.kind}`;
  add('outcome', standOut(modes, endKey), joined(modes.map((s) => ({ en: `${MODE_NAMES[s.mode]}: ${endClause(s.end).en}.`, ko: `${MODE_NAMES[s.mode]}: ${endClause(s.end).ko}.` })), ' '));

  const setKey = (s: ModeSummary): string => s.endpointSet.join(' ');
  const setsDiffer = standOut(modes, setKey);
  if (modes.some((s) => s.endpointSet.length > 0)) {
    const list = joined(modes.map((s) => ({ en: `${MODE_NAMES[s.mode]} ${s.endpointSet.length > 0 ? `\`${s.endpointSet.join(', ')}\`` : 'none'}`, ko: `${MODE_NAMES[s.mode]} ${s.endpointSet.length > 0 ? `\`${s.endpointSet.join(', ')}\`` : '없음'}` })), '; ');
    add('endpoint-set', setsDiffer, { en: `The modes do not choose among the same endpoints: ${list.en}.`, ko: `모드마다 고르는 엔드포인트가 다릅니다: ${list.ko}.` });
  }

  const allReached = modes.every((s) => s.endpoint);
  if (setsDiffer.length === 0 && allReached) {
    add('endpoint', standOut(modes, (s) => `${s.endpoint!.ip}:${s.endpoint!.port}`), {
      en: 'The same endpoints in every mode, a different pick this time: each mode makes its own draw (`IPVS` its scheduler\'s turn), so one connection may land elsewhere.',
      ko: '엔드포인트 집합은 모든 모드에서 같고 이번에 고른 것만 다릅니다. 모드마다 따로 뽑기(`IPVS`는 스케줄러 차례) 때문에 한 연결이 다른 곳에 갈 수 있습니다.',
    });
  }

  if (modes.every((s) => s.outcome === 'delivered')) {
    const standing = standOut(modes, (s) => s.seenSource?.split(':')[0] ?? '-');
    const list = joined(modes.map((s) => ({ en: `${MODE_NAMES[s.mode]} \`${s.seenSource ?? '-'}\``, ko: `${MODE_NAMES[s.mode]} \`${s.seenSource ?? '-'}\`` })), ', ');
    const masq = modes.filter((s) => s.snat);
    const why = masq.length > 0 ? listOf(masq.map((s) => MODE_NAMES[s.mode])) : undefined;
    add('seen-source', standing, {
      en: `The endpoint sees a different source: ${list.en}.${why ? ` ${why.en} masquerade${masq.length === 1 ? 's' : ''} the connection, replacing the client's address with the node's.` : ''}`,
      ko: `엔드포인트가 보는 출발지가 다릅니다: ${list.ko}.${why ? ` ${withParticle(why.ko, '은/는')} 연결을 MASQUERADE해서 클라이언트 주소를 노드 주소로 바꿉니다.` : ''}`,
    });
  }

  add('dnat-site', standOut(modes, dnatPlace), dnatSentence(modes));

  const choosers = modes.filter((s) => s.chooser);
  if (choosers.length > 1) {
    const clauses = choosers.map((s) => chooserClause(s.mode, s.chooser!));
    add('chooser', standOut(choosers, (s) => s.chooser!.kind), { en: `${clauses.map((c) => c.en).join('; ')}.`, ko: clauses.map((c) => `${c.ko}.`).join(' ') });
  }

  const work = (s: ModeSummary): string => `${s.rulesEvaluated} ${s.mapLookups} ${s.ipvsLookups}`;
  const iptables = modes.find((s) => s.mode === 'iptables');
  const close = iptables !== undefined && modes.some((s) => s.mode !== 'iptables' && s.rulesEvaluated >= iptables.rulesEvaluated);
  const list = joined(modes.map(workList), '; ');
  add('work', standOut(modes, work), {
    en: `First packet: ${list.en}. \`iptables\` walks KUBE-SERVICES rule by rule, so its count grows with every Service; \`nftables\` finds the Service with one map lookup and \`IPVS\` with one hash lookup of the virtual server, whatever the number of Services${close ? ' (with this few Services the totals stay close)' : ''}.`,
    ko: `첫 패킷: ${list.ko}. \`iptables\`는 KUBE-SERVICES를 규칙 하나씩 읽으므로 서비스가 늘수록 수가 커집니다. \`nftables\`는 맵 조회 한 번, \`IPVS\`는 가상 서버 해시 조회 한 번으로 서비스를 찾으므로 서비스 수와 상관없습니다${close ? '(서비스가 이만큼 적으면 합계는 비슷합니다)' : ''}.`,
  });
  return out;
}
