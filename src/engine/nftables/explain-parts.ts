/**
 * An nftables rule, statement by statement, in words (English and Korean), for the rules panel's hover:
 * what `ip daddr . meta l4proto . th dport vmap @service-ips`, `numgen random mod 3 vmap { … }`,
 * `ct state new`, `fib saddr type local`, `masquerade fully-random` or `dnat to 10.10.1.2:80` do. Read from
 * the parsed statements (model.ts), never from the printed text; columns point into the rule's text as
 * `nft list ruleset` prints it (print-rule.ts), so the panel can underline each part of the line.
 */
import { withParticle } from '../explain/particles';
import type { RulePart, Words } from '../netfilter/explain-tokens';
import type { BaseChainSpec, NftHook, NftRule, NftSet, Selector, SetRef, Statement, Value, Verdict } from './model';
import { priorityText } from './print-list';
import { selectorText, statementText } from './print-rule';
import { formatValue } from './values';

/** A selector as a noun phrase: `ip daddr` → the destination address. */
function selectorWords(s: Selector): Words {
  switch (s.kind) {
    case 'payload':
      if (s.proto === 'icmp') return { en: 'the ICMP type', ko: 'ICMP 유형' };
      if (s.field === 'saddr') return { en: 'the source address', ko: '출발지 주소' };
      if (s.field === 'daddr') return { en: 'the destination address', ko: '목적지 주소' };
      if (s.field === 'protocol') return { en: 'the IP protocol', ko: 'IP 프로토콜' };
      if (s.proto === 'th') return s.field === 'dport' ? { en: 'the destination port (th: whatever the transport header, TCP, UDP or SCTP)', ko: 'th 목적지 포트' } : { en: 'the source port (th: whatever the transport header)', ko: 'th 출발지 포트' };
      return s.field === 'dport' ? { en: `the ${s.proto.toUpperCase()} destination port`, ko: `${s.proto.toUpperCase()} 목적지 포트` } : { en: `the ${s.proto.toUpperCase()} source port`, ko: `${s.proto.toUpperCase()} 출발지 포트` };
    case 'meta':
      if (s.key === 'l4proto') return { en: 'the transport protocol (meta l4proto)', ko: '전송 계층 프로토콜' };
      if (s.key === 'mark') return { en: 'the packet mark', ko: '패킷 마크' };
      return s.key === 'iifname' ? { en: 'the interface the packet came in on', ko: '들어온 인터페이스' } : { en: 'the interface the packet leaves through', ko: '나가는 인터페이스' };
    case 'ct':
      return s.key === 'state' ? { en: 'the conntrack state', ko: 'conntrack 상태' } : s.key === 'status' ? { en: 'the conntrack status', ko: 'conntrack status' } : { en: 'the connection mark', ko: '연결 마크' };
    case 'fib':
      return { en: `the type of the ${s.flag === 'saddr' ? 'source' : 'destination'} address on this node (fib: a route lookup)`, ko: `이 노드의 라우팅 조회(fib)로 본 ${s.flag === 'saddr' ? '출발지' : '목적지'} 주소 유형` };
    case 'numgen':
      return { en: `a ${s.mode === 'random' ? 'random' : 'round-robin'} number from ${s.offset} to ${s.offset + s.mod - 1} (numgen)`, ko: `numgen이 낸 ${s.offset}부터 ${s.offset + s.mod - 1}까지의 ${s.mode === 'random' ? '무작위' : '차례대로 도는'} 수` };
    case 'concat':
      return { en: `${s.parts.map((p) => selectorText(p)).join(' . ')} joined into one key (a concatenation)`, ko: `${withParticle(s.parts.map((p) => selectorText(p)).join(' . '), '을/를')} 이어 붙인 하나의 키` };
    case 'binop':
      return { en: `${selectorWords(s.left).en} ${s.op === '&' ? 'AND' : s.op === '|' ? 'OR' : 'XOR'} ${hex(s.right)}`, ko: `${selectorWords(s.left).ko} ${s.op === '&' ? 'AND' : s.op === '|' ? 'OR' : 'XOR'} ${hex(s.right)}` };
  }
}

