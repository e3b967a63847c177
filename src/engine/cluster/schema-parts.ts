/**
 * Building blocks of the scenario JSON Schema (draft-07, what monaco-yaml reads): small constructors
 * and the parts several kinds share (ObjectMeta, PodSpec). Every property carries a one-line
 * description "English — 한국어", which monaco-yaml shows on hover and in completion.
 */

/** The subset of JSON Schema draft-07 the scenario schema uses. */
export interface JsonSchema {
  readonly $schema?: string;
  readonly $id?: string;
  readonly title?: string;
  readonly description?: string;
  readonly type?: string | readonly string[];
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly additionalProperties?: boolean | JsonSchema;
  readonly required?: readonly string[];
  readonly items?: JsonSchema;
  readonly enum?: readonly (string | number | boolean)[];
  readonly const?: string | number | boolean;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly pattern?: string;
  readonly default?: unknown;
  readonly allOf?: readonly JsonSchema[];
  readonly if?: JsonSchema;
  readonly then?: JsonSchema;
}

/** "English — 한국어": the form every description takes. */
export function d(en: string, ko: string): string {
  return `${en} — ${ko}`;
}

export function str(description: string, extra: Partial<JsonSchema> = {}): JsonSchema {
  return { type: 'string', description, ...extra };
}

export function int(description: string, minimum?: number, maximum?: number, extra: Partial<JsonSchema> = {}): JsonSchema {
  return {
    type: 'integer',
    description,
    ...(minimum === undefined ? {} : { minimum }),
    ...(maximum === undefined ? {} : { maximum }),
    ...extra,
  };
}

export function bool(description: string, extra: Partial<JsonSchema> = {}): JsonSchema {
  return { type: 'boolean', description, ...extra };
}

export function oneOfStrings(description: string, values: readonly string[], extra: Partial<JsonSchema> = {}): JsonSchema {
  return { type: 'string', enum: values, description, ...extra };
}

/** A map with exactly these fields (unknown fields are errors, as the loader reports them). */
export function obj(description: string, properties: Record<string, JsonSchema>, required?: readonly string[]): JsonSchema {
  return { type: 'object', description, properties, additionalProperties: false, ...(required ? { required } : {}) };
}

/** A map the lab passes through without looking inside (resources, probes, kubeadm patches, …). */
export function opaque(description: string): JsonSchema {
  return { type: 'object', description };
}

export function list(description: string, items: JsonSchema): JsonSchema {
  return { type: 'array', description, items };
}

export function stringMap(description: string): JsonSchema {
  return { type: 'object', description, additionalProperties: { type: 'string' } };
}

/** int-or-string (`targetPort`). */
export function intOrString(description: string): JsonSchema {
  return { type: ['integer', 'string'], description };
}

export const PROTOCOLS = ['TCP', 'UDP', 'SCTP'] as const;

export const protocol = oneOfStrings(d('L4 protocol. Default TCP', 'L4 프로토콜. 기본값 TCP'), PROTOCOLS, { default: 'TCP' });

const labels = stringMap(d('Labels: key/value pairs selectors match', '레이블: 셀렉터가 매칭하는 키/값'));
const annotations = stringMap(d('Annotations (not simulated)', '어노테이션 (시뮬레이션하지 않음)'));

/** ObjectMeta; `namespaced` adds `namespace`. */
export function metadata(namespaced: boolean, nameHint: string): JsonSchema {
  const loose = (en: string, ko: string): JsonSchema => ({ description: d(`${en} (set by the API server; ignored)`, `${ko} (API 서버가 설정; 무시됨)`) });
  return obj(d('Object metadata', '오브젝트 메타데이터'), {
    name: str(d(`Object name (${nameHint})`, `오브젝트 이름 (${nameHint})`)),
    ...(namespaced ? { namespace: str(d('Namespace. Default "default"', '네임스페이스. 기본값 "default"'), { default: 'default' }) } : {}),
    generateName: str(d('Name prefix for the server to complete (a scenario needs `name`)', '서버가 완성할 이름 접두사 (시나리오에는 `name` 필요)')),
    labels,
    annotations,
    uid: loose('UID', 'UID'),
    resourceVersion: loose('Resource version', '리소스 버전'),
    generation: loose('Generation', '세대'),
    creationTimestamp: loose('Creation time', '생성 시각'),
    deletionTimestamp: {
      description: d('Set when the object is being deleted: a Pod with it is terminating', '삭제 중일 때 설정: 이 값이 있는 파드는 종료 중(terminating)'),
    },
    deletionGracePeriodSeconds: loose('Grace period', '유예 기간'),
    ownerReferences: loose('Owners', '소유자'),
    finalizers: loose('Finalizers', '파이널라이저'),
    managedFields: loose('Field managers', '필드 관리자'),
    selfLink: loose('Self link', '셀프 링크'),
  });
}

