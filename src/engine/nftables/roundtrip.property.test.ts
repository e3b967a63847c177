/**
 * Round trips over generated kube-proxy-shaped rulesets: the listing and the transaction printers each
 * read back to the same model (parse(print(model)) = model), and printed text prints back unchanged
 * (print(parse(text)) = text).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { arbitraryKubeProxyTransaction } from '../test-support/arbitrary-nft';
import { parseNftList } from './parse-list';
import { parseTransaction } from './parse-transaction';
import { printNftList } from './print-list';
import { printTransaction } from './print-transaction';

const models = arbitraryKubeProxyTransaction.map((tx) => {
  const r = parseTransaction(tx);
  expect(r.errors).toEqual([]);
  return r.ruleset;
});

describe('nftables printers and parsers round-trip', () => {
  it('nft list ruleset: parse(print(model)) = model and print(parse(text)) = text', () => {
    fc.assert(
      fc.property(models, (model) => {
        const text = printNftList(model);
        const back = parseNftList(text);
        expect(back.errors).toEqual([]);
        expect(back.ruleset).toEqual(model);
        expect(printNftList(back.ruleset)).toBe(text);
      }),
      { numRuns: 100, seed: 4711 },
    );
  });

  it('transaction: parse(print(model)) = model and print(parse(text)) = text', () => {
    fc.assert(
      fc.property(models, (model) => {
        const text = printTransaction(model);
        const back = parseTransaction(text, { declarationsFirst: false });
        expect(back.errors).toEqual([]);
        expect(back.ruleset).toEqual(model);
        expect(printTransaction(back.ruleset)).toBe(text);
      }),
      { numRuns: 100, seed: 4712 },
    );
  });

  it('a transaction applied on top of a ruleset: flush and delete undo what add did', () => {
    fc.assert(
      fc.property(models, (model) => {
        const t = model.tables[0]!;
        const service = t.chains.find((c) => c.name.startsWith('service-'));
        const undo = [
          ...(service ? [`flush chain ip kube-proxy ${service.name}`] : []),
          'flush map ip kube-proxy service-ips',
          'delete element ip kube-proxy nodeport-ips { 192.168.0.2 }',
        ].join('\n');
        const r = parseTransaction(undo, { base: model });
        expect(r.errors).toEqual([]);
        const after = r.ruleset.tables[0]!;
        expect(after.sets.find((s) => s.name === 'service-ips')!.elements).toEqual([]);
        expect(after.sets.find((s) => s.name === 'nodeport-ips')!.elements).toEqual([]);
        if (service) expect(after.chains.find((c) => c.name === service.name)!.rules).toEqual([]);
      }),
      { numRuns: 30, seed: 4713 },
    );
  });
});