const hex = (n: number): string => `0x${(n >>> 0).toString(16).padStart(8, '0')}`;

const CT_STATE: Readonly<Record<string, Words>> = {
  new: { en: 'new: the first packet of a connection', ko: 'new: 연결의 첫 패킷' },
  established: { en: 'established: a connection seen both ways', ko: 'established: 양방향으로 확인된 연결' },
  related: { en: 'related: belongs to a known connection (an ICMP error)', ko: 'related: 알려진 연결에 딸린 패킷(ICMP 오류 등)' },
  invalid: { en: 'invalid: conntrack cannot place it', ko: 'invalid: conntrack이 어디에도 넣을 수 없는 패킷' },
};

function valueWords(left: Selector, v: Value): Words {
  const text = formatValue(v);
  if (left.kind === 'ct' && left.key === 'state') {
    const parts = text.split(',').map((p) => CT_STATE[p.trim()] ?? { en: p, ko: p });
    return { en: parts.map((p) => p.en).join(' or '), ko: parts.map((p) => p.ko).join(' 또는 ') };
  }
  if (left.kind === 'fib' && text === 'local') return { en: 'local (one of the node’s own addresses)', ko: 'local(이 노드 자신의 주소)' };
  if (v.kind === 'prefix') return { en: `in ${text}`, ko: `${text} 범위` };
  return { en: text, ko: text };
}

function matchWords(left: Selector, negated: boolean, right: Value | SetRef): Words {
  const what = selectorWords(left);
  if (right.kind === 'named') {
    return negated
      ? { en: `${what.en} is not in set @${right.name}`, ko: `${withParticle(what.ko, '이/가')} 집합 @${right.name}에 없음` }
      : { en: `${what.en} is in set @${right.name} (one hash lookup, whatever its size)`, ko: `${withParticle(what.ko, '이/가')} 집합 @${right.name}에 있음(크기와 상관없이 해시 조회 한 번)` };
  }
  const value: Words = right.kind === 'anonymous' ? { en: `one of { ${right.elements.map(formatValue).join(', ')} }`, ko: `{ ${right.elements.map(formatValue).join(', ')} } 중 하나` } : valueWords(left, right);
  return negated ? { en: `NOT (!=): ${what.en} is not ${value.en}`, ko: `부정(!=): ${withParticle(what.ko, '이/가')} ${value.ko} 아님` } : { en: `${what.en} is ${value.en}`, ko: `${withParticle(what.ko, '이/가')} ${value.ko}` };
}

function verdictWords(v: Verdict): Words {
  switch (v.kind) {
    case 'jump':
      return { en: `jump to chain ${v.chain}; when it ends (or returns), evaluation comes back to the next rule here.`, ko: `${v.chain} 체인으로 점프합니다. 그 체인이 끝나면(또는 return) 여기 다음 규칙으로 돌아옵니다.` };
    case 'goto':
      return { en: `goto chain ${v.chain}: like jump, but it never comes back here; its end returns to whoever jumped to this chain.`, ko: `${v.chain} 체인으로 goto: jump와 같지만 여기로 돌아오지 않습니다. 그 체인이 끝나면 이 체인을 부른 곳으로 돌아갑니다.` };
    case 'return':
      return { en: 'return: leave this chain, back to the rule after the jump that led here.', ko: 'return: 이 체인을 떠나 여기로 점프한 규칙의 다음 규칙으로 돌아갑니다.' };
    case 'accept':
      return { en: 'accept: this base chain lets the packet through (other chains at this hook still see it).', ko: 'accept: 이 베이스 체인은 패킷을 통과시킵니다(이 훅의 다른 체인은 여전히 패킷을 봅니다).' };
    case 'drop':
      return { en: 'drop: the packet is discarded silently; nothing after it sees it.', ko: 'drop: 패킷을 조용히 버립니다. 이후 아무것도 이 패킷을 보지 못합니다.' };
    case 'continue':
      return { en: 'continue: go on with the next rule.', ko: 'continue: 다음 규칙으로 계속합니다.' };
  }
}

