/**
 * A rule line, option by option, in words: what `! -s 10.10.0.0/16`, `--probability 0.33333333349` or
 * `--set-xmark 0x4000/0x4000` mean, in English and Korean, so hovering a rule in the rules panel teaches
 * it. Options are grouped as iptables reads them (a `!` belongs to the option after it; an option takes
 * the values up to the next option); columns point back into the line.
 */
import { withParticle } from '../explain/particles';
import { tokenizeLine, type Token } from './tokenize';

export interface Words {
  readonly en: string;
  readonly ko: string;
}

export interface RulePart {
  /** The text of the part as written in the line (`! -s 10.10.0.0/16`). */
  readonly text: string;
  /** 1-based columns in the line, inclusive. */
  readonly col: number;
  readonly endCol: number;
  /** Undefined when we have no words for an option (it is shown as is). */
  readonly words?: Words;
}

type Explain = (values: readonly string[], negated: boolean, module: string | undefined) => Words | undefined;

/**
 * An option that `!` can negate, said both ways: the negated sentence states what then matches
 * (`! -s 10.10.0.0/16`: the source is *outside* 10.10.0.0/16), not "not" in front of the positive one.
 */
const either = (negated: boolean, yes: Words, no: Words): Words => (negated ? { en: `NOT (!): ${no.en}`, ko: `부정(!): ${no.ko}` } : yes);

/** `X is Y` / `X가 Y임`, and its negation `X is not Y` / `X가 Y가 아님`. */
const is = (negated: boolean, en: string, ko: string, value: string): Words =>
  either(negated, { en: `${en} is ${value}`, ko: `${withParticle(ko, '이/가')} ${value}` }, { en: `${en} is not ${value}`, ko: `${withParticle(ko, '이/가')} ${withParticle(value, '이/가')} 아님` });

function probabilityWords(p: string): Words {
  const value = Number(p);
  const stored = Math.round(value * 2 ** 31);
  const oneIn = value > 0 ? 1 / value : Infinity;
  const share = Number.isFinite(oneIn) && Math.abs(oneIn - Math.round(oneIn)) < 0.001 ? `1 in ${Math.round(oneIn)}` : `${(value * 100).toFixed(2)}%`;
  const shareKo = Number.isFinite(oneIn) && Math.abs(oneIn - Math.round(oneIn)) < 0.001 ? `${Math.round(oneIn)}개 중 1개` : `${(value * 100).toFixed(2)}%`;
  return {
    en: `statistic: matches ${share} of the packets that reach this rule, chosen at random. The kernel keeps round(p·2³¹) = ${stored}, which is why a node prints ${p} where kube-proxy wrote fewer digits.`,
    ko: `statistic: 이 규칙까지 온 패킷 중 ${withParticle(shareKo, '을/를')} 무작위로 고릅니다. 커널은 round(p·2³¹) = ${withParticle(String(stored), '으로/로')} 저장하기 때문에, kube-proxy가 쓴 값과 달리 노드에서는 ${withParticle(p, '으로/로')} 출력됩니다.`,
  };
}

function markWords(v: string, option: string): Words {
  const [value = '0', mask = '0xffffffff'] = v.split('/');
  switch (option) {
    case '--set-xmark':
      return {
        en: `MARK: new mark = (mark AND NOT ${mask}) XOR ${value}. kube-proxy uses it to set bit ${value} (the "masquerade me" bit) without touching other bits.`,
        ko: `MARK: 새 마크 = (마크 AND NOT ${mask}) XOR ${value}. kube-proxy는 다른 비트는 두고 ${value} 비트("MASQUERADE 대상" 표시)만 켜는 데 씁니다.`,
      };
    case '--xor-mark':
      return { en: `MARK: flips bits ${value} of the mark (kube-proxy clears the masquerade bit before MASQUERADE).`, ko: `MARK: 마크의 ${value} 비트를 뒤집습니다(kube-proxy는 MASQUERADE 전에 이 비트를 지웁니다).` };
    case '--or-mark':
      return { en: `MARK: sets bits ${value} of the mark (iptables prints it as "MARK or ${value}").`, ko: `MARK: 마크의 ${value} 비트를 켭니다(iptables는 ${withParticle(`"MARK or ${value}"`, '으로/로')} 출력).` };
    case '--and-mark':
      return { en: `MARK: keeps only bits ${value} of the mark.`, ko: `MARK: 마크에서 ${value} 비트만 남깁니다.` };
    default:
      return { en: `MARK: sets the mark to ${value} (mask ${mask}).`, ko: `MARK: 마크를 ${withParticle(value, '으로/로')} 설정합니다(마스크 ${mask}).` };
  }
}

