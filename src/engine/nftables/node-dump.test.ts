/**
 * A dump as a real node shows it: `__golden__/node-dump.txt` is what nft 1.0.6 listed in a network
 * namespace holding kube-proxy's golden (`ip kube-proxy`), an `ip6 kube-proxy` table (dual stack) and two
 * tables iptables-nft 1.8.9 made (`iptables -t nat -A KUBE-MARK-MASQ -j MARK --or-mark 0x4000`,
 * `iptables -A INPUT -m conntrack --ctstate INVALID -j DROP`). Pasted, it re-prints: the ip6 table is
 * refused with the reason (and skipped), the rest reads and prints back.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readVector } from '../test-support/vectors';
import { parseNftList } from './parse-list';
import { printNftList, printTable } from './print-list';

const dump = readFileSync(join(import.meta.dirname, '__golden__', 'node-dump.txt'), 'utf8');
const tableText = (name: string): string => {
  const start = dump.indexOf(`table ${name} {\n`);
  return dump.slice(start, dump.indexOf('\n}\n', start) + 3);
};

describe('a real node dump, pasted', () => {
  const r = parseNftList(dump);

  it('reads every table, the ip6 one with its IPv6 match kept as printed', () => {
    expect(r.errors).toEqual([]);
    expect(r.ruleset.tables.map((t) => `${t.family} ${t.name}`)).toEqual(['ip kube-proxy', 'ip6 kube-proxy', 'ip nat', 'ip filter']);
    expect(printTable(r.ruleset.tables[1]!)).toBe(tableText('ip6 kube-proxy'));
  });

  it("kube-proxy's table prints back byte for byte (and is the vector's listing)", () => {
    expect(printTable(r.ruleset.tables[0]!)).toBe(tableText('ip kube-proxy'));
    expect(printTable(r.ruleset.tables[0]!)).toBe(readVector('nftables/nft-list-ruleset.txt'));
  });

  it("iptables-nft's tables print back, except the xtables MARK target, which nft shows in its own words", () => {
    expect(printTable(r.ruleset.tables[3]!)).toBe(tableText('ip filter'));
    // nft prints iptables-nft's `-j MARK --or-mark` (an xt target, not an nft expression) as `meta mark set mark or 0x4000`;
    // read as nft's own statement it prints as nft prints that: the same meaning.
    expect(printTable(r.ruleset.tables[2]!)).toBe(tableText('ip nat').replace('meta mark set mark or 0x4000', 'meta mark set meta mark | 0x00004000'));
    expect(printNftList(r.ruleset)).toBe(r.ruleset.tables.map(printTable).join(''));
  });
});