function markSetWords(target: 'meta' | 'ct', value: Selector | number): Words {
  const what = target === 'meta' ? { en: 'packet mark', ko: '패킷 마크' } : { en: 'connection mark', ko: '연결 마크' };
  if (typeof value === 'number') return { en: `sets the ${what.en} to ${hex(value)}.`, ko: `${withParticle(what.ko, '을/를')} ${withParticle(hex(value), '으로/로')} 설정합니다.` };
  if (value.kind === 'binop' && value.op === '|') return { en: `sets bit ${hex(value.right)} of the ${what.en} (kube-proxy's "masquerade this" bit), other bits kept.`, ko: `${what.ko}의 ${hex(value.right)} 비트(kube-proxy의 "MASQUERADE 대상" 표시)를 켭니다. 다른 비트는 그대로.` };
  if (value.kind === 'binop' && value.op === '^') return { en: `flips bit ${hex(value.right)} of the ${what.en}: kube-proxy clears its masquerade bit before masquerading.`, ko: `${what.ko}의 ${hex(value.right)} 비트를 뒤집습니다: kube-proxy는 MASQUERADE 전에 이 비트를 지웁니다.` };
  return { en: `sets the ${what.en} to ${selectorText(value)}.`, ko: `${withParticle(what.ko, '을/를')} ${selectorText(value)} 값으로 설정합니다.` };
}

function vmapWords(s: Extract<Statement, { kind: 'vmap' }>): Words {
  if (s.map.kind === 'named') {
    return {
      en: `looks ${selectorText(s.key)} up in verdict map @${s.map.name}: one hash lookup, however many Services it holds. The element found decides (goto its chain, drop, …); with no element the rule does not match and the next rule is read.`,
      ko: `${selectorText(s.key)} 값을 판정 맵 @${s.map.name}에서 찾습니다: 서비스가 몇 개든 해시 조회 한 번. 찾은 원소가 결정하고(해당 체인으로 goto, drop 등), 원소가 없으면 규칙이 일치하지 않아 다음 규칙으로 갑니다.`,
    };
  }
  const n = s.map.elements.length;
  if (s.key.kind === 'numgen') {
    return {
      en: `numgen draws a number from 0 to ${n - 1} for each new connection; this anonymous map sends each number to one endpoint chain, so each endpoint gets 1/${n} of the connections (one rule, not a cascade of probabilities).`,
      ko: `새 연결마다 numgen이 0부터 ${n - 1}까지 수를 하나 뽑고, 이 익명 맵이 수마다 엔드포인트 체인 하나로 보냅니다. 엔드포인트마다 연결의 1/${n}을 받습니다(확률 규칙을 줄줄이 두지 않고 규칙 하나로).`,
    };
  }
  return { en: `looks ${selectorText(s.key)} up in the rule's own map of ${n} elements; the element found decides.`, ko: `${selectorText(s.key)} 값을 규칙 안의 맵(원소 ${n}개)에서 찾고, 찾은 원소가 결정합니다.` };
}