const containerPort = obj(
  d('A port the container listens on', '컨테이너가 리슨하는 포트'),
  {
    name: str(d('Port name (IANA_SVC_NAME: ≤15 chars, a-z 0-9 -); a Service targetPort can name it', '포트 이름 (IANA_SVC_NAME: 15자 이하, a-z 0-9 -); 서비스 targetPort가 이 이름을 참조 가능')),
    containerPort: int(d('Port number on the pod IP', '파드 IP의 포트 번호'), 1, 65535),
    protocol,
    hostPort: int(d('Port on the node (not simulated)', '노드 포트 (시뮬레이션하지 않음)'), 1, 65535),
    hostIP: str(d('Node address for hostPort (not simulated)', 'hostPort용 노드 주소 (시뮬레이션하지 않음)')),
  },
  ['containerPort'],
);

const notSimulated = (en: string, ko: string): JsonSchema => ({ description: d(`${en} (not simulated)`, `${ko} (시뮬레이션하지 않음)`) });

const container = obj(d('A container', '컨테이너'), {
  name: str(d('Container name (DNS-1123 label)', '컨테이너 이름 (DNS-1123 레이블)')),
  image: str(d('Container image', '컨테이너 이미지')),
  command: list(d('Entrypoint', '엔트리포인트'), { type: 'string' }),
  args: list(d('Arguments', '인자'), { type: 'string' }),
  workingDir: str(d('Working directory', '작업 디렉터리')),
  ports: list(d('Container ports (named ports resolve named targetPorts)', '컨테이너 포트 (이름 있는 포트는 targetPort 이름으로 참조됨)'), containerPort),
  env: notSimulated('Environment variables', '환경 변수'),
  envFrom: notSimulated('Environment sources', '환경 변수 소스'),
  resources: notSimulated('Resource requests and limits', '리소스 요청/제한'),
  resizePolicy: notSimulated('Resize policy', '리사이즈 정책'),
  restartPolicy: notSimulated('Restart policy', '재시작 정책'),
  volumeMounts: notSimulated('Volume mounts', '볼륨 마운트'),
  volumeDevices: notSimulated('Volume devices', '볼륨 디바이스'),
  livenessProbe: notSimulated('Liveness probe', '라이브니스 프로브'),
  readinessProbe: notSimulated('Readiness probe (readiness comes from status.conditions)', '레디니스 프로브 (준비 상태는 status.conditions로 지정)'),
  startupProbe: notSimulated('Startup probe', '스타트업 프로브'),
  lifecycle: notSimulated('Lifecycle hooks', '라이프사이클 훅'),
  terminationMessagePath: notSimulated('Termination message path', '종료 메시지 경로'),
  terminationMessagePolicy: notSimulated('Termination message policy', '종료 메시지 정책'),
  imagePullPolicy: notSimulated('Image pull policy', '이미지 풀 정책'),
  securityContext: notSimulated('Security context', '보안 컨텍스트'),
  stdin: notSimulated('Keep stdin open', 'stdin 유지'),
  stdinOnce: notSimulated('Close stdin after one attach', '한 번 attach 후 stdin 닫기'),
  tty: notSimulated('Allocate a TTY', 'TTY 할당'),
});

const PASS_THROUGH_POD_FIELDS: Readonly<Record<string, readonly [string, string]>> = {
  volumes: ['Volumes', '볼륨'],
  initContainers: ['Init containers', '초기화 컨테이너'],
  ephemeralContainers: ['Ephemeral containers', '임시 컨테이너'],
  restartPolicy: ['Restart policy', '재시작 정책'],
  terminationGracePeriodSeconds: ['Grace period on delete', '삭제 유예 기간'],
  activeDeadlineSeconds: ['Active deadline', '활성 기한'],
  dnsPolicy: ['DNS policy', 'DNS 정책'],
  nodeSelector: ['Node selector (placement comes from nodeName or round-robin)', '노드 셀렉터 (배치는 nodeName 또는 라운드로빈)'],
  serviceAccountName: ['Service account', '서비스 어카운트'],
  serviceAccount: ['Service account (deprecated)', '서비스 어카운트 (사용 중단)'],
  automountServiceAccountToken: ['Mount the token', '토큰 마운트'],
  hostPID: ['Host PID namespace', '호스트 PID 네임스페이스'],
  hostIPC: ['Host IPC namespace', '호스트 IPC 네임스페이스'],
  shareProcessNamespace: ['Share process namespace', '프로세스 네임스페이스 공유'],
  securityContext: ['Pod security context', '파드 보안 컨텍스트'],
  imagePullSecrets: ['Image pull secrets', '이미지 풀 시크릿'],
  hostname: ['Hostname', '호스트 이름'],
  subdomain: ['Subdomain', '서브도메인'],
  affinity: ['Affinity', '어피니티'],
  schedulerName: ['Scheduler', '스케줄러'],
  tolerations: ['Tolerations', '톨러레이션'],
  hostAliases: ['/etc/hosts entries', '/etc/hosts 항목'],
  priorityClassName: ['Priority class', '우선순위 클래스'],
  priority: ['Priority', '우선순위'],
  dnsConfig: ['DNS config', 'DNS 설정'],
  readinessGates: ['Readiness gates', '레디니스 게이트'],
  runtimeClassName: ['Runtime class', '런타임 클래스'],
  enableServiceLinks: ['Service environment variables', '서비스 환경 변수'],
  preemptionPolicy: ['Preemption policy', '선점 정책'],
  overhead: ['Overhead', '오버헤드'],
  topologySpreadConstraints: ['Topology spread', '토폴로지 분산'],
  setHostnameAsFQDN: ['Hostname as FQDN', 'FQDN 호스트 이름'],
  os: ['Operating system', '운영체제'],
  hostUsers: ['Host user namespace', '호스트 사용자 네임스페이스'],
  schedulingGates: ['Scheduling gates', '스케줄링 게이트'],
  resourceClaims: ['Resource claims', '리소스 클레임'],
  resources: ['Pod-level resources', '파드 수준 리소스'],
};

