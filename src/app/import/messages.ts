/** The `Import node rules` dialog's words, English and Korean side by side. */
import { particle, withParticle } from '../../engine/explain/particles';
import type { ChainOwner, ImportIssue } from '../../worker/import-api';
import type { Lang } from '../lang';
import type { DumpDiff } from '../../worker/import-api';

type NamesVerdict = NonNullable<DumpDiff['services'][number]['names']>;

interface ImportMessages {
  readonly button: string;
  readonly title: string;
  readonly privacy: string;
  readonly pasteLabel: string;
  readonly pastePlaceholder: string;
  readonly openFile: string;
  readonly dropHint: string;
  readonly example: string;
  readonly exampleNone: string;
  readonly exampleKind: string;
  readonly exampleEks: string;
  readonly exampleNft: string;
  readonly importNow: string;
  readonly progress: string;
  /** The engine restarted and the imported node's rules are being read into the new one. */
  readonly restoring: string;
  readonly summary: (lines: number, rules: number, chains: number, ms: number) => string;
  readonly issuesTitle: (n: number) => string;
  readonly legendTitle: string;
  readonly owner: (o: ChainOwner) => string;
  readonly emptyUnreferenced: string;
  readonly notInDump: string;
  readonly search: string;
  readonly searchHits: (n: number) => string;
  readonly rulesTitle: string;
  readonly nodeForm: string;
  readonly nodeIp: string;
  readonly podCidr: string;
  readonly uplink: string;
  readonly traceTitle: string;
  readonly src: string;
  readonly dst: string;
  readonly proto: string;
  readonly arrivesOn: string;
  readonly fromLocal: string;
  readonly trace: string;
  readonly outcome: (o: string) => string;
  readonly diffTitle: string;
  readonly diffRun: string;
  readonly diffNode: string;
  readonly diffSame: string;
  readonly diffOnlyNode: string;
  readonly diffOnlyYaml: string;
  readonly diffStale: (n: number, service: string) => string;
  readonly diffEndpoints: (chain: string, node: number, yaml: number) => string;
  readonly diffMissingChain: string;
  readonly diffExtraChain: string;
  /** Why the node's KUBE-SVC chain is named otherwise than the YAML's (engine/import/chain-names-check.ts). */
  readonly diffNames: (service: string, n: NamesVerdict, nodeChain: string, yamlChain: string) => string;
  readonly close: string;
  /** The imported node in the page's own regions. */
  readonly shownBanner: (name: string | undefined, rules: number, chains: number) => string;
  readonly backToScenario: string;
  readonly showInLab: string;
  readonly showImported: string;
  readonly table: string;
  readonly allServices: string;
  readonly traceHint: string;
  readonly lookup: string;
  readonly conntrackTitle: string;
  readonly graphPartial: (shown: number, all: number) => string;
  readonly graphTitle: string;
  readonly graphShow: (table: string) => string;
  readonly graphService: string;
  /** The search box that finds any Service of a large imported table (the worker lists at most 500 at once). */
  readonly graphServiceSearch: string;
  readonly graphServicesListed: (listed: number, matching: number, all: number) => string;
  readonly issue: (i: ImportIssue) => string;
}

const OWNERS_KO: Readonly<Record<ChainOwner, string>> = {
  'built-in': '기본 체인',
  'kube-proxy': 'kube-proxy',
  kubelet: 'kubelet',
  Docker: 'Docker',
  kindnet: 'kindnet',
  'AWS VPC CNI': 'AWS VPC CNI',
  Calico: 'Calico',
  Cilium: 'Cilium',
  Flannel: 'Flannel',
  unknown: '알 수 없음',
};

const OUTCOME_KO: Readonly<Record<string, string>> = {
  delivered: '전달됨',
  rejected: '거부됨(REJECT)',
  dropped: '버려짐(DROP)',
  'no-route': '경로 없음',
  incomplete: '덤프가 잘려 더 따라갈 수 없음',
};