const DIRECTION: Readonly<Record<string, Words>> = { src: { en: 'source', ko: '출발지' }, dst: { en: 'destination', ko: '목적지' } };

const OPTIONS: Readonly<Record<string, Explain>> = {
  '-A': ([chain]) => ({ en: `Appends this rule to chain ${chain}; rules are read top to bottom.`, ko: `체인 ${chain}에 규칙을 추가합니다. 규칙은 위에서 아래로 차례대로 검사됩니다.` }),
  '-s': ([cidr], n) => either(n, { en: `source address in ${cidr}`, ko: `출발지 주소가 ${cidr} 안에 있음` }, { en: `source address outside ${cidr}`, ko: `출발지 주소가 ${cidr} 밖에 있음` }),
  '-d': ([cidr], n) => either(n, { en: `destination address in ${cidr}`, ko: `목적지 주소가 ${cidr} 안에 있음` }, { en: `destination address outside ${cidr}`, ko: `목적지 주소가 ${cidr} 밖에 있음` }),
  '-p': ([p], n) => is(n, 'protocol', '프로토콜', p ?? ''),
  '-i': ([i], n) => {
    const any = i?.endsWith('+') ?? false;
    return either(n,
      { en: `arrived on interface ${i}${any ? ' (any name starting so)' : ''}`, ko: `들어온 인터페이스가 ${i}${any ? ' (이 이름으로 시작하는 모든 인터페이스)' : ''}` },
      { en: `did not arrive on interface ${i}${any ? ' (nor any name starting so)' : ''}`, ko: `들어온 인터페이스가 ${withParticle(i ?? '', '이/가')} 아님${any ? ' (이 이름으로 시작하는 어떤 인터페이스도 아님)' : ''}` });
  },
  '-o': ([i], n) => either(n, { en: `leaves through interface ${i}`, ko: `나가는 인터페이스가 ${i}` }, { en: `does not leave through interface ${i}`, ko: `나가는 인터페이스가 ${withParticle(i ?? '', '이/가')} 아님` }),
  '-m': ([m]) => ({ en: `loads the "${m}" match module; the options after it belong to it.`, ko: `"${m}" 매치 모듈을 불러옵니다. 뒤의 옵션은 이 모듈의 것입니다.` }),
  '--comment': () => ({ en: 'a comment only (kube-proxy names the Service and why): never affects the packet.', ko: '주석일 뿐입니다(kube-proxy가 서비스와 이유를 적어 둠). 패킷에는 영향이 없습니다.' }),
  '--dport': ([p], n) => is(n, 'destination port', '목적지 포트', p ?? ''),
  '--sport': ([p], n) => is(n, 'source port', '출발지 포트', p ?? ''),
  '--dports': ([p], n) => either(n, { en: `destination port is one of ${p}`, ko: `목적지 포트가 ${p} 중 하나` }, { en: `destination port is none of ${p}`, ko: `목적지 포트가 ${p} 중 어느 것도 아님` }),
  '--sports': ([p], n) => either(n, { en: `source port is one of ${p}`, ko: `출발지 포트가 ${p} 중 하나` }, { en: `source port is none of ${p}`, ko: `출발지 포트가 ${p} 중 어느 것도 아님` }),
  '--mode': ([mode]) => ({ en: `statistic mode ${mode}${mode === 'random' ? ' (a fresh random draw per packet)' : ''}.`, ko: `statistic 모드 ${mode}${mode === 'random' ? ' (패킷마다 새로 무작위 추첨)' : ''}.` }),
  '--probability': ([p]) => probabilityWords(p ?? '0'),
  '--every': ([n]) => ({ en: `statistic nth: one packet in every ${n}.`, ko: `statistic nth: ${n}개 패킷마다 하나.` }),
  '--packet': ([n]) => ({ en: `statistic nth: starting with packet ${n}.`, ko: `statistic nth: ${n}번째 패킷부터.` }),
  '--mark': ([v], n) => either(n,
    { en: `the packet's mark, masked as ${v}, is set (kube-proxy tests its masquerade bit this way).`, ko: `패킷 마크가 ${v}(값/마스크)와 일치함(kube-proxy가 MASQUERADE 비트를 확인하는 방법).` },
    { en: `the packet's mark, masked as ${v}, is not set (kube-proxy lets packets without its masquerade bit RETURN this way).`, ko: `패킷 마크가 ${v}(값/마스크)와 일치하지 않음(kube-proxy가 MASQUERADE 비트가 없는 패킷을 RETURN시키는 방법).` }),
  '--set-xmark': ([v]) => markWords(v ?? '0', '--set-xmark'),
  '--set-mark': ([v]) => markWords(v ?? '0', '--set-mark'),
  '--xor-mark': ([v]) => markWords(v ?? '0', '--xor-mark'),
  '--or-mark': ([v]) => markWords(v ?? '0', '--or-mark'),
  '--and-mark': ([v]) => markWords(v ?? '0', '--and-mark'),
  '--src-type': ([t], n) => either(n,
    { en: `the source address is of type ${t} on this node${t === 'LOCAL' ? ' (one of its own addresses)' : ''}`, ko: `출발지 주소 유형이 ${t}${t === 'LOCAL' ? ' (이 노드 자신의 주소)' : ''}` },
    { en: `the source address is not of type ${t} on this node${t === 'LOCAL' ? ' (not one of its own addresses)' : ''}`, ko: `출발지 주소 유형이 ${withParticle(t ?? '', '이/가')} 아님${t === 'LOCAL' ? ' (이 노드 자신의 주소가 아님)' : ''}` }),
  '--dst-type': ([t], n) => either(n,
    { en: `the destination address is of type ${t} on this node${t === 'LOCAL' ? ' (one of its own addresses: NodePorts use this)' : ''}`, ko: `목적지 주소 유형이 ${t}${t === 'LOCAL' ? ' (이 노드 자신의 주소: NodePort가 이것으로 매치)' : ''}` },
    { en: `the destination address is not of type ${t} on this node${t === 'LOCAL' ? ' (not one of its own addresses)' : ''}`, ko: `목적지 주소 유형이 ${withParticle(t ?? '', '이/가')} 아님${t === 'LOCAL' ? ' (이 노드 자신의 주소가 아님)' : ''}` }),
  '--ctstate': ([s], n) => either(n,
    { en: `conntrack state is ${s} (NEW: first packet of a connection; ESTABLISHED: seen both ways)`, ko: `conntrack 상태가 ${s} (NEW: 연결의 첫 패킷, ESTABLISHED: 양방향으로 확인됨)` },
    { en: `conntrack state is none of ${s}`, ko: `conntrack 상태가 ${s} 중 어느 것도 아님` }),
  '--state': ([s], n) => either(n, { en: `conntrack state is ${s}`, ko: `conntrack 상태가 ${s}` }, { en: `conntrack state is none of ${s}`, ko: `conntrack 상태가 ${s} 중 어느 것도 아님` }),
  '--name': ([name]) => ({ en: `recent: the list named ${name} (one per endpoint for sessionAffinity).`, ko: `recent: ${withParticle(name ?? '', '이라는/라는')} 이름의 목록(sessionAffinity에서는 엔드포인트마다 하나).` }),
  '--set': () => ({ en: 'recent: remember this source address now (this endpoint becomes the client’s sticky choice).', ko: 'recent: 지금 이 출발지 주소를 기록합니다(이 엔드포인트가 클라이언트의 고정 선택이 됨).' }),
  '--rcheck': () => ({ en: 'recent: matches if the source address is in the list.', ko: 'recent: 출발지 주소가 목록에 있으면 매치합니다.' }),
  '--update': () => ({ en: 'recent: like --rcheck, and refreshes the timestamp when it matches.', ko: 'recent: --rcheck와 같고, 매치하면 시각을 갱신합니다.' }),
  '--seconds': ([s]) => ({ en: `recent: only if seen within the last ${s} s (sessionAffinityConfig timeoutSeconds).`, ko: `recent: 최근 ${s}초 안에 본 경우만(sessionAffinityConfig의 timeoutSeconds).` }),
  '--reap': () => ({ en: 'recent: forgets entries older than --seconds.', ko: 'recent: --seconds보다 오래된 항목을 지웁니다.' }),
  '--mask': ([m]) => ({ en: `recent: compares addresses masked with ${m}.`, ko: `recent: 주소를 ${withParticle(m ?? '', '으로/로')} 마스크해서 비교합니다.` }),
  '--rsource': () => ({ en: 'recent: keys on the source address.', ko: 'recent: 출발지 주소를 기준으로 합니다.' }),
  '--nfacct-name': ([n]) => ({ en: `nfacct: counts packets in the accounting object ${n}; always matches.`, ko: `nfacct: 회계 객체 ${n}에 패킷 수를 셉니다. 항상 매치합니다.` }),
  '--match-set': ([set, dir]) => {
    const d = DIRECTION[dir ?? ''] ?? { en: dir ?? '', ko: dir ?? '' };
    return { en: `ipset: the ${d.en} address is in set ${set}.`, ko: `ipset: ${d.ko} 주소가 집합 ${set}에 있음.` };
  },
  '-j': ([t]) => jumpWords(t ?? '', false),
  '-g': ([t]) => jumpWords(t ?? '', true),
  '--to-destination': ([d]) => ({ en: `DNAT: rewrite the destination to ${d}. Only the connection's first packet reaches this rule; conntrack rewrites the rest, and un-does it on replies.`, ko: `DNAT: 목적지를 ${withParticle(d ?? '', '으로/로')} 바꿉니다. 연결의 첫 패킷만 이 규칙에 오고, 나머지는 conntrack이 바꾸며 응답에서는 되돌립니다.` }),
  '--to-source': ([s]) => ({ en: `SNAT: rewrite the source to ${s}.`, ko: `SNAT: 출발지를 ${withParticle(s ?? '', '으로/로')} 바꿉니다.` }),
  // Each node masquerades to its own address, so nodes never share source ports; the clash --random-fully
  // avoids is between concurrent connections on one node racing for the same port (the SNAT port-allocation race).
  '--random-fully': () => ({
    en: 'the source port is chosen fully at random, so concurrent connections on this node that race for the same source port do not clash (each node masquerades to its own address).',
    ko: '출발지 포트를 완전히 무작위로 고릅니다. 이 노드에서 동시에 생긴 연결들이 같은 출발지 포트를 두고 경합해 충돌하는 것을 막습니다(노드마다 자기 주소로 MASQUERADE하므로 노드 사이에는 충돌이 없습니다).',
  }),
  '--reject-with': ([w]) => ({ en: `REJECT answers the sender with ${w} (the client fails at once instead of timing out).`, ko: `REJECT가 보낸 쪽에 ${withParticle(w ?? '', '으로/로')} 응답합니다(클라이언트가 타임아웃 없이 바로 실패).` }),
};

