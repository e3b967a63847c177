/**
 * A From/To option's text in the UI's language, from the engine's structured choice (`ChoiceWhat`).
 * Names, addresses, ports and protocols stay as kubectl prints them; the words around them are translated.
 */
import type { Choice } from '../../worker/api';
import type { Lang } from '../lang';

/**
 * `protocol` overrides the Service port's protocol, for a value offered over two (kube-dns's `UDP/TCP`).
 * A choice without `what` (a value typed on the CLI) is shown as its value.
 */
export function choiceLabel(c: Choice, lang: Lang, protocol?: string): string {
  const w = c.what;
  if (!w) return c.value;
  const en = lang === 'en';
  const proto = protocol ?? ('protocol' in w ? w.protocol : '');
  switch (w.kind) {
    case 'pod':
      return `${w.name} (${w.ip}, ${w.node})`;
    case 'node':
      return en ? `${w.name} (${w.ip}, a process on the node)` : `${w.name} (${w.ip}, 노드의 프로세스)`;
    case 'external':
      return en ? `external client (${w.ip})` : `외부 클라이언트 (${w.ip})`;
    case 'service':
      return `${w.name}${w.namespace === 'default' ? '' : `.${w.namespace}`}:${w.port} (${w.clusterIP}, ${proto})`;
    case 'nodePort':
      return en ? `${w.node}:${w.port} (NodePort of ${w.service}, ${proto})` : `${w.node}:${w.port} (${w.service}의 NodePort, ${proto})`;
    case 'loadBalancer':
      return en ? `${w.ip}:${w.port} (LoadBalancer ${w.service}, ${proto})` : `${w.ip}:${w.port} (${w.service}의 LoadBalancer, ${proto})`;
    case 'externalIP':
      return en ? `${w.ip}:${w.port} (externalIP of ${w.service}, ${proto})` : `${w.ip}:${w.port} (${w.service}의 externalIP, ${proto})`;
    case 'podIP':
      return en ? `${w.ip}:${w.port} (pod ${w.pod}, no Service)` : `${w.ip}:${w.port} (파드 ${w.pod}, 서비스 없음)`;
  }
}