function issueKo(i: ImportIssue): string {
  const at = i.line > 0 ? `${i.line}번째 줄: ` : '';
  switch (i.kind) {
    case 'malformed':
      return `${at}읽을 수 없어 건너뛰었습니다 (${i.message.replace(/^line \d+: /, '')})`;
    case 'elided':
      return `${at}"${i.subject}" — 붙여 넣은 내용이 여기서 줄었습니다. 빠진 부분은 실습에 없습니다`;
    case 'unknown-match':
      return `이 덤프는 \`${i.subject}\`${particle(i.subject, '을/를')} 씁니다 (${i.line}번째 줄부터). 실습은 일치하지 않는 것으로 처리하므로 그 뒤 결과는 여러분의 노드와 다를 수 있습니다`;
    case 'unknown-target':
      return `이 덤프는 \`${i.subject}\`${particle(i.subject, '을/를')} 씁니다 (${i.line}번째 줄부터). 실습은 패킷을 거기서 멈추므로 그 뒤 결과는 여러분의 노드와 다를 수 있습니다`;
    case 'missing-chain':
      return `${at}${withParticle(i.subject, '으로/로')} 점프하지만 덤프에 그 체인이 없습니다(잘린 듯합니다). 추적은 거기서 멈추고 그렇다고 알려 줍니다`;
    case 'undeclared-chain':
      return `${at}${withParticle(i.subject, '은/는')} 규칙이 있지만 선언(-N)이 없습니다. 붙여 넣은 내용이 잘린 듯해 여기서 만듭니다`;
    case 'unresolved-name':
      return `${at}"${i.subject}"${particle(i.subject, '은/는')} iptables -L이 주소 대신 보여 준 이름이라 주소로 되돌릴 수 없어 이 규칙을 뺐습니다 (iptables -L -n이나 iptables-save를 붙여 넣으세요)`;
    case 'no-interfaces':
      return `${at}-v 없는 iptables -L은 인터페이스(-i/-o)를 보여 주지 않습니다. 인터페이스 조건은 없는 것으로 읽습니다`;
    case 'guessed-table':
      return `${at}테이블 이름(-t, *table)이 없어 체인을 보고 ${i.subject} 테이블로 읽었습니다`;
    case 'approximate-counters':
      return `${at}iptables -L -v의 카운터는 12K처럼 반올림되어 있습니다 (-x를 붙이면 정확한 값)`;
    case 'empty':
      return '규칙을 찾지 못했습니다. iptables-save, iptables -S, iptables -L 또는 nft list ruleset 출력을 붙여 넣으세요';
  }
}

