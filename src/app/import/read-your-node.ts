/**
 * The lesson "Read your own node": a walk through the notes' kind worker dump, step by step, each step an
 * action in the Import dialog and a claim about what the lab shows then. read-your-node.test.ts runs every
 * step through the worker's import session, so the text cannot drift from what the engine does.
 */
import type { ChainOwner } from '../../worker/import-api';
import type { Localized } from '../../scenarios/lessons/types';

export type GuideAction =
  | { readonly kind: 'example'; readonly example: 'kind' | 'eks' }
  | { readonly kind: 'search'; readonly query: string }
  | { readonly kind: 'trace'; readonly src: string; readonly dst: string; readonly inInterface: string };

/** What the step says the lab shows, checked by the test. */
export type GuideClaim =
  | { readonly kind: 'cut-lines'; readonly lines: readonly number[] }
  | { readonly kind: 'owners'; readonly owners: Readonly<Record<string, ChainOwner>> }
  | { readonly kind: 'search-finds'; readonly line: string }
  | { readonly kind: 'trace-stops-at-cut'; readonly endpoints: readonly string[] };

export interface GuideStep {
  readonly title: Localized;
  readonly text: Localized;
  readonly action: GuideAction;
  readonly claim: GuideClaim;
}

export const READ_YOUR_NODE: { readonly title: Localized; readonly steps: readonly GuideStep[] } = {
  title: { en: 'Read your own node', ko: '내 노드 읽기' },
  steps: [
    {
      title: { en: '1. Paste a node’s rules', ko: '1. 노드 규칙 붙여 넣기' },
      text: {
        en: 'This is the kind worker from the study notes: `iptables -t nat -S`, pasted with three `...` cuts, then a `grep` for the Service’s chain. The lab reads what is there and tells you where the paste was cut (lines 17, 40 and 45).',
        ko: '스터디 노트의 kind 워커입니다. `iptables -t nat -S`를 `...`로 세 군데 줄여 붙였고, 이어서 서비스 체인을 `grep`한 결과가 있습니다. 실습은 있는 그대로 읽고, 어디가 잘렸는지(17, 40, 45번째 줄) 알려 줍니다.',
      },
      action: { kind: 'example', example: 'kind' },
      claim: { kind: 'cut-lines', lines: [17, 40, 45] },
    },
    {
      title: { en: '2. Who wrote which chain', ko: '2. 어떤 체인을 누가 만들었나' },
      text: {
        en: 'Not every chain is kube-proxy’s. DOCKER_OUTPUT sends DNS to Docker’s embedded resolver, KIND-MASQ-AGENT is kindnet’s masquerading for traffic leaving the pod network, KUBE-KUBELET-CANARY is kubelet’s. The legend groups them by owner.',
        ko: '모든 체인이 kube-proxy 것은 아닙니다. DOCKER_OUTPUT은 DNS를 Docker 내장 리졸버로 보내고, KIND-MASQ-AGENT는 파드 네트워크를 떠나는 트래픽을 kindnet이 마스커레이드하는 체인이며, KUBE-KUBELET-CANARY는 kubelet의 것입니다. 범례가 주인별로 묶어 보여 줍니다.',
      },
      action: { kind: 'search', query: 'KIND-MASQ-AGENT' },
      claim: { kind: 'owners', owners: { DOCKER_OUTPUT: 'Docker', 'KIND-MASQ-AGENT': 'kindnet', 'KUBE-KUBELET-CANARY': 'kubelet', 'KUBE-SVC-KBDEBIL6IU6WL7RF': 'kube-proxy' } },
    },
    {
      title: { en: '3. Find the Service', ko: '3. 서비스 찾기' },
      text: {
        en: 'Search for the ClusterIP 10.200.1.201. KUBE-SERVICES matches it on port 9000 and jumps to the Service’s chain KUBE-SVC-KBDEBIL6IU6WL7RF.',
        ko: 'ClusterIP 10.200.1.201을 검색하세요. KUBE-SERVICES가 9000번 포트로 오는 패킷을 골라 서비스 체인 KUBE-SVC-KBDEBIL6IU6WL7RF로 점프합니다.',
      },
      action: { kind: 'search', query: '10.200.1.201' },
      claim: {
        kind: 'search-finds',
        line: '-A KUBE-SERVICES -d 10.200.1.201/32 -p tcp -m comment --comment "default/svc-clusterip:svc-webport cluster IP" -m tcp --dport 9000 -j KUBE-SVC-KBDEBIL6IU6WL7RF',
      },
    },
    {
      title: { en: '4. Trace a packet through it', ko: '4. 패킷 추적하기' },
      text: {
        en: 'Send a packet from a pod (10.10.1.5, arriving on its veth) to 10.200.1.201:9000. It walks PREROUTING → KUBE-SERVICES → KUBE-SVC-…, where the statistic rules pick one of three endpoints (1/3, then 1/2, then the rest). The paste was cut before the KUBE-SEP chains, so the trace stops at the jump and names the endpoint kube-proxy wrote in that rule’s comment.',
        ko: '파드(10.10.1.5, 자기 veth로 들어옴)에서 10.200.1.201:9000으로 패킷을 보내 보세요. PREROUTING → KUBE-SERVICES → KUBE-SVC-…를 지나고, statistic 규칙이 엔드포인트 세 개 중 하나를 고릅니다(1/3, 그다음 1/2, 나머지). 붙여 넣은 내용이 KUBE-SEP 체인 앞에서 잘렸기 때문에 추적은 그 점프에서 멈추고, kube-proxy가 그 규칙의 주석에 적어 둔 엔드포인트를 알려 줍니다.',
      },
      action: { kind: 'trace', src: '10.10.1.5', dst: '10.200.1.201:9000', inInterface: 'veth1' },
      claim: { kind: 'trace-stops-at-cut', endpoints: ['10.10.1.2:80', '10.10.2.2:80', '10.10.3.3:80'] },
    },
  ],
};
