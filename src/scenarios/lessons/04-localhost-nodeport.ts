import { LESSON_TITLES } from './catalog';
import type { Lesson } from './types';

const W1 = 'myk8s-worker';
const EXT = 'KUBE-EXT-VTR7MTHHNMFZ3OFS';

/** Localhost NodePorts: 127.0.0.1:NODEPORT from a process on the node, and the KUBE-FIREWALL rule that guards 127/8. */
export const localhostNodePort: Lesson = {
  id: '04-localhost-nodeport',
  title: LESSON_TITLES['04-localhost-nodeport'],
  summary: {
    en: '`curl 127.0.0.1:30080` on a node reaches the Service. Follow the OUTPUT path, see how a packet from 127.0.0.1 can leave eth0 at all, and why the node drops packets from other hosts to 127.0.0.0/8.',
    ko: '노드에서 `curl 127.0.0.1:30080`을 실행해도 서비스에 닿습니다. OUTPUT 경로를 따라가며 127.0.0.1에서 출발한 패킷이 어떻게 eth0으로 나갈 수 있는지, 그리고 노드가 다른 호스트에서 127.0.0.0/8로 오는 패킷을 왜 버리는지 알아봅니다.',
  },
  sends: [
    {
      kind: 'connection',
      id: 'loopback',
      title: { en: 'a process on myk8s-worker → 127.0.0.1:30080', ko: 'myk8s-worker의 프로세스 → 127.0.0.1:30080' },
      from: W1,
      to: '127.0.0.1:30080',
      seed: 1,
    },
    {
      kind: 'connection',
      id: 'neighbour',
      title: { en: 'a neighbour host → 127.0.0.1:10248 through myk8s-worker', ko: '이웃 호스트 → myk8s-worker를 거쳐 127.0.0.1:10248' },
      from: 'external',
      to: '127.0.0.1:10248',
      via: W1,
    },
  ],
  steps: [
    {
      text: {
        en: 'A process on myk8s-worker connects to 127.0.0.1:30080, so the source is 127.0.0.1 too. Locally generated packets take the OUTPUT path: conntrack starts a NEW entry at OUTPUT, and nat OUTPUT jumps to the same KUBE-SERVICES chain PREROUTING uses.',
        ko: 'myk8s-worker의 프로세스가 127.0.0.1:30080에 접속하므로 출발지도 127.0.0.1입니다. 노드 안에서 만들어진 패킷은 OUTPUT 경로를 탑니다. OUTPUT에서 conntrack이 NEW 엔트리를 만들고, nat OUTPUT이 PREROUTING과 같은 KUBE-SERVICES 체인으로 점프합니다.',
      },
      at: { send: 'loopback', packet: 'SYN', hook: 'OUTPUT', chain: 'OUTPUT', target: 'KUBE-SERVICES' },
    },
    {
      text: {
        en: `127.0.0.1 is a LOCAL address, so KUBE-SERVICES’s last rule leads to KUBE-NODEPORTS, where the first rule is just for loopback: "-d 127.0.0.0/8 -p tcp … --dport 30080 -m nfacct --nfacct-name localhost_nps_accepted_pkts -j ${EXT}". The nfacct counter tells operators whether anybody still uses NodePorts on localhost.`,
        ko: `127.0.0.1은 LOCAL 주소이므로 KUBE-SERVICES의 마지막 규칙을 따라 KUBE-NODEPORTS로 갑니다. 거기 첫 규칙이 바로 루프백용입니다: "-d 127.0.0.0/8 -p tcp … --dport 30080 -m nfacct --nfacct-name localhost_nps_accepted_pkts -j ${EXT}". nfacct 카운터로 운영자는 아직 localhost NodePort를 쓰는 곳이 있는지 알 수 있습니다.`,
      },
      at: { send: 'loopback', packet: 'SYN', chain: 'KUBE-NODEPORTS', target: EXT, rule: '-d 127.0.0.0/8' },
    },
    {
      text: {
        en: 'From here it is lesson 3: KUBE-MARK-MASQ, the KUBE-SVC cascade, and a DNAT from 127.0.0.1:30080 to a webpod — all in OUTPUT.',
        ko: '여기부터는 레슨 3과 같습니다. KUBE-MARK-MASQ, KUBE-SVC 확률 사다리, 그리고 127.0.0.1:30080에서 webpod로의 DNAT. 모두 OUTPUT에서 일어납니다.',
      },
      at: { send: 'loopback', packet: 'SYN', hook: 'OUTPUT', target: 'DNAT' },
    },
    {
      text: {
        en: 'The destination changed, so the kernel looks the route up again: now it is eth0, toward myk8s-worker2. But the source is still 127.0.0.1, and the kernel never lets a loopback source leave a real interface — unless net.ipv4.conf.all.route_localnet=1, which kube-proxy sets for exactly this.',
        ko: '목적지가 바뀌었으니 커널은 라우팅을 다시 찾습니다. 이제 eth0을 통해 myk8s-worker2로 갑니다. 그런데 출발지는 아직 127.0.0.1이고, 커널은 원래 루프백 출발지 패킷을 실제 인터페이스로 내보내지 않습니다. net.ipv4.conf.all.route_localnet=1이면 예외인데, kube-proxy가 바로 이 때문에 이 값을 켭니다.',
      },
      at: { send: 'loopback', packet: 'SYN', stage: 'routing', hook: 'OUTPUT', node: W1 },
    },
    {
      text: {
        en: 'In POSTROUTING, MASQUERADE replaces 127.0.0.1 with eth0’s address, 172.18.0.3. That is why the localhost rule also goes through KUBE-EXT’s KUBE-MARK-MASQ: a packet from 127.0.0.1 must be SNATed before it can travel.',
        ko: 'POSTROUTING에서 MASQUERADE가 127.0.0.1을 eth0의 주소 172.18.0.3으로 바꿉니다. localhost 규칙도 KUBE-EXT의 KUBE-MARK-MASQ를 거치는 이유입니다. 127.0.0.1에서 온 패킷은 SNAT되어야만 밖으로 나갈 수 있습니다.',
      },
      at: { send: 'loopback', packet: 'SYN', node: W1, chain: 'KUBE-POSTROUTING', target: 'MASQUERADE' },
    },
    {
      text: {
        en: 'route_localnet has a price: 127.0.0.0/8 becomes routable from the wire, so a neighbour could reach services that listen only on localhost, such as the kubelet’s healthz on 127.0.0.1:10248 (CVE-2020-8558). KUBE-FIREWALL, in INPUT and OUTPUT, closes that door: "! -s 127.0.0.0/8 -d 127.0.0.0/8 … "block incoming localnet connections" -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP".',
        ko: 'route_localnet에는 대가가 있습니다. 127.0.0.0/8이 밖에서도 라우팅 가능해져서, 이웃 호스트가 localhost에서만 듣는 서비스(예: 127.0.0.1:10248의 kubelet healthz)에 닿을 수 있게 됩니다(CVE-2020-8558). INPUT과 OUTPUT의 KUBE-FIREWALL이 이 문을 닫습니다: "! -s 127.0.0.0/8 -d 127.0.0.0/8 … "block incoming localnet connections" -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP".',
      },
      at: { send: 'neighbour', packet: 'SYN', hook: 'INPUT', chain: 'KUBE-FIREWALL', target: 'DROP' },
    },
    {
      text: {
        en: 'If nobody needs NodePorts on localhost, KubeProxyConfiguration’s iptables.localhostNodePorts: false turns them off: the KUBE-SERVICES jump to KUBE-NODEPORTS then carries "! -d 127.0.0.0/8" and the 127.0.0.0/8 rule is gone.',
        ko: 'localhost NodePort가 필요 없다면 KubeProxyConfiguration의 iptables.localhostNodePorts: false로 끌 수 있습니다. 그러면 KUBE-SERVICES에서 KUBE-NODEPORTS로 가는 점프에 "! -d 127.0.0.0/8"이 붙고, 127.0.0.0/8 규칙은 사라집니다.',
      },
    },
  ],
  questions: [
    {
      id: 'seen-source',
      prompt: {
        en: '`curl 127.0.0.1:30080` on myk8s-worker starts from 127.0.0.1 and lands on webpod2, on another node. What source address does webpod2 see?',
        ko: 'myk8s-worker에서 실행한 `curl 127.0.0.1:30080`은 127.0.0.1에서 출발해 다른 노드의 webpod2에 닿습니다. webpod2는 출발지를 무엇으로 볼까요?',
      },
      choices: [
        {
          id: 'loopback',
          text: { en: '127.0.0.1', ko: '127.0.0.1' },
          claim: { kind: 'seenSource', send: 'loopback', equals: '127.0.0.1' },
        },
        { id: 'node', text: { en: '172.18.0.3, myk8s-worker’s eth0', ko: 'myk8s-worker eth0의 주소 172.18.0.3' } },
        {
          id: 'veth',
          text: { en: '10.10.1.1, myk8s-worker’s pod gateway', ko: 'myk8s-worker의 파드 게이트웨이 10.10.1.1' },
          claim: { kind: 'seenSource', send: 'loopback', equals: '10.10.1.1' },
        },
      ],
      answer: { kind: 'seenSource', send: 'loopback', equals: '172.18.0.3' },
      correct: 'node',
      reveal: {
        en: 'KUBE-EXT marked the packet and KUBE-POSTROUTING masqueraded it to the address of the interface it left by — eth0, 172.18.0.3. A packet from 127.0.0.1 could not have crossed the wire anyway.',
        ko: 'KUBE-EXT가 마크를 붙였고, KUBE-POSTROUTING이 패킷이 나가는 인터페이스(eth0)의 주소 172.18.0.3으로 MASQUERADE했습니다. 127.0.0.1 출발지 그대로는 어차피 선을 건널 수 없었습니다.',
      },
    },
    {
      id: 'neighbour',
      prompt: {
        en: 'A neighbour on the node network sends a SYN for 127.0.0.1:10248 to myk8s-worker. Only the kubelet listens there, on localhost. What happens?',
        ko: '노드 네트워크의 이웃 호스트가 127.0.0.1:10248로 가는 SYN을 myk8s-worker에 보냅니다. 그 포트는 kubelet이 localhost에서만 듣고 있습니다. 어떻게 될까요?',
      },
      choices: [
        {
          id: 'delivered',
          text: { en: 'The kubelet gets it: route_localnet is on', ko: 'kubelet이 받는다: route_localnet이 켜져 있으니까' },
          claim: { kind: 'outcome', send: 'neighbour', equals: 'delivered' },
        },
        { id: 'firewall', text: { en: 'KUBE-FIREWALL drops it in INPUT', ko: 'INPUT의 KUBE-FIREWALL이 버린다' } },
        {
          id: 'rejected',
          text: { en: 'The node answers with an ICMP error', ko: '노드가 ICMP 오류로 응답한다' },
          claim: { kind: 'outcome', send: 'neighbour', equals: 'rejected' },
        },
      ],
      answer: { kind: 'ruleMatched', send: 'neighbour', packet: 'SYN', hook: 'INPUT', chain: 'KUBE-FIREWALL', target: 'DROP', equals: true },
      correct: 'firewall',
      reveal: {
        en: 'The source is not in 127.0.0.0/8, the destination is, and the connection is NEW and was not DNATed: "block incoming localnet connections" drops it without an answer.',
        ko: '출발지는 127.0.0.0/8이 아니고 목적지는 127.0.0.0/8이며, 연결은 NEW이고 DNAT되지도 않았습니다. "block incoming localnet connections" 규칙이 아무 응답 없이 버립니다.',
      },
    },
  ],
};