export const importMessages: Readonly<Record<Lang, ImportMessages>> = {
  en: {
    button: 'Import node rules',
    title: 'Import a node’s rules',
    privacy: 'Nothing leaves the browser: the rules are read in this page’s own worker and never sent anywhere.',
    pasteLabel: 'Node rules',
    pastePlaceholder: 'Paste iptables-save, iptables -S, iptables -L or nft list ruleset output (optionally ip -4 addr and ip route after it), or drop a file here',
    openFile: 'Open file…',
    dropHint: 'or drop a file on the text box',
    example: 'Example',
    exampleNone: 'Choose an example…',
    exampleKind: 'kind worker from the notes (iptables -t nat -S)',
    exampleEks: 'EKS node from the notes (iptables -L)',
    exampleNft: 'kube-proxy in nftables mode (nft list ruleset)',
    importNow: 'Import',
    progress: 'Import progress',
    restoring: 'The engine restarted: reading this node’s rules again',
    summary: (lines, rules, chains, ms) => `${lines.toLocaleString('en')} lines read: ${rules.toLocaleString('en')} rules in ${chains.toLocaleString('en')} chains (${ms} ms)`,
    issuesTitle: (n) => `What the import could not take exactly (${n})`,
    legendTitle: 'Chains by owner',
    owner: (o) => o,
    emptyUnreferenced: 'empty, nothing jumps to it',
    notInDump: 'jumped to, not in the dump',
    search: 'Search the rules',
    searchHits: (n) => `${n} matching lines`,
    rulesTitle: 'Imported rules (iptables -S, nft list ruleset)',
    nodeForm: 'The node',
    nodeIp: 'Node IP',
    podCidr: 'Pod CIDR of this node',
    uplink: 'Uplink interface',
    traceTitle: 'Trace a packet through this node',
    src: 'Source IP[:port]',
    dst: 'Destination IP:port',
    proto: 'Protocol',
    arrivesOn: 'Arrives on interface',
    fromLocal: 'From a local process',
    trace: 'Trace',
    outcome: (o) => o,
    diffTitle: 'Compare with the scenario',
    diffRun: 'Compare with the scenario',
    diffNode: 'Scenario node',
    diffSame: 'the same on both sides',
    diffOnlyNode: 'only on your node: the YAML has no such Service',
    diffOnlyYaml: 'only in the YAML: your node has none of its rules',
    diffStale: (n, service) => `your node has ${n} KUBE-SEP chain${n > 1 ? 's' : ''} for ${service} that no endpoint explains: stale endpoints?`,
    diffEndpoints: (chain, node, yaml) => `${chain} has ${node} endpoint${node === 1 ? '' : 's'} here, ${yaml} in the YAML`,
    diffMissingChain: 'in the YAML, not on your node',
    diffExtraChain: 'on your node, not in the YAML',
    diffNames: (service, n, nodeChain, yamlChain) =>
      n.unexplained.length > 0
        ? `The node calls it ${nodeChain}, the YAML ${yamlChain}. ${n.nft ? 'kube-proxy names an nftables chain by the hash of the text it puts after it' : 'kube-proxy hashes the same text it writes in the comment'}, and no protocol turns "${service}" into ${nodeChain}: ${n.unexplained.length} of the node's ${n.checked} chains for it do not match ${n.nft ? 'their own text' : 'their comments'}${n.others.checked ? `, while ${n.others.consistent} of ${n.others.checked} chains of its other Services do` : ''}. The Service was most likely renamed in the text after the node printed it, so its chains are compared by the endpoints they hold, not by name.`
        : n.protocol && n.yamlProtocol && n.protocol !== n.yamlProtocol
          ? `The node calls it ${nodeChain}, the YAML ${yamlChain}: the node's name hashes ${service} with ${n.protocol}, the YAML's with ${n.yamlProtocol}. The port's protocol differs.`
          : `The node calls it ${nodeChain}, the YAML ${yamlChain}: the name hashes the Service port's name and protocol, so the port is probably named differently.`,
    close: 'Close',
    shownBanner: (name, rules, chains) => `Your imported node${name ? ` ${name}` : ''} (${rules.toLocaleString('en')} rules in ${chains.toLocaleString('en')} chains) is in the Chain graph, Rules and Packet panels; the hooks and conntrack panels still show the scenario.`,
    backToScenario: 'Back to the scenario',
    showInLab: 'Show it in the lab',
    showImported: 'Show the imported node',
    table: 'Table',
    allServices: 'All chains',
    traceHint: 'Describe a packet and trace it through the imported node’s hooks; the rules it meets light up in the Rules panel.',
    lookup: 'lookup',
    conntrackTitle: 'conntrack -L on the imported node',
    graphPartial: (shown, all) => `${shown.toLocaleString('en')} of ${all.toLocaleString('en')} chains drawn: the Service picked, else those around the chain picked in the legend or the graph (else the built-in chains).`,
    graphTitle: 'Chain graph of the imported node',
    graphShow: (table) => `Draw the ${table} table`,
    graphService: 'Service',
    graphServiceSearch: 'Find a Service',
    graphServicesListed: (listed, matching, all) =>
      matching > listed ? `${listed.toLocaleString('en')} of ${matching.toLocaleString('en')} listed: type more of the name` : `${matching.toLocaleString('en')} of ${all.toLocaleString('en')} Services`,
    issue: (i) => i.message,
  },
  ko: {
    button: '노드 규칙 가져오기',
    title: '노드 규칙 가져오기',
    privacy: '아무것도 브라우저 밖으로 나가지 않습니다. 규칙은 이 페이지의 워커 안에서만 읽고 어디에도 보내지 않습니다.',
    pasteLabel: '노드 규칙',
    pastePlaceholder: 'iptables-save, iptables -S, iptables -L 또는 nft list ruleset 출력을 붙여 넣으세요(뒤에 ip -4 addr, ip route도 좋습니다). 파일을 여기에 끌어다 놓아도 됩니다',
    openFile: '파일 열기…',
    dropHint: '또는 파일을 입력란에 끌어다 놓으세요',
    example: '예제',
    exampleNone: '예제를 고르세요…',
    exampleKind: '노트의 kind 워커 (iptables -t nat -S)',
    exampleEks: '노트의 EKS 노드 (iptables -L)',
    exampleNft: 'nftables 모드의 kube-proxy (nft list ruleset)',
    importNow: '가져오기',
    progress: '가져오기 진행률',
    restoring: '엔진이 다시 시작되어 이 노드의 규칙을 다시 읽는 중',
    summary: (lines, rules, chains, ms) => `${lines.toLocaleString('ko')}줄을 읽었습니다: 체인 ${chains.toLocaleString('ko')}개에 규칙 ${rules.toLocaleString('ko')}개 (${ms}ms)`,
    issuesTitle: (n) => `그대로 가져오지 못한 것 (${n})`,
    legendTitle: '주인별 체인',
    owner: (o) => OWNERS_KO[o],
    emptyUnreferenced: '비어 있고, 아무도 점프하지 않음',
    notInDump: '점프 대상이지만 덤프에 없음',
    search: '규칙 검색',
    searchHits: (n) => `일치하는 줄 ${n}개`,
    rulesTitle: '가져온 규칙 (iptables -S, nft list ruleset)',
    nodeForm: '노드',
    nodeIp: '노드 IP',
    podCidr: '이 노드의 파드 CIDR',
    uplink: '업링크 인터페이스',
    traceTitle: '이 노드로 패킷 추적',
    src: '출발지 IP[:포트]',
    dst: '목적지 IP:포트',
    proto: '프로토콜',
    arrivesOn: '들어오는 인터페이스',
    fromLocal: '로컬 프로세스에서',
    trace: '추적',
    outcome: (o) => OUTCOME_KO[o] ?? o,
    diffTitle: '시나리오와 비교',
    diffRun: '시나리오와 비교',
    diffNode: '시나리오의 노드',
    diffSame: '양쪽이 같음',
    diffOnlyNode: '노드에만 있음: YAML에는 그런 서비스가 없습니다',
    diffOnlyYaml: 'YAML에만 있음: 노드에는 그 규칙이 하나도 없습니다',
    diffStale: (n, service) => `노드에는 ${service} 서비스의 KUBE-SEP 체인 중 어느 엔드포인트로도 설명되지 않는 것이 ${n}개 있습니다: 오래된 엔드포인트일까요?`,
    diffEndpoints: (chain, node, yaml) => `${chain}: 여기에는 엔드포인트 ${node}개, YAML에는 ${yaml}개`,
    diffMissingChain: 'YAML에는 있고 노드에는 없음',
    diffExtraChain: '노드에는 있고 YAML에는 없음',
    diffNames: (service, n, nodeChain, yamlChain) =>
      n.unexplained.length > 0
        ? `노드의 이름: ${nodeChain}, YAML의 이름: ${yamlChain}. ${n.nft ? 'kube-proxy는 nftables 체인 이름 앞에 그 뒤에 붙이는 글자의 해시를 씁니다' : 'kube-proxy는 주석에 쓰는 바로 그 글자를 해시합니다'}. 그런데 어떤 프로토콜로도 "${service}"에서 ${withParticle(nodeChain, '이/가')} 나오지 않습니다. 노드의 이 서비스 체인 ${n.checked}개 중 ${n.unexplained.length}개가 ${n.nft ? '이름 속 자기 글자와' : '자기 주석과'} 맞지 않고${n.others.checked ? `, 다른 서비스의 체인은 ${n.others.checked}개 중 ${n.others.consistent}개가 맞습니다` : ''}. 노드가 출력한 뒤 글에서 서비스 이름을 바꾼 것으로 보입니다. 그래서 이름이 아니라 체인이 가리키는 엔드포인트 주소로 비교합니다.`
        : n.protocol && n.yamlProtocol && n.protocol !== n.yamlProtocol
          ? `노드의 이름: ${nodeChain}, YAML의 이름: ${yamlChain}. 노드의 이름은 ${withParticle(service, '을/를')} ${n.protocol}${particle(n.protocol, '으로/로')}, YAML의 이름은 ${n.yamlProtocol}${particle(n.yamlProtocol, '으로/로')} 해시했습니다. 포트의 프로토콜이 다릅니다.`
          : `노드의 이름: ${nodeChain}, YAML의 이름: ${yamlChain}. 이름은 서비스 포트의 이름과 프로토콜을 해시하므로 포트 이름이 다른 것으로 보입니다.`,
    close: '닫기',
    shownBanner: (name, rules, chains) => `가져온 ${withParticle(name ? `노드 ${name}` : '노드', '을/를')} 체인 그래프, 규칙, 패킷 패널에 보여 줍니다(체인 ${chains.toLocaleString('ko')}개, 규칙 ${rules.toLocaleString('ko')}개). 훅과 conntrack 패널은 여전히 시나리오를 보여 줍니다.`,
    backToScenario: '시나리오로 돌아가기',
    showInLab: '실습 화면에서 보기',
    showImported: '가져온 노드 보기',
    table: '테이블',
    allServices: '모든 체인',
    traceHint: '패킷을 정해 가져온 노드의 훅을 따라 추적해 보세요. 패킷이 만나는 규칙이 규칙 패널에 표시됩니다.',
    lookup: '조회',
    conntrackTitle: '가져온 노드의 conntrack -L',
    graphPartial: (shown, all) => `체인 ${all.toLocaleString('ko')}개 중 ${shown.toLocaleString('ko')}개만 그렸습니다. 고른 서비스, 없으면 범례나 그래프에서 고른 체인(없으면 기본 체인) 주변입니다.`,
    graphTitle: '가져온 노드의 체인 그래프',
    graphShow: (table) => `${table} 테이블 그리기`,
    graphService: '서비스',
    graphServiceSearch: '서비스 찾기',
    graphServicesListed: (listed, matching, all) =>
      matching > listed ? `${matching.toLocaleString('ko')}개 중 ${listed.toLocaleString('ko')}개만 보여 줍니다. 이름을 더 입력하세요` : `서비스 ${all.toLocaleString('ko')}개 중 ${matching.toLocaleString('ko')}개`,
    issue: issueKo,
  },
};