function jumpWords(target: string, goto: boolean): Words {
  const fixed: Record<string, Words> = {
    ACCEPT: { en: 'ACCEPT: stop here; the packet goes on to the next table or hook.', ko: 'ACCEPT: 여기서 멈추고 다음 테이블이나 훅으로 진행합니다.' },
    DROP: { en: 'DROP: the packet is discarded silently.', ko: 'DROP: 패킷을 조용히 버립니다.' },
    REJECT: { en: 'REJECT: the packet is discarded and the sender told so.', ko: 'REJECT: 패킷을 버리고 보낸 쪽에 알려 줍니다.' },
    RETURN: { en: 'RETURN: go back to the chain that jumped here (or the policy, in a built-in chain).', ko: 'RETURN: 여기로 점프한 체인으로 돌아갑니다(내장 체인이면 정책 적용).' },
    DNAT: { en: 'DNAT: destination NAT (nat table only).', ko: 'DNAT: 목적지 NAT (nat 테이블 전용).' },
    SNAT: { en: 'SNAT: source NAT (nat table only).', ko: 'SNAT: 출발지 NAT (nat 테이블 전용).' },
    MASQUERADE: { en: 'MASQUERADE: source NAT to the address of the interface the packet leaves by.', ko: 'MASQUERADE: 나가는 인터페이스의 주소로 출발지 NAT.' },
    MARK: { en: 'MARK: change the packet’s mark (a number that lives only inside this node).', ko: 'MARK: 패킷 마크(이 노드 안에서만 유지되는 숫자)를 바꿉니다.' },
  };
  const known = fixed[target];
  if (known) return known;
  const how = goto
    ? { en: `goto ${target}: continue in ${target}; a RETURN there does not come back here.`, ko: `goto ${target}: ${target}에서 계속합니다. 거기서 RETURN해도 여기로 돌아오지 않습니다.` }
    : { en: `jump to chain ${target}; if nothing there decides, come back and read the next rule.`, ko: `체인 ${withParticle(target, '으로/로')} 점프합니다. 거기서 결정되지 않으면 돌아와 다음 규칙을 읽습니다.` };
  return how;
}

