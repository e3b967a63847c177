/**
 * A ruleset under construction, as the kernel applies a transaction's commands one by one: objects are
 * created once (`add` on an existing one changes nothing), a rule may only name chains and sets that
 * exist, an element is added once. Problems are returned as messages; the caller locates them.
 * `finish()` gives the model, elements in nft's listing order.
 */
import { sortElements } from './element-order';
import type { BaseChainSpec, NftChain, NftFamily, NftRule, NftRuleset, NftSet, NftTable, SetElement, SetFlag, Statement, Value } from './model';
import { formatValue } from './values';

interface TableB {
  family: NftFamily;
  name: string;
  comment?: string;
  sets: Map<string, SetB>;
  chains: Map<string, ChainB>;
}
type SetB = Omit<NftSet, 'elements' | 'flags' | 'size'> & { flags: SetFlag[]; size?: number; elements: Map<string, SetElement> };
interface ChainB {
  name: string;
  comment?: string;
  base?: BaseChainSpec;
  rules: NftRule[];
}

/** The size nft gives a set the packet path adds to, when the declaration gave none (NFT_SET_DEFAULT_SIZE… as nft 1.0.6 shows it). */
export const DYNAMIC_SET_SIZE = 65535;

const FLAG_ORDER: readonly SetFlag[] = ['constant', 'dynamic', 'interval', 'timeout'];
const keyText = (v: Value): string => formatValue(v);

export class RulesetBuilder {
  private readonly tables = new Map<string, TableB>();

  static from(r: NftRuleset): RulesetBuilder {
    const b = new RulesetBuilder();
    for (const t of r.tables) {
      b.tables.set(`${t.family} ${t.name}`, {
        family: t.family,
        name: t.name,
        ...(t.comment !== undefined ? { comment: t.comment } : {}),
        sets: new Map(t.sets.map((s) => [s.name, { ...s, flags: [...s.flags], elements: new Map(s.elements.map((e) => [keyText(e.key), e])) }])),
        chains: new Map(t.chains.map((c) => [c.name, { ...c, rules: [...c.rules] }])),
      });
    }
    return b;
  }

  table(family: NftFamily, name: string): TableB | undefined {
    return this.tables.get(`${family} ${name}`);
  }

  addTable(family: NftFamily, name: string, comment: string | undefined, create = false): string | undefined {
    const existing = this.table(family, name);
    if (existing) {
      if (create) return `table ${family} ${name} exists`;
      if (comment !== undefined) existing.comment = comment;
      return undefined;
    }
    this.tables.set(`${family} ${name}`, { family, name, ...(comment !== undefined ? { comment } : {}), sets: new Map(), chains: new Map() });
    return undefined;
  }

  deleteTable(family: NftFamily, name: string): string | undefined {
    return this.tables.delete(`${family} ${name}`) ? undefined : `no table ${family} ${name}`;
  }

  addChain(t: TableB, name: string, base: BaseChainSpec | undefined, comment: string | undefined, create = false): string | undefined {
    if (base?.type === 'nat' && base.hook === 'forward') return 'a nat chain cannot hook forward';
    const existing = t.chains.get(name);
    if (existing) {
      if (create) return `chain ${name} exists`;
      if (base && existing.base && (base.hook !== existing.base.hook || base.type !== existing.base.type || base.priority !== existing.base.priority)) return `chain ${name} exists with another hook, type or priority`;
      return undefined;
    }
    t.chains.set(name, { name, ...(comment !== undefined ? { comment } : {}), ...(base ? { base } : {}), rules: [] });
    return undefined;
  }

  addSet(t: TableB, set: NftSet, create = false): string | undefined {
    const existing = t.sets.get(set.name);
    if (existing) {
      if (create) return `${set.kind} ${set.name} exists`;
      if (existing.kind !== set.kind || existing.keyType.join('.') !== set.keyType.join('.')) return `${set.kind} ${set.name} exists with another type`;
      return this.addElements(t, set.name, set.elements);
    }
    const { elements, ...rest } = set;
    t.sets.set(set.name, { ...rest, flags: [...set.flags], elements: new Map() });
    return this.addElements(t, set.name, elements);
  }

  addElements(t: TableB, setName: string, elements: readonly SetElement[]): string | undefined {
    const set = t.sets.get(setName);
    if (!set) return `no set or map ${setName} in table ${t.family} ${t.name}`;
    for (const e of elements) {
      if ((set.kind === 'map') !== (e.verdict !== undefined)) return set.kind === 'map' ? `map ${setName}: an element needs ": verdict"` : `set ${setName} is not a map`;
      if ((e.key.kind === 'prefix' || e.key.kind === 'range') && !set.flags.includes('interval') && !(e.key.kind === 'prefix' && e.key.length === 32)) {
        return `set ${setName}: ${formatValue(e.key)} is an interval; the set needs flags interval`;
      }
      if (e.timeoutMs !== undefined && !set.flags.includes('timeout')) return `set ${setName}: an element timeout needs flags timeout`;
      const k = keyText(e.key);
      if (!set.elements.has(k)) set.elements.set(k, e);
    }
    return undefined;
  }