export function statementWords(s: Statement): Words | undefined {
  switch (s.kind) {
    case 'match':
      return matchWords(s.left, s.op === '!=', s.right);
    case 'vmap':
      return vmapWords(s);
    case 'verdict':
      return verdictWords(s.verdict);
    case 'counter':
      return { en: `counter: ${s.packets} packets, ${s.bytes} bytes so far.`, ko: `counter: 지금까지 패킷 ${s.packets}개, ${s.bytes}바이트.` };
    case 'set-update':
      return {
        en: `${s.op} @${s.set} { ${selectorText(s.key)} }: remembers this client's address in the set (session affinity); later packets from it find this endpoint again until the timeout.`,
        ko: `${s.op} @${s.set} { ${selectorText(s.key)} }: 이 클라이언트 주소를 집합에 기록합니다(세션 어피니티). 타임아웃 전까지 이 클라이언트는 다시 이 엔드포인트로 갑니다.`,
      };
    case 'dnat': {
      const to = statementText(s).slice('dnat to '.length);
      return { en: `DNAT: rewrite the destination to ${to}. Only a connection's first packet reaches this rule; conntrack rewrites the rest and un-does it on replies.`, ko: `DNAT: 목적지를 ${withParticle(to, '으로/로')} 바꿉니다. 연결의 첫 패킷만 이 규칙에 오고, 나머지는 conntrack이 바꾸며 응답에서는 되돌립니다.` };
    }
    case 'snat': {
      const to = statementText(s).slice('snat to '.length);
      return { en: `SNAT: rewrite the source to ${to}.`, ko: `SNAT: 출발지를 ${withParticle(to, '으로/로')} 바꿉니다.` };
    }
    case 'masquerade':
      return {
        en: `masquerade: the source becomes the address of the interface the packet leaves by${s.flags.includes('fully-random') ? '; fully-random picks the source port at random, so concurrent connections do not race for one port' : ''}.`,
        ko: `masquerade: 출발지를 패킷이 나가는 인터페이스의 주소로 바꿉니다${s.flags.includes('fully-random') ? '. fully-random은 출발지 포트를 무작위로 골라 동시 연결이 같은 포트를 두고 경합하지 않게 합니다' : ''}.`,
      };
    case 'mark-set':
      return markSetWords(s.target, s.value);
    case 'reject':
      return s.with.kind === 'tcp-reset'
        ? { en: 'reject with tcp reset: discard and answer with a TCP RST (the client fails at once).', ko: 'reject with tcp reset: 버리고 TCP RST로 응답합니다(클라이언트가 바로 실패).' }
        : { en: `reject: discard and answer with ICMP ${s.with.code} (the client fails at once instead of timing out).`, ko: `reject: 버리고 ICMP ${s.with.code}로 응답합니다(클라이언트가 타임아웃 없이 바로 실패).` };
    case 'notrack':
      return { en: 'notrack: conntrack leaves this packet alone.', ko: 'notrack: conntrack이 이 패킷을 추적하지 않습니다.' };
    case 'ipv6-only':
      return { en: `${s.text}: tests an IPv6 header, so only IPv6 packets can match; the lab's packets are IPv4 and pass this rule by.`, ko: `${s.text}: IPv6 헤더를 검사하므로 IPv6 패킷만 맞을 수 있습니다. 실습의 패킷은 IPv4라서 이 규칙을 그냥 지나갑니다.` };
    case 'log':
      return { en: 'log: writes the packet to the kernel log; the rule goes on.', ko: 'log: 패킷을 커널 로그에 남기고 규칙은 계속됩니다.' };
  }
}

const COMMENT: Words = { en: 'a comment only (kube-proxy says why the rule is there): it never affects the packet.', ko: '주석일 뿐입니다(kube-proxy가 규칙의 이유를 적어 둠). 패킷에는 영향이 없습니다.' };

/** Places `texts` one after another in `line` (1-based inclusive columns, as RulePart counts). */
function placed(line: string, items: readonly { readonly text: string; readonly words?: Words }[]): RulePart[] {
  const out: RulePart[] = [];
  let from = 0;
  for (const item of items) {
    const at = line.indexOf(item.text, from);
    if (at < 0) continue;
    out.push({ text: item.text, col: at + 1, endCol: at + item.text.length, ...(item.words ? { words: item.words } : {}) });
    from = at + item.text.length;
  }
  return out;
}

/** A rule's statements as parts of its printed text (`ruleText(rule)`), each with its words. */
export function nftRuleParts(rule: NftRule, text: string): RulePart[] {
  const items: { text: string; words?: Words }[] = rule.statements.map((s) => {
    const words = statementWords(s);
    return { text: statementText(s), ...(words ? { words } : {}) };
  });
  if (rule.comment !== undefined) items.push({ text: `comment "${rule.comment}"`, words: COMMENT });
  return placed(text, items);
}

