/**
 * A shape's rule is what iptables-restore would load from its text: each of the per-endpoint shapes against
 * the parser (appendedRule on the tokenized line, as a pasted dump goes), on random endpoints, service port
 * names, protocols and endpoint counts, with and without the per-endpoint comments.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { appendedRule } from '../netfilter/append-rule';
import { tokenizeLine } from '../netfilter/tokenize';
import { ENDPOINT_SHAPES } from './endpoint-rule-shapes';
import type { RuleShape } from './endpoint-rule-shapes';
import { endpointChainName } from './chain-names';
import type { EndpointInfo, ServicePortInfo } from './service-ports';
import { parseIpv4 } from '../ipv4';

const octet = fc.integer({ min: 0, max: 255 });
const ipArb = fc.tuple(octet, octet, octet, octet).map((o) => o.join('.'));
const label = fc.stringMatching(/^[a-z]([a-z0-9-]{0,10}[a-z0-9])?$/);
const nameArb = fc.tuple(label, label, fc.option(label, { nil: undefined })).map(([ns, name, port]) => (port === undefined ? `${ns}/${name}` : `${ns}/${name}:${port}`));
const protocolArb = fc.constantFrom('tcp', 'udp', 'sctp');

function endpoint(name: string, protocol: string, ip: string, port: number): EndpointInfo {
  const key = `${ip}:${port}`;
  return { ip, address: parseIpv4(ip)!, port, key, isLocal: false, ready: true, serving: true, terminating: false, chain: endpointChainName(name, protocol, key), sources: [] };
}

/** What parsing `-A CHAIN <text>` gives. */
function parsed<A, B, C>(shape: RuleShape<A, B, C>, chain: string, a: A, b: B, c: C): unknown {
  const { tokens, error } = tokenizeLine(`-A ${chain} ${shape.text(a, b, c)}`);
  expect(error).toBeUndefined();
  const appended = appendedRule('nat', chain, 4, tokens.slice(2));
  if (!appended.ok) throw new Error(appended.message);
  return appended.rule;
}

describe('per-endpoint rule shapes', () => {
  it('build the rule the parser reads from their text', () => {
    fc.assert(
      fc.property(nameArb, protocolArb, ipArb, fc.integer({ min: 1, max: 65535 }), fc.integer({ min: 1, max: 40 }), fc.nat(), fc.boolean(), (name, protocol, ip, port, n, at, commented) => {
        const sp = { name, protocol } as ServicePortInfo;
        const ep = endpoint(name, protocol, ip, port);
        const shapes = commented ? ENDPOINT_SHAPES.commented : ENDPOINT_SHAPES.plain;
        expect(shapes.hairpin.rule(sp, ep, 0)).toStrictEqual(parsed(shapes.hairpin, ep.chain, sp, ep, 0));
        expect(shapes.dnat.rule(sp, ep, 0)).toStrictEqual(parsed(shapes.dnat, ep.chain, sp, ep, 0));
        const chain = { sp, endpoints: n };
        const i = at % n;
        expect(shapes.pick.rule(chain, ep, i)).toStrictEqual(parsed(shapes.pick, 'KUBE-SVC-ABCDEFGHIJKLMNOP', chain, ep, i));
      }),
      { numRuns: 300, seed: 16 },
    );
  });

  it('print what kube-proxy prints', () => {
    const sp = { name: 'default/web:http', protocol: 'tcp' } as ServicePortInfo;
    const ep = endpoint(sp.name, 'tcp', '10.244.1.5', 8080);
    const { commented, plain } = ENDPOINT_SHAPES;
    expect(commented.hairpin.text(sp, ep, 0)).toBe('-m comment --comment default/web:http -s 10.244.1.5 -j KUBE-MARK-MASQ');
    expect(plain.dnat.text(sp, ep, 0)).toBe('-m tcp -p tcp -j DNAT --to-destination 10.244.1.5:8080');
    expect(commented.pick.text({ sp, endpoints: 3 }, ep, 0)).toBe(
      `-m comment --comment "default/web:http -> 10.244.1.5:8080" -m statistic --mode random --probability 0.3333333333 -j ${ep.chain}`,
    );
    expect(plain.pick.text({ sp, endpoints: 3 }, ep, 2)).toBe(`-j ${ep.chain}`);
  });

  it('leave a comment the tokenizer reads differently to the parser', () => {
    const sp = { name: 'default/we"b', protocol: 'tcp' } as ServicePortInfo;
    const ep = endpoint(sp.name, 'tcp', '10.244.1.5', 8080);
    expect(ENDPOINT_SHAPES.commented.hairpin.rule(sp, ep, 0)).toBeUndefined();
    expect(ENDPOINT_SHAPES.commented.pick.rule({ sp, endpoints: 2 }, ep, 0)).toBeUndefined();
    expect(ENDPOINT_SHAPES.plain.hairpin.rule(sp, ep, 0)).toBeDefined();
  });
});