/** Splits an `-A …` line into its options and explains each one we know. */
export function explainRuleParts(line: string): RulePart[] {
  const { tokens } = tokenizeLine(line);
  const parts: RulePart[] = [];
  let module: string | undefined;
  let i = 0;
  while (i < tokens.length) {
    const start = i;
    let negated = false;
    if (tokens[i]!.text === '!') {
      negated = true;
      i++;
    }
    const option = tokens[i];
    if (!option) break;
    i++;
    const values: Token[] = [];
    while (i < tokens.length && !tokens[i]!.text.startsWith('-') && tokens[i]!.text !== '!') values.push(tokens[i++]!);
    const first = tokens[start]!;
    const next = tokens[i];
    const endCol = (next ? next.col - 1 : line.length) - trailingSpaces(line, next ? next.col - 1 : line.length);
    // Own keys only: an option spelled `__proto__` or `constructor` must not reach Object.prototype.
    const explain = Object.hasOwn(OPTIONS, option.text) ? OPTIONS[option.text] : undefined;
    const words = explain?.(
      values.map((v) => v.text),
      negated,
      module,
    );
    if (option.text === '-m') module = values[0]?.text;
    parts.push({ text: line.slice(first.col - 1, endCol), col: first.col, endCol, ...(words ? { words } : {}) });
  }
  return parts;
}

function trailingSpaces(line: string, end: number): number {
  let n = 0;
  while (end - n - 1 >= 0 && (line[end - n - 1] === ' ' || line[end - n - 1] === '\t')) n++;
  return n;
}