export const podSpec: JsonSchema = obj(d('Pod specification', '파드 명세'), {
  containers: list(d('Containers of the pod', '파드의 컨테이너'), container),
  nodeName: str(d('Node to run on (must be a node of the scenario); unset: workers round-robin', '실행할 노드 (시나리오의 노드여야 함); 없으면 워커에 라운드로빈')),
  hostNetwork: bool(d("Use the node's network namespace: the pod IP is the node's InternalIP", '노드의 네트워크 네임스페이스 사용: 파드 IP = 노드 InternalIP')),
  ...Object.fromEntries(Object.entries(PASS_THROUGH_POD_FIELDS).map(([k, [en, ko]]) => [k, notSimulated(en, ko)])),
});

export const podStatus: JsonSchema = obj(d('Pod status (what the kubelet would report)', '파드 상태 (kubelet이 보고할 내용)'), {
  podIP: str(d('Pod IP; unset: next free address of the node pod CIDR from .2', '파드 IP; 없으면 노드 pod CIDR의 .2부터 빈 주소')),
  podIPs: list(d('Pod IPs (the first one is the pod IP)', '파드 IP 목록 (첫 번째가 파드 IP)'), obj(d('A pod IP', '파드 IP'), { ip: str(d('Address', '주소')) })),
  conditions: list(
    d('Conditions; type Ready with status "False" makes the endpoint not ready', '조건; type Ready, status "False"이면 엔드포인트가 not ready'),
    obj(d('A condition', '조건'), {
      type: str(d('Condition type, e.g. Ready', '조건 종류, 예: Ready')),
      status: oneOfStrings(d('True, False or Unknown', 'True, False 또는 Unknown'), ['True', 'False', 'Unknown']),
      lastProbeTime: notSimulated('Last probe time', '마지막 프로브 시각'),
      lastTransitionTime: notSimulated('Last transition time', '마지막 전환 시각'),
      reason: str(d('Reason', '이유')),
      message: str(d('Message', '메시지')),
      observedGeneration: notSimulated('Observed generation', '관측 세대'),
    }),
  ),
  phase: str(d('Pod phase', '파드 단계')),
  hostIP: str(d("Node's IP (derived from nodeName)", '노드 IP (nodeName에서 유도)')),
  hostIPs: notSimulated('Node IPs', '노드 IP 목록'),
  message: str(d('Message', '메시지')),
  reason: str(d('Reason', '이유')),
  nominatedNodeName: str(d('Nominated node', '지명된 노드')),
  startTime: notSimulated('Start time', '시작 시각'),
  initContainerStatuses: notSimulated('Init container statuses', '초기화 컨테이너 상태'),
  containerStatuses: notSimulated('Container statuses', '컨테이너 상태'),
  ephemeralContainerStatuses: notSimulated('Ephemeral container statuses', '임시 컨테이너 상태'),
  qosClass: str(d('QoS class', 'QoS 클래스')),
  resize: notSimulated('Resize status', '리사이즈 상태'),
  resourceClaimStatuses: notSimulated('Resource claim statuses', '리소스 클레임 상태'),
  observedGeneration: notSimulated('Observed generation', '관측 세대'),
});

/** `metav1.LabelSelector` (Deployments). */
export const labelSelector: JsonSchema = obj(d('Label selector', '레이블 셀렉터'), {
  matchLabels: stringMap(d('Labels that must all be equal', '모두 같아야 하는 레이블')),
  matchExpressions: list(
    d('Set-based requirements', '집합 기반 조건'),
    obj(d('A requirement', '조건'), {
      key: str(d('Label key', '레이블 키')),
      operator: oneOfStrings(d('In, NotIn, Exists or DoesNotExist', 'In, NotIn, Exists 또는 DoesNotExist'), ['In', 'NotIn', 'Exists', 'DoesNotExist']),
      values: list(d('Values (In/NotIn)', '값 목록 (In/NotIn)'), { type: 'string' }),
    }, ['key', 'operator']),
  ),
});