  deleteElements(t: TableB, setName: string, keys: readonly Value[]): string | undefined {
    const set = t.sets.get(setName);
    if (!set) return `no set or map ${setName}`;
    for (const k of keys) if (!set.elements.delete(keyText(k))) return `${setName} has no element ${keyText(k)}`;
    return undefined;
  }

  flushSet(t: TableB, name: string): string | undefined {
    const set = t.sets.get(name);
    if (!set) return `no set or map ${name}`;
    set.elements.clear();
    return undefined;
  }

  deleteSet(t: TableB, name: string): string | undefined {
    if (this.referencesSet(t, name)) return `${name} is in use by a rule`;
    return t.sets.delete(name) ? undefined : `no set or map ${name}`;
  }

  flushChain(t: TableB, name: string): string | undefined {
    const c = t.chains.get(name);
    if (!c) return `no chain ${name}`;
    c.rules = [];
    return undefined;
  }

  deleteChain(t: TableB, name: string): string | undefined {
    const c = t.chains.get(name);
    if (!c) return `no chain ${name}`;
    if (c.rules.length > 0) return `chain ${name} is not empty`;
    if (this.referencesChain(t, name)) return `chain ${name} is in use (a rule or a map element jumps to it)`;
    t.chains.delete(name);
    return undefined;
  }

  flushTable(t: TableB): void {
    for (const c of t.chains.values()) c.rules = [];
  }

  addRule(t: TableB, chainName: string, rule: NftRule, insert = false): string | undefined {
    const chain = t.chains.get(chainName);
    if (!chain) return `no chain ${chainName} in table ${t.family} ${t.name}`;
    for (const s of rule.statements) {
      const missing = this.missingReference(t, s);
      if (missing) return missing;
    }
    for (const s of rule.statements) {
      // nft marks a set the packet path writes to as dynamic (and gives it a size), as `nft list` then shows.
      if (s.kind === 'set-update') {
        const set = t.sets.get(s.set)!;
        if (!set.flags.includes('dynamic')) set.flags = FLAG_ORDER.filter((f) => f === 'dynamic' || set.flags.includes(f));
        set.size ??= DYNAMIC_SET_SIZE;
      }
    }
    if (insert) chain.rules.unshift(rule);
    else chain.rules.push(rule);
    return undefined;
  }

  private missingReference(t: TableB, s: Statement): string | undefined {
    const chainOk = (name: string): string | undefined => (t.chains.has(name) ? undefined : `no chain ${name} (a jump or goto needs it declared first)`);
    const setOk = (name: string, map: boolean): string | undefined => {
      const set = t.sets.get(name);
      if (!set) return `no ${map ? 'map' : 'set'} ${name} (declare it first)`;
      return (set.kind === 'map') === map ? undefined : `${name} is a ${set.kind}`;
    };
    switch (s.kind) {
      case 'verdict':
        return s.verdict.kind === 'jump' || s.verdict.kind === 'goto' ? chainOk(s.verdict.chain) : undefined;
      case 'vmap':
        if (s.map.kind === 'named') return setOk(s.map.name, true);
        for (const e of s.map.elements) if (e.verdict.kind === 'jump' || e.verdict.kind === 'goto') return chainOk(e.verdict.chain);
        return undefined;
      case 'match':
        return 'kind' in s.right && s.right.kind === 'named' ? setOk(s.right.name, false) : undefined;
      case 'set-update':
        return setOk(s.set, false);
      default:
        return undefined;
    }
  }

  private referencesChain(t: TableB, name: string): boolean {
    const to = (v: { kind: string; chain?: string } | undefined): boolean => v !== undefined && (v.kind === 'jump' || v.kind === 'goto') && v.chain === name;
    for (const s of t.sets.values()) for (const e of s.elements.values()) if (to(e.verdict)) return true;
    for (const c of t.chains.values())
      for (const r of c.rules)
        for (const s of r.statements) {
          if (s.kind === 'verdict' && to(s.verdict)) return true;
          if (s.kind === 'vmap' && s.map.kind === 'anonymous' && s.map.elements.some((e) => to(e.verdict))) return true;
        }
    return false;
  }

  private referencesSet(t: TableB, name: string): boolean {
    for (const c of t.chains.values())
      for (const r of c.rules)
        for (const s of r.statements) {
          if (s.kind === 'vmap' && s.map.kind === 'named' && s.map.name === name) return true;
          if (s.kind === 'match' && 'kind' in s.right && s.right.kind === 'named' && s.right.name === name) return true;
          if (s.kind === 'set-update' && s.set === name) return true;
        }
    return false;
  }

  finish(): NftRuleset {
    const tables: NftTable[] = [...this.tables.values()].map((t) => ({
      family: t.family,
      name: t.name,
      ...(t.comment !== undefined ? { comment: t.comment } : {}),
      sets: [...t.sets.values()].map((s): NftSet => {
        const { elements, flags, size, ...rest } = s;
        return { ...rest, flags: FLAG_ORDER.filter((f) => flags.includes(f)), ...(size !== undefined ? { size } : {}), elements: sortElements([...elements.values()]) };
      }),
      chains: [...t.chains.values()].map((c): NftChain => ({ ...c, rules: [...c.rules] })),
    }));
    return { tables };
  }
}
