/**
 * Lessons and share links name a packet's ends the way the CLI does (`svc-clusterip:9000`,
 * `external:198.51.100.7`, `127.0.0.1:30080`); the pickers offer the worker's canonical values
 * (`svc-clusterip.default:9000`). This maps one onto the other, and turns what the pickers do not
 * offer into extra options, so the pickers always show what will really be sent.
 */
import type { Choice, PacketChoices } from '../../worker/api';

/** `NAME[.NAMESPACE]:PORT`, as a Service destination is written (DESIGN §4). */
const SERVICE = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?)(?:\.([a-z0-9]([-a-z0-9]*[a-z0-9])?))?:(\d{1,5})$/;
const IP_PORT = /^\d{1,3}(\.\d{1,3}){3}:\d{1,5}$/;

/** The picker's value for a source: pods in `default` are offered without their namespace. */
export function sourceValue(choices: PacketChoices, value: string): string {
  if (choices.sources.some((c) => c.value === value)) return value;
  const bare = value.startsWith('default/') ? value.slice('default/'.length) : undefined;
  if (bare && choices.sources.some((c) => c.value === bare)) return bare;
  return value;
}

/** The picker's value for a destination: `svc:9000` → `svc.default:9000` when that Service port is offered. */
export function destinationValue(choices: PacketChoices, value: string): string {
  if (choices.destinations.some((c) => c.value === value)) return value;
  const m = SERVICE.exec(value);
  if (m && !IP_PORT.test(value)) {
    const canonical = `${m[1]}.${m[3] ?? 'default'}:${m[5]}`;
    if (choices.destinations.some((c) => c.value === canonical && c.group === 'service')) return canonical;
  }
  return value;
}

/** An option for a value the worker accepts but the pickers do not list. */
export function extraSource(value: string): Choice {
  // `external:IP` is the outside client at another address: named like the listed one, in the UI's language.
  const ip = /^external:(.+)$/.exec(value)?.[1];
  if (ip !== undefined) return { value, group: 'external', what: { kind: 'external', ip } };
  return { value, group: value.startsWith('external') ? 'external' : 'pod' };
}

export function extraDestination(value: string, nodes: readonly string[], protocol?: 'tcp' | 'udp'): Choice {
  const node = /^(.+):\d{1,5}$/.exec(value)?.[1];
  // `NODE:PORT` is a NodePort; the Via picker hides itself for those, as it should (the node is named).
  const group: Choice['group'] = node !== undefined && nodes.includes(node) ? 'nodePort' : IP_PORT.test(value) ? 'externalIP' : 'service';
  return { value, group, ...(protocol ? { protocol } : {}) };
}

/** A packet to send as lessons and share links describe it (CLI spelling accepted). */
export interface PacketSetup {
  readonly from: string;
  readonly to: string;
  readonly via?: string;
  readonly protocol?: 'tcp' | 'udp' | 'icmp';
  readonly seed?: number;
  /** The client's source port, when a lesson fixes it (a UDP client asking again from the same port). */
  readonly sport?: number;
  /** A lesson's long-lived TCP connection: no FIN after the response (it stays ESTABLISHED). */
  readonly keepOpen?: boolean;
  /** A lesson's send in another kube-proxy mode than the scenario's (compare the two). */
  readonly mode?: 'iptables' | 'nftables' | 'ipvs';
}

export interface ResolvedEnds {
  readonly from: string;
  readonly to: string;
  readonly extraSources: readonly Choice[];
  readonly extraDestinations: readonly Choice[];
}

/** Both ends as the pickers will show them, with the options they are missing. */
export function resolveEnds(choices: PacketChoices, from: string, to: string, protocol?: 'tcp' | 'udp' | 'icmp'): ResolvedEnds {
  const f = sourceValue(choices, from);
  const t = destinationValue(choices, to);
  const nodes = choices.sources.filter((c) => c.group === 'node').map((c) => c.value);
  return {
    from: f,
    to: t,
    extraSources: choices.sources.some((c) => c.value === f) ? [] : [extraSource(f)],
    extraDestinations: choices.destinations.some((c) => c.value === t) ? [] : [extraDestination(t, nodes, protocol === 'icmp' ? undefined : protocol)],
  };
}
