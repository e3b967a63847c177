/**
 * JSON Schema (draft-07) for scenario documents, for monaco-yaml's completion, hover and early
 * diagnostics. One `if apiVersion+kind then …` branch per kind of DESIGN §2; maps we read strictly
 * have `additionalProperties: false`, as the loader reports unknown fields. The loader, not this
 * schema, is the authority (it words errors as the API server does); the two list the same fields.
 */
import type { JsonSchema } from './schema-parts';
import {
  PROTOCOLS, bool, d, int, intOrString, labelSelector, list, metadata, obj, oneOfStrings, opaque, podSpec, podStatus,
  protocol, str, stringMap,
} from './schema-parts';

export type { JsonSchema } from './schema-parts';

const nodePortRange = d('30000–32767 by default (--service-node-port-range)', '기본 30000–32767 (--service-node-port-range)');

const servicePort = obj(d('A port the Service exposes', '서비스가 노출하는 포트'), {
  name: str(d('Port name (DNS-1123 label); required when the Service has several ports', '포트 이름 (DNS-1123 레이블); 포트가 여러 개면 필수')),
  protocol,
  appProtocol: str(d('Application protocol hint (not simulated)', '애플리케이션 프로토콜 힌트 (시뮬레이션하지 않음)')),
  port: int(d('Port on the cluster IP', '클러스터 IP의 포트'), 1, 65535),
  targetPort: intOrString(d('Pod port: a number, or a container port name resolved per pod. Default: port', '파드 포트: 번호 또는 파드마다 해석되는 컨테이너 포트 이름. 기본값: port')),
  nodePort: int(d(`Port on every node (NodePort/LoadBalancer); unset: allocated from 30000. ${nodePortRange}`, `모든 노드의 포트 (NodePort/LoadBalancer); 없으면 30000부터 할당. ${nodePortRange}`), 1, 65535),
}, ['port']);