const HOOK_WORDS: Readonly<Record<NftHook, Words>> = {
  prerouting: { en: 'prerouting: every packet that arrives, before routing (iptables\' PREROUTING)', ko: 'prerouting: 들어오는 모든 패킷, 라우팅 전(iptables의 PREROUTING)' },
  input: { en: 'input: packets for this node itself (INPUT)', ko: 'input: 이 노드 자신에게 오는 패킷(INPUT)' },
  forward: { en: 'forward: packets the node routes on (FORWARD)', ko: 'forward: 노드가 다른 곳으로 넘기는 패킷(FORWARD)' },
  output: { en: 'output: packets the node\'s own processes send (OUTPUT)', ko: 'output: 노드의 프로세스가 보내는 패킷(OUTPUT)' },
  postrouting: { en: 'postrouting: every packet that leaves, after routing (POSTROUTING)', ko: 'postrouting: 나가는 모든 패킷, 라우팅 후(POSTROUTING)' },
};

/** Where a priority falls among iptables' tables and conntrack at the same hook (include/uapi/linux/netfilter_ipv4.h). */
function priorityWords(priority: number): Words {
  const marks: readonly [number, string][] = [[-300, 'raw'], [-200, 'conntrack'], [-150, 'mangle'], [-100, 'nat (DNAT)'], [0, 'filter'], [50, 'security'], [100, 'nat (SNAT)']];
  const before = marks.filter(([p]) => p < priority).map(([, n]) => n);
  const same = marks.filter(([p]) => p === priority).map(([, n]) => n);
  const after = marks.filter(([p]) => p > priority).map(([, n]) => n);
  const en = [`${priority}: lower runs first.`, before.length ? `After ${before.join(', ')}.` : '', same.length ? `Beside iptables' ${same.join(', ')} (same priority: the one registered first runs first).` : '', after.length ? `Before ${after.join(', ')}.` : ''];
  const ko = [`${priority}: 낮을수록 먼저 실행.`, before.length ? `${before.join(', ')} 다음.` : '', same.length ? `iptables의 ${same.join(', ')}와 같은 우선순위(먼저 등록된 쪽이 먼저 실행).` : '', after.length ? `${after.join(', ')} 전.` : ''];
  return { en: en.filter((x) => x !== '').join(' '), ko: ko.filter((x) => x !== '').join(' ') };
}

/** A base chain's `type … hook … priority …; policy …;` line, part by part. */
export function nftBaseChainParts(base: BaseChainSpec, line: string): RulePart[] {
  const type: Words =
    base.type === 'nat'
      ? { en: 'type nat: asked only for a connection\'s first packet; its dnat/masquerade becomes the connection\'s NAT binding.', ko: 'type nat: 연결의 첫 패킷에만 불리고, 여기서 한 dnat/masquerade가 연결의 NAT 바인딩이 됩니다.' }
      : { en: 'type filter: runs for every packet at its hook.', ko: 'type filter: 훅을 지나는 모든 패킷에 실행됩니다.' };
  return placed(line, [
    { text: `type ${base.type}`, words: type },
    { text: `hook ${base.hook}`, words: HOOK_WORDS[base.hook] },
    { text: `priority ${priorityText(base.priority, base.hook)}`, words: priorityWords(base.priority) },
    { text: `policy ${base.policy}`, words: base.policy === 'accept' ? { en: 'policy accept: what no rule decided passes.', ko: 'policy accept: 어떤 규칙도 결정하지 않은 패킷은 통과합니다.' } : { en: 'policy drop: what no rule decided is dropped.', ko: 'policy drop: 어떤 규칙도 결정하지 않은 패킷은 버립니다.' } },
  ]);
}

/** A set's or map's `type …` line. */
export function nftSetTypeParts(set: NftSet, line: string): RulePart[] {
  const key = set.keyType.join(' . ');
  const words: Words =
    set.kind === 'map'
      ? { en: `a verdict map: each element maps a key (${key}) to a verdict; a rule's vmap finds it in one lookup.`, ko: `판정 맵: 원소마다 키(${key})를 판정 하나에 대응시키고, 규칙의 vmap이 조회 한 번으로 찾습니다.` }
      : { en: `a set of ${key} values; a rule tests membership (@${set.name}) in one lookup.`, ko: `${key} 값의 집합: 규칙이 조회 한 번으로 들어 있는지(@${set.name}) 확인합니다.` };
  return placed(line, [{ text: `type ${key}${set.kind === 'map' ? ' : verdict' : ''}`, words }]);
}
