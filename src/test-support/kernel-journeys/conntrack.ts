/**
 * `conntrack -L` lines, the real ones and the lab's, reduced to what does not depend on chance or on the
 * clock: protocol, state, both tuples and flags, without the countdown (`119` vs `118`) and `use=`. The
 * client's ephemeral port and the port MASQUERADE `--random-fully` picked differ from run to run in both
 * worlds, so they become the symbols `C` (the client's port) and `M` (a port SNAT chose).
 */

export interface Tuple {
  readonly src: string;
  readonly dst: string;
  readonly sport: string;
  readonly dport: string;
}

export interface Entry {
  readonly protocol: string;
  readonly state: string;
  readonly original: Tuple;
  readonly reply: Tuple;
  readonly flags: readonly string[];
  readonly mark: string;
}

export function parseConntrackLine(line: string): Entry | undefined {
  const words = line.trim().split(/\s+/);
  const protocol = words[0];
  if (!protocol || !/^[a-z]+$/.test(protocol)) return undefined;
  // `tcp 6 119 TIME_WAIT src=…`: a state word comes before the first key=value only for TCP (and SCTP).
  const firstKey = words.findIndex((w) => w.includes('='));
  // Not an entry (conntrack's own "N flow entries have been shown" line, a blank line).
  if (firstKey < 0 || !words[firstKey]!.startsWith('src=')) return undefined;
  const state = firstKey > 3 ? words[3]! : '';
  const values: Record<string, string>[] = [];
  const flags: string[] = [];
  let mark = '';
  for (const w of words.slice(firstKey)) {
    const m = /^(src|dst|sport|dport|type|code|id)=(.*)$/.exec(w);
    if (m) {
      if (m[1] === 'src') values.push({});
      values[values.length - 1]![m[1]!] = m[2]!;
    } else if (w.startsWith('[')) flags.push(w);
    else if (w.startsWith('mark=')) mark = w.slice(5);
  }
  const tuple = (v: Record<string, string> | undefined): Tuple => ({
    src: v?.src ?? '', dst: v?.dst ?? '', sport: v?.sport ?? v?.id ?? '', dport: v?.dport ?? (v?.type !== undefined ? `${v.type}/${v.code ?? ''}` : ''),
  });
  return { protocol, state, original: tuple(values[0]), reply: tuple(values[1]), flags: flags.sort(), mark };
}

/** Node → entries, with the client's port and SNAT-chosen ports replaced by `C` and `M`. */
export function normalizeConntrack(byNode: Readonly<Record<string, readonly string[]>>, clientPort: number): Record<string, string[]> {
  const entries = Object.entries(byNode).map(([node, lines]) => [node, lines.map(parseConntrackLine).filter((e): e is Entry => e !== undefined)] as const);
  const symbols = new Map<string, string>([[String(clientPort), 'C']]);
  for (const [, list] of entries) {
    for (const e of list) {
      const snat = e.reply.dst !== e.original.src || e.reply.dport !== e.original.sport;
      if (snat && !symbols.has(e.reply.dport)) symbols.set(e.reply.dport, 'M');
    }
  }
  const port = (p: string): string => symbols.get(p) ?? p;
  const text = (e: Entry): string =>
    [
      e.protocol,
      e.state,
      `src=${e.original.src} dst=${e.original.dst} sport=${port(e.original.sport)} dport=${port(e.original.dport)}`,
      `src=${e.reply.src} dst=${e.reply.dst} sport=${port(e.reply.sport)} dport=${port(e.reply.dport)}`,
      ...e.flags,
      `mark=${e.mark}`,
    ]
      .filter((w) => w !== '')
      .join(' ');
  const out: Record<string, string[]> = {};
  for (const [node, list] of entries) if (list.length > 0) out[node] = list.map(text).sort();
  return out;
}

/** Where the connection was masqueraded, read off the reply tuples: node → the address the reply goes back to. */
export function masquerades(byNode: Readonly<Record<string, readonly string[]>>): string[] {
  const out: string[] = [];
  for (const [node, lines] of Object.entries(byNode)) {
    for (const line of lines) {
      const e = parseConntrackLine(line);
      if (e && e.reply.dst !== e.original.src) out.push(`${node}: ${e.original.src} → ${e.reply.dst}`);
    }
  }
  return out.sort();
}