const serviceSpec = obj(d('Service specification', '서비스 명세'), {
  type: oneOfStrings(d('How the Service is exposed. Default ClusterIP', '서비스 노출 방식. 기본값 ClusterIP'), ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'], { default: 'ClusterIP' }),
  selector: stringMap(d('Pods with all these labels become endpoints (no selector: write EndpointSlices)', '이 레이블을 모두 가진 파드가 엔드포인트 (셀렉터 없으면 EndpointSlice 직접 작성)')),
  clusterIP: str(d('Virtual IP, or "None" for headless; unset: next free from .100 of the service subnet', '가상 IP 또는 헤드리스용 "None"; 없으면 서비스 서브넷 .100부터 빈 주소')),
  clusterIPs: list(d('Cluster IPs (single-stack: one, equal to clusterIP)', '클러스터 IP 목록 (단일 스택: clusterIP와 같은 하나)'), { type: 'string' }),
  ports: list(d('Ports of the Service', '서비스 포트 목록'), servicePort),
  externalIPs: list(d('Extra addresses the node answers for this Service', '노드가 이 서비스로 응답하는 추가 주소'), { type: 'string' }),
  externalName: str(d('DNS name for type ExternalName (no iptables rules)', 'ExternalName 타입의 DNS 이름 (iptables 규칙 없음)')),
  externalTrafficPolicy: oneOfStrings(d('Cluster: any endpoint, SNAT; Local: only this node\'s endpoints, client IP kept', 'Cluster: 모든 엔드포인트, SNAT; Local: 이 노드의 엔드포인트만, 클라이언트 IP 유지'), ['Cluster', 'Local']),
  internalTrafficPolicy: oneOfStrings(d('Local: in-cluster clients only reach endpoints on their node', 'Local: 클러스터 내부 클라이언트는 자기 노드의 엔드포인트로만'), ['Cluster', 'Local']),
  healthCheckNodePort: int(d('Health check port for LoadBalancer + Local; unset: allocated', 'LoadBalancer + Local의 헬스체크 포트; 없으면 할당'), 1, 65535),
  loadBalancerIP: str(d('Requested LB address (deprecated; use status.loadBalancer.ingress)', '요청 LB 주소 (사용 중단; status.loadBalancer.ingress 사용)')),
  loadBalancerSourceRanges: list(d('Client CIDRs allowed through the load balancer (KUBE-FW chain)', '로드밸런서를 통과할 수 있는 클라이언트 CIDR (KUBE-FW 체인)'), { type: 'string' }),
  loadBalancerClass: str(d('Load balancer implementation (not simulated)', '로드밸런서 구현 (시뮬레이션하지 않음)')),
  allocateLoadBalancerNodePorts: bool(d('LoadBalancer only: false leaves node ports unallocated. Default true', 'LoadBalancer 전용: false면 노드 포트 미할당. 기본값 true')),
  sessionAffinity: oneOfStrings(d('ClientIP: a client sticks to one endpoint (the recent match)', 'ClientIP: 클라이언트가 한 엔드포인트에 고정 (recent 매치)'), ['None', 'ClientIP'], { default: 'None' }),
  sessionAffinityConfig: obj(d('Session affinity settings', '세션 어피니티 설정'), {
    clientIP: obj(d('ClientIP affinity', 'ClientIP 어피니티'), {
      timeoutSeconds: int(d('Stickiness in seconds (1–86400). Default 10800', '고정 시간(초) (1–86400). 기본값 10800'), 1, 86400, { default: 10800 }),
    }),
  }),
  publishNotReadyAddresses: bool(d('Count not-ready pods as ready endpoints', 'not-ready 파드도 ready 엔드포인트로')),
  ipFamilies: list(d('IP families (IPv4 only here)', 'IP 패밀리 (여기서는 IPv4만)'), { type: 'string', enum: ['IPv4'] }),
  ipFamilyPolicy: oneOfStrings(d('IP family policy (SingleStack only here)', 'IP 패밀리 정책 (여기서는 SingleStack만)'), ['SingleStack', 'PreferDualStack', 'RequireDualStack']),
  trafficDistribution: str(d('Traffic distribution hint (PreferClose)', '트래픽 분배 힌트 (PreferClose)')),
});

const serviceStatus = obj(d('Service status', '서비스 상태'), {
  loadBalancer: obj(d('Load balancer status', '로드밸런서 상태'), {
    ingress: list(d('Addresses of the load balancer (what the cloud controller would write)', '로드밸런서 주소 (클라우드 컨트롤러가 쓸 값)'), obj(d('An ingress point', '인그레스 지점'), {
      ip: str(d('Load balancer IP', '로드밸런서 IP')),
      hostname: str(d('Load balancer hostname', '로드밸런서 호스트 이름')),
      ipMode: oneOfStrings(d('VIP: kube-proxy programs the IP; Proxy: it does not', 'VIP: kube-proxy가 IP 규칙 작성; Proxy: 작성 안 함'), ['VIP', 'Proxy']),
      ports: { description: d('Port statuses (not simulated)', '포트 상태 (시뮬레이션하지 않음)') },
    })),
  }),
  conditions: { description: d('Conditions (not simulated)', '조건 (시뮬레이션하지 않음)') },
});

const endpoint = obj(d('An endpoint', '엔드포인트'), {
  addresses: list(d('Endpoint IPs (one is used)', '엔드포인트 IP (하나 사용)'), { type: 'string' }),
  conditions: obj(d('Readiness of the endpoint', '엔드포인트 준비 상태'), {
    ready: bool(d('Ready for traffic (unset counts as ready)', '트래픽 수신 준비 (없으면 ready로 간주)')),
    serving: bool(d('Serving (used when no endpoint is ready)', 'serving (ready 엔드포인트가 없을 때 사용)')),
    terminating: bool(d('Being deleted', '삭제 중')),
  }),
  nodeName: str(d('Node of the endpoint (decides "local" for Local traffic policies)', '엔드포인트의 노드 (Local 정책의 로컬 여부 결정)')),
  zone: str(d('Zone', '존')),
  hostname: str(d('Hostname', '호스트 이름')),
  targetRef: opaque(d('The object behind the endpoint (kind Pod, name)', '엔드포인트 뒤의 오브젝트 (kind Pod, name)')),
  hints: { description: d('Topology hints (not simulated)', '토폴로지 힌트 (시뮬레이션하지 않음)') },
  deprecatedTopology: { description: d('Deprecated topology (ignored)', '사용 중단 토폴로지 (무시)') },
});

const node = {
  metadata: metadata(false, 'DNS-1123 subdomain'),
  spec: obj(d('Node specification', '노드 명세'), {
    podCIDR: str(d('Pod CIDR of the node; unset: the next /24 of the pod subnet', '노드의 파드 CIDR; 없으면 파드 서브넷의 다음 /24')),
    podCIDRs: list(d('Pod CIDRs (single-stack: one)', '파드 CIDR 목록 (단일 스택: 하나)'), { type: 'string' }),
    providerID: str(d('Cloud provider ID', '클라우드 프로바이더 ID')),
    unschedulable: bool(d('Cordoned', '스케줄 불가')),
    taints: { description: d('Taints (not simulated)', '테인트 (시뮬레이션하지 않음)') },
    configSource: { description: d('Config source (ignored)', '설정 소스 (무시)') },
    externalID: str(d('External ID (deprecated)', '외부 ID (사용 중단)')),
  }),
  status: obj(d('Node status', '노드 상태'), {
    addresses: list(d("Node addresses; the InternalIP is eth0's address", '노드 주소; InternalIP가 eth0 주소'), obj(d('An address', '주소'), {
      type: oneOfStrings(d('Address type', '주소 종류'), ['InternalIP', 'ExternalIP', 'Hostname', 'InternalDNS', 'ExternalDNS']),
      address: str(d('The address', '주소')),
    }, ['type', 'address'])),
    ...Object.fromEntries(
      ['capacity', 'allocatable', 'phase', 'conditions', 'daemonEndpoints', 'nodeInfo', 'images', 'volumesInUse', 'volumesAttached', 'config', 'runtimeHandlers', 'features']
        .map((k) => [k, { description: d(`${k} (not simulated)`, `${k} (시뮬레이션하지 않음)`) }]),
    ),
  }),
};

const kindNode = obj(d('A kind node (container)', 'kind 노드 (컨테이너)'), {
  role: oneOfStrings(d('control-plane or worker. Default control-plane', 'control-plane 또는 worker. 기본값 control-plane'), ['control-plane', 'worker']),
  image: str(d('Node image', '노드 이미지')),
  labels: stringMap(d('Node labels', '노드 레이블')),
  extraMounts: { description: d('Host mounts (not simulated)', '호스트 마운트 (시뮬레이션하지 않음)') },
  extraPortMappings: { description: d('Docker port mappings (not simulated)', '도커 포트 매핑 (시뮬레이션하지 않음)') },
  kubeadmConfigPatches: { description: d('kubeadm patches (not simulated)', 'kubeadm 패치 (시뮬레이션하지 않음)') },
  kubeadmConfigPatchesJSON6902: { description: d('kubeadm JSON patches (not simulated)', 'kubeadm JSON 패치 (시뮬레이션하지 않음)') },
});

const kindNetworking = obj(d('Cluster networking', '클러스터 네트워킹'), {
  podSubnet: str(d('Pod subnet; each node gets a /24 of it. Default 10.244.0.0/16', '파드 서브넷; 노드마다 /24. 기본값 10.244.0.0/16'), { default: '10.244.0.0/16' }),
  serviceSubnet: str(d('Service subnet (cluster IPs). Default 10.96.0.0/12', '서비스 서브넷 (클러스터 IP). 기본값 10.96.0.0/12'), { default: '10.96.0.0/12' }),
  ipFamily: oneOfStrings(d('IP family (ipv4 only here)', 'IP 패밀리 (여기서는 ipv4만)'), ['ipv4', 'ipv6', 'dual']),
  apiServerPort: int(d('Host port of the API server (not simulated)', 'API 서버 호스트 포트 (시뮬레이션하지 않음)')),
  apiServerAddress: str(d('Host address of the API server (not simulated)', 'API 서버 호스트 주소 (시뮬레이션하지 않음)')),
  disableDefaultCNI: bool(d('Skip kindnet (not simulated)', 'kindnet 생략 (시뮬레이션하지 않음)')),
  kubeProxyMode: oneOfStrings(d('kube-proxy mode (iptables or nftables here)', 'kube-proxy 모드 (여기서는 iptables 또는 nftables)'), ['iptables', 'ipvs', 'nftables', 'none']),
  dnsSearch: list(d('DNS search domains', 'DNS 검색 도메인'), { type: 'string' }),
});

const conntrackTimeout = (en: string, ko: string): JsonSchema => str(d(`${en} (a Go duration, e.g. 24h0m0s; 0s leaves the kernel's value)`, `${ko} (Go 기간, 예: 24h0m0s; 0s면 커널 값 유지)`));
const conntrack = obj(d('conntrack sysctls kube-proxy sets on every node', 'kube-proxy가 모든 노드에 설정하는 conntrack sysctl'), {
  tcpEstablishedTimeout: conntrackTimeout('nf_conntrack_tcp_timeout_established. Default 24h', 'nf_conntrack_tcp_timeout_established. 기본값 24h'),
  tcpCloseWaitTimeout: conntrackTimeout('nf_conntrack_tcp_timeout_close_wait. Default 1h', 'nf_conntrack_tcp_timeout_close_wait. 기본값 1h'),
  udpTimeout: conntrackTimeout('nf_conntrack_udp_timeout. Default 0s', 'nf_conntrack_udp_timeout. 기본값 0s'),
  udpStreamTimeout: conntrackTimeout('nf_conntrack_udp_timeout_stream. Default 0s', 'nf_conntrack_udp_timeout_stream. 기본값 0s'),
  maxPerCore: int(d('nf_conntrack_max per CPU (not simulated)', 'CPU당 nf_conntrack_max (시뮬레이션하지 않음)')),
  min: int(d('nf_conntrack_max minimum (not simulated)', 'nf_conntrack_max 최솟값 (시뮬레이션하지 않음)')),
  tcpBeLiberal: bool(d('nf_conntrack_tcp_be_liberal (not simulated)', 'nf_conntrack_tcp_be_liberal (시뮬레이션하지 않음)')),
});

const kubeProxy = {
  mode: oneOfStrings(d('Proxy mode; iptables and nftables (kube-proxy v1.34) are simulated. Default iptables', '프록시 모드; iptables와 nftables(kube-proxy v1.34)를 시뮬레이션. 기본값 iptables'), ['iptables', 'ipvs', 'nftables', 'kernelspace', '']),
  clusterCIDR: str(d('Pod CIDR of the cluster (off-cluster traffic to services is masqueraded). Default: the pod subnet', '클러스터 파드 CIDR (클러스터 밖→서비스 트래픽 MASQUERADE). 기본값: 파드 서브넷')),
  iptables: obj(d('iptables proxier settings', 'iptables 프록시 설정'), {
    masqueradeAll: bool(d('SNAT all traffic to cluster IPs. Default false', '클러스터 IP로 가는 모든 트래픽 SNAT. 기본값 false')),
    masqueradeBit: int(d('fwmark bit for KUBE-MARK-MASQ (0–31). Default 14 (0x4000)', 'KUBE-MARK-MASQ의 fwmark 비트 (0–31). 기본값 14 (0x4000)'), 0, 31, { default: 14 }),
    localhostNodePorts: bool(d('Answer NodePorts on 127.0.0.1. Default true', '127.0.0.1에서 NodePort 응답. 기본값 true'), { default: true }),
    syncPeriod: str(d('Sync period (not simulated)', '동기화 주기 (시뮬레이션하지 않음)')),
    minSyncPeriod: str(d('Minimum sync period (not simulated)', '최소 동기화 주기 (시뮬레이션하지 않음)')),
  }),
  nftables: obj(d('nftables proxier settings (mode nftables)', 'nftables 프록시 설정 (mode nftables)'), {
    masqueradeAll: bool(d('SNAT all traffic to cluster IPs. Default false', '클러스터 IP로 가는 모든 트래픽 SNAT. 기본값 false')),
    masqueradeBit: int(d('Mark bit for mark-for-masquerade (0–31). Default 14 (0x4000)', 'mark-for-masquerade의 마크 비트 (0–31). 기본값 14 (0x4000)'), 0, 31, { default: 14 }),
    syncPeriod: str(d('Sync period (not simulated)', '동기화 주기 (시뮬레이션하지 않음)')),
    minSyncPeriod: str(d('Minimum sync period (not simulated)', '최소 동기화 주기 (시뮬레이션하지 않음)')),
  }),
  linux: obj(d('Linux settings', '리눅스 설정'), {
    masqueradeAll: bool(d('SNAT all traffic to cluster IPs', '클러스터 IP로 가는 모든 트래픽 SNAT')),
    conntrack,
    oomScoreAdj: int(d('OOM score (not simulated)', 'OOM 점수 (시뮬레이션하지 않음)')),
  }),
  detectLocalMode: oneOfStrings(d('How "from a local pod" is told. Default ClusterCIDR', '"로컬 파드에서 옴" 판별 방식. 기본값 ClusterCIDR'), ['ClusterCIDR', 'NodeCIDR', 'BridgeInterface', 'InterfaceNamePrefix']),
  detectLocal: obj(d('Settings for detectLocalMode', 'detectLocalMode 설정'), {
    bridgeInterface: str(d('Bridge name (BridgeInterface mode)', '브리지 이름 (BridgeInterface 모드)')),
    interfaceNamePrefix: str(d('Interface prefix (InterfaceNamePrefix mode)', '인터페이스 접두사 (InterfaceNamePrefix 모드)')),
  }),
  nodePortAddresses: list(d('CIDRs (or "primary") whose addresses answer NodePorts; empty: all (nftables mode: "primary")', 'NodePort에 응답할 주소의 CIDR (또는 "primary"); 비면 전체 (nftables 모드: "primary")'), { type: 'string' }),
  conntrack,
  ...Object.fromEntries(
    ['bindAddress', 'healthzBindAddress', 'metricsBindAddress', 'bindAddressHardFail', 'enableProfiling', 'showHiddenMetricsForVersion',
      'hostnameOverride', 'clientConnection', 'featureGates', 'logging', 'ipvs', 'winkernel', 'configSyncPeriod',
      'portRange', 'oomScoreAdj', 'windows']
      .map((k) => [k, { description: d(`${k} (not simulated)`, `${k} (시뮬레이션하지 않음)`) }]),
  ),
};

/** Each kind: its apiVersion, its kind and its top-level fields (besides apiVersion and kind). */
const KINDS: readonly { apiVersion: string; kind: string; description: string; properties: Record<string, JsonSchema>; required?: string[] }[] = [
  {
    apiVersion: 'v1', kind: 'Service', description: d('A Service: what kube-proxy turns into iptables rules', '서비스: kube-proxy가 iptables 규칙으로 바꾸는 대상'),
    properties: { metadata: metadata(true, 'DNS-1035 label'), spec: serviceSpec, status: serviceStatus }, required: ['metadata'],
  },
  {
    apiVersion: 'v1', kind: 'Pod', description: d('A Pod: an endpoint behind Services, or a client', '파드: 서비스 뒤의 엔드포인트 또는 클라이언트'),
    properties: { metadata: metadata(true, 'DNS-1123 subdomain'), spec: podSpec, status: podStatus }, required: ['metadata'],
  },
  {
    apiVersion: 'apps/v1', kind: 'Deployment', description: d('A Deployment, expanded to its Pods', '디플로이먼트, 파드로 펼쳐짐'),
    properties: {
      metadata: metadata(true, 'DNS-1123 subdomain'),
      spec: obj(d('Deployment specification', '디플로이먼트 명세'), {
        replicas: int(d('Number of pods. Default 1', '파드 개수. 기본값 1'), 0, undefined, { default: 1 }),
        selector: labelSelector,
        template: obj(d('Pod template', '파드 템플릿'), {
          metadata: obj(d('Template metadata', '템플릿 메타데이터'), {
            labels: stringMap(d('Pod labels (must match the selector)', '파드 레이블 (셀렉터와 일치해야 함)')),
            annotations: stringMap(d('Pod annotations', '파드 어노테이션')),
            name: str(d('Ignored', '무시됨')), namespace: str(d('Ignored', '무시됨')), generateName: str(d('Ignored', '무시됨')),
            creationTimestamp: { description: d('Ignored', '무시됨') },
          }),
          spec: podSpec,
        }),
        strategy: opaque(d('Rollout strategy (not simulated)', '롤아웃 전략 (시뮬레이션하지 않음)')),
        minReadySeconds: int(d('Not simulated', '시뮬레이션하지 않음')),
        revisionHistoryLimit: int(d('Not simulated', '시뮬레이션하지 않음')),
        paused: bool(d('Not simulated', '시뮬레이션하지 않음')),
        progressDeadlineSeconds: int(d('Not simulated', '시뮬레이션하지 않음')),
      }),
      status: opaque(d('Status (ignored)', '상태 (무시)')),
    },
    required: ['metadata', 'spec'],
  },
  {
    apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', description: d('Endpoints of a Service written by hand (used as-is)', '직접 작성한 서비스 엔드포인트 (그대로 사용)'),
    properties: {
      metadata: metadata(true, 'DNS-1123 subdomain; label kubernetes.io/service-name names the Service'),
      addressType: oneOfStrings(d('Address type', '주소 종류'), ['IPv4', 'IPv6', 'FQDN']),
      endpoints: list(d('Endpoints', '엔드포인트 목록'), endpoint),
      ports: list(d('Ports; a name matches the Service port of that name', '포트; 이름이 같은 서비스 포트에 대응'), obj(d('A port', '포트'), {
        name: str(d('Service port name ("" for an unnamed port)', '서비스 포트 이름 (이름 없는 포트는 "")')),
        protocol,
        port: int(d('Port on the endpoint', '엔드포인트 포트'), 1, 65535),
        appProtocol: str(d('Application protocol', '애플리케이션 프로토콜')),
      })),
    },
    required: ['metadata', 'addressType'],
  },
  {
    apiVersion: 'v1', kind: 'Node', description: d('A node; with Node documents they are exactly the nodes', '노드; Node 문서가 있으면 그것이 노드 전부'),
    properties: node, required: ['metadata'],
  },
  {
    apiVersion: 'kind.x-k8s.io/v1alpha4', kind: 'Cluster', description: d('A kind cluster config: nodes and address ranges', 'kind 클러스터 설정: 노드와 주소 범위'),
    properties: {
      name: str(d('Cluster name; nodes are NAME-control-plane, NAME-worker, NAME-worker2… Default kind', '클러스터 이름; 노드는 NAME-control-plane, NAME-worker, NAME-worker2… 기본값 kind'), { default: 'kind' }),
      nodes: list(d('Nodes in order (none listed: one control-plane, as kind does)', '노드 목록, 순서대로 (없으면 kind처럼 control-plane 하나)'), kindNode),
      networking: kindNetworking,
      featureGates: { type: 'object', description: d('Feature gates (not simulated)', '기능 게이트 (시뮬레이션하지 않음)'), additionalProperties: { type: 'boolean' } },
      runtimeConfig: stringMap(d('API runtime config (not simulated)', 'API 런타임 설정 (시뮬레이션하지 않음)')),
      kubeadmConfigPatches: { description: d('kubeadm patches (not simulated)', 'kubeadm 패치 (시뮬레이션하지 않음)') },
      kubeadmConfigPatchesJSON6902: { description: d('kubeadm JSON patches (not simulated)', 'kubeadm JSON 패치 (시뮬레이션하지 않음)') },
      containerdConfigPatches: { description: d('containerd patches (not simulated)', 'containerd 패치 (시뮬레이션하지 않음)') },
      containerdConfigPatchesJSON6902: { description: d('containerd JSON patches (not simulated)', 'containerd JSON 패치 (시뮬레이션하지 않음)') },
    },
  },
  {
    apiVersion: 'kubeproxy.config.k8s.io/v1alpha1', kind: 'KubeProxyConfiguration', description: d("kube-proxy's config file", 'kube-proxy 설정 파일'),
    properties: kubeProxy,
  },
  {
    apiVersion: 'kube-packet-lab/v1', kind: 'Lab', description: d('Lab options no Kubernetes object carries', '쿠버네티스 오브젝트에 없는 실습 옵션'),
    properties: {
      metadata: obj(d('Metadata', '메타데이터'), { name: str(d('A name for the lab', '실습 이름')) }),
      systemServices: bool(d('Include default/kubernetes and kube-system/kube-dns (with coredns pods). Default true', 'default/kubernetes와 kube-system/kube-dns(coredns 파드 포함) 포함. 기본값 true'), { default: true }),
      listeners: list(
        d('Extra listening sockets, beyond what a kind node runs (kubelet, kube-proxy, the control plane) and the ports pods serve; a packet to a port nothing listens on is refused', 'kind 노드가 원래 여는 소켓(kubelet, kube-proxy, 컨트롤 플레인)과 파드가 서비스하는 포트 외에 추가로 여는 소켓. 아무것도 듣지 않는 포트로 간 패킷은 거부됩니다'),
        obj(d('A socket listening on a node or in a pod', '노드나 파드에서 듣고 있는 소켓'), {
          node: str(d('The node it runs on (give node or pod)', '소켓이 있는 노드 (node나 pod 중 하나)')),
          pod: str(d('The pod it runs in: NAME or NAMESPACE/NAME (give node or pod)', '소켓이 있는 파드: NAME 또는 NAMESPACE/NAME (node나 pod 중 하나)')),
          port: int(d('Port', '포트'), 1, 65535),
          protocol: oneOfStrings(d('L4 protocol. Default TCP', 'L4 프로토콜. 기본값 TCP'), ['TCP', 'UDP'], { default: 'TCP' }),
          address: str(d('The address it binds (default 0.0.0.0: every address of its host)', '바인드하는 주소 (기본값 0.0.0.0: 호스트의 모든 주소)')),
        }, ['port']),
      ),
    },
  },
];

const API_VERSIONS = [...new Set(KINDS.map((k) => k.apiVersion))];
const KIND_NAMES = [...new Set(KINDS.map((k) => k.kind))];

/** The schema monaco-yaml validates every document of the scenario against. */
export const scenarioJsonSchema: JsonSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'Kube Packet Lab scenario document',
  description: d('One Kubernetes object (or kind / kube-proxy / Lab config) of a scenario', '시나리오의 쿠버네티스 오브젝트 하나 (또는 kind / kube-proxy / Lab 설정)'),
  type: 'object',
  required: ['apiVersion', 'kind'],
  properties: {
    apiVersion: oneOfStrings(d('API version of the object', '오브젝트의 API 버전'), API_VERSIONS),
    kind: oneOfStrings(d('Kind of the object', '오브젝트 종류'), KIND_NAMES),
  },
  allOf: KINDS.map((k) => ({
    if: { properties: { apiVersion: { const: k.apiVersion }, kind: { const: k.kind } }, required: ['apiVersion', 'kind'] },
    then: {
      description: k.description,
      additionalProperties: false,
      properties: {
        apiVersion: { const: k.apiVersion, description: d('API version', 'API 버전') },
        kind: { const: k.kind, description: d('Kind', '종류') },
        ...k.properties,
      },
      ...(k.required ? { required: k.required } : {}),
    },
  })),
};

/** The kinds a scenario may hold, as `apiVersion kind` pairs (for messages and tests). */
export const SCENARIO_KINDS: readonly { readonly apiVersion: string; readonly kind: string }[] = KINDS.map((k) => ({ apiVersion: k.apiVersion, kind: k.kind }));

/** The top-level field schema of one kind (tests compare it with what the loader accepts). */
export function kindSchema(apiVersion: string, kind: string): JsonSchema | undefined {
  const k = KINDS.find((x) => x.apiVersion === apiVersion && x.kind === kind);
  return k === undefined ? undefined : scenarioJsonSchema.allOf?.[KINDS.indexOf(k)]?.then;
}

export { PROTOCOLS };
