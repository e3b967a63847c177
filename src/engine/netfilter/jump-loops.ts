/**
 * The jumps the kernel refuses because they close a loop (nf_tables: ELOOP/EMLINK; x_tables: "loop
 * detected"), found by one depth-first search over a table's jump graph (white, grey = on the current
 * path, black = done): a jump to a grey chain closes a loop. The search starts from the chains in table
 * order (built-in chains first, then user chains as declared) and follows each chain's jumps in line
 * order, so the jump refused is the one that leads back onto the path walked from the table's first
 * chain. Linear in chains + jumps (a search per jump was quadratic: 47 s for 20,000 chains); chains are
 * numbered once so the search itself runs over typed arrays (110,000 chains for 10,000 services).
 */

/** A jump (or goto) from one chain's rule to another chain; both chains exist in the table. */
export interface ChainJump {
  readonly from: string;
  readonly to: string;
}

const WHITE = 0;
const GREY = 1;
const BLACK = 2;

/** The jumps (of `jumps`, given in line order) that close a loop, in the order the search meets them. */
export function loopClosingJumps<J extends ChainJump>(chains: Iterable<string>, jumps: readonly J[]): J[] {
  return loopClosingJumpIndexes(chains, jumps.map((j) => j.from), jumps.map((j) => j.to)).map((k) => jumps[k]!);
}

/** `loopClosingJumps` for jumps given as two lists (jump k goes from `from[k]` to `to[k]`): the indexes of the closing ones. */
export function loopClosingJumpIndexes(chains: Iterable<string>, fromNames: readonly string[], toNames: readonly string[]): number[] {
  const count = fromNames.length;
  if (count === 0) return [];
  const index = new Map<string, number>();
  let n = 0;
  for (const c of chains) if (!index.has(c)) index.set(c, n++);
  // Only the table's chains start a search (as the kernel walks from them); other names are only reached.
  const roots = n;
  const idOf = (name: string): number => {
    let id = index.get(name);
    if (id === undefined) {
      id = n++;
      index.set(name, id);
    }
    return id;
  };
  const from = new Int32Array(count);
  const to = new Int32Array(count);
  for (let k = 0; k < count; k++) {
    from[k] = idOf(fromNames[k]!);
    to[k] = idOf(toNames[k]!);
  }
  const rootOrder = new Int32Array(roots);
  for (let r = 0; r < roots; r++) rootOrder[r] = r;
  return loopClosingNumberedJumps(rootOrder, n, from, to, count);
}

/**
 * The search itself over numbered chains (0 … chainCount − 1): `roots` are the table's chains in table order,
 * jump k goes from chain `from[k]` to chain `to[k]` (k < count, in line order). Returns the closing jumps' k.
 */
export function loopClosingNumberedJumps(roots: Int32Array, chainCount: number, from: Int32Array, to: Int32Array, count: number): number[] {
  if (count === 0) return [];
  const n = chainCount;
  // Each chain's outgoing jumps in line order, as a compressed adjacency list (offsets into `order`).
  const start = new Int32Array(n + 1);
  for (let k = 0; k < count; k++) start[from[k]! + 1]!++;
  for (let c = 0; c < n; c++) start[c + 1]! += start[c]!;
  const fill = start.slice(0, n);
  const order = new Int32Array(count);
  for (let k = 0; k < count; k++) order[fill[from[k]!]!++] = k;

  const colour = new Uint8Array(n);
  const stack = new Int32Array(n);
  const next = new Int32Array(n);
  const closing: number[] = [];
  for (const root of roots) {
    if (colour[root] !== WHITE || start[root] === start[root + 1]) continue;
    colour[root] = GREY;
    let depth = 0;
    stack[0] = root;
    next[0] = start[root]!;
    while (depth >= 0) {
      const top = stack[depth]!;
      if (next[depth] === start[top + 1]) {
        colour[top] = BLACK;
        depth--;
        continue;
      }
      const k = order[next[depth]!++]!;
      const target = to[k]!;
      const c = colour[target];
      if (c === GREY) closing.push(k);
      else if (c === WHITE) {
        colour[target] = GREY;
        depth++;
        stack[depth] = target;
        next[depth] = start[target]!;
      }
    }
  }
  return closing;
}
