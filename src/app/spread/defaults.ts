/** What the spread pickers offer and start on. */
import type { Choice } from '../../worker/api';

/** One entry of a picker: `id` is the <option> value, unique even where two choices share a value. */
export interface ChoiceOption {
  readonly id: string;
  readonly choice: Choice;
}

/**
 * kube-dns offers `kube-dns.kube-system:53` twice (dns over UDP, dns-tcp over TCP): the same value with
 * two protocols. Such values get the protocol appended (`…:53#tcp`); every other id is the plain value.
 */
export function choiceOptions(list: readonly Choice[]): ChoiceOption[] {
  const seen = new Map<string, number>();
  for (const c of list) seen.set(c.value, (seen.get(c.value) ?? 0) + 1);
  return list.map((choice) => ({ id: (seen.get(choice.value) ?? 0) > 1 && choice.protocol ? `${choice.value}#${choice.protocol}` : choice.value, choice }));
}

export interface SpreadPick {
  readonly from?: string;
  readonly to?: string;
}

/**
 * The user's pick while the cluster still offers it; else a pick worth seeing, as the packet controls
 * choose it: the scenario's own first Service (not the implicit kubernetes / kube-dns) and its own last
 * pod — lessons declare the servers first and the client after them.
 */
export function effectivePick(sources: readonly ChoiceOption[], destinations: readonly ChoiceOption[], pick: SpreadPick): SpreadPick {
  const has = (list: readonly ChoiceOption[], id?: string) => id !== undefined && list.some((o) => o.id === id);
  const ownPods = sources.filter((o) => o.choice.group === 'pod' && !isSystem(o.choice.value));
  const from = has(sources, pick.from) ? pick.from : (ownPods[ownPods.length - 1] ?? sources[0])?.id;
  const to = has(destinations, pick.to) ? pick.to : (destinations.find((o) => o.choice.group === 'service' && !isSystem(o.choice.value)) ?? destinations[0])?.id;
  return { ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) };
}

/** The implicit objects every cluster has (DESIGN §2): kube-system's pods and Services, and default/kubernetes. */
function isSystem(value: string): boolean {
  return value.startsWith('kube-system/') || /\.kube-system:/.test(value) || value.startsWith('kubernetes.default:');
}

/** The request fields for a picked option id. */
export function requestFor(options: readonly ChoiceOption[], id: string | undefined): { value: string; protocol?: 'tcp' | 'udp' } | undefined {
  const c = options.find((o) => o.id === id)?.choice;
  if (!c) return undefined;
  return { value: c.value, ...(c.protocol === 'tcp' || c.protocol === 'udp' ? { protocol: c.protocol } : {}) };
}
