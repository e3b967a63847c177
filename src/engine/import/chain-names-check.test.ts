import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../cluster/load';
import { nodeRuleset } from '../kubeproxy';
import { checkChainNames, serviceNameVerdict } from './chain-names-check';
import { importDump } from './import';

const text = (path: string): string => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');

describe('a node\'s chain names checked against their own comments', () => {
  it('every chain kube-proxy (the engine) writes matches its comment, with the protocol its rules use', () => {
    const c = loadScenario(text('src/scenarios/lessons/11-dns-udp.yaml')).cluster!;
    const checks = checkChainNames(nodeRuleset(c, c.nodes[1]!.name).ruleset);
    expect(checks.length).toBeGreaterThan(4);
    expect(checks.filter((x) => x.protocol === undefined)).toEqual([]);
    expect(checks.every((x) => x.expected === x.chain && x.expectedProtocol === x.protocol)).toBe(true);
    expect(checks.some((x) => x.protocol === 'udp')).toBe(true);
  });

  it('the EKS node of the notes: kube-dns and kubernetes match, test/svc-nginx\'s five chains do not (renamed in the paste)', () => {
    const checks = checkChainNames(importDump(text('test-vectors/dumps/eks-node-L.txt')).ruleset);
    const v = serviceNameVerdict(checks, 'test/svc-nginx');
    expect(v.unexplained.map((x) => x.chain).sort()).toEqual(['KUBE-SEP-FEAN3PXQ3RVOJ7A6', 'KUBE-SEP-JAHXFXMKFBHSMIBA', 'KUBE-SEP-VSZSDJYX2QIYQA45', 'KUBE-SEP-XX2VRC25EQBIFPHV', 'KUBE-SVC-MRW7XFPFSYA2VFWG']);
    expect(v.unexplained.find((x) => x.chain === 'KUBE-SVC-MRW7XFPFSYA2VFWG')!.expected).toBe('KUBE-SVC-WUUAWPAQCWK2NLSB');
    expect(v.others.checked).toBeGreaterThan(0);
    expect(v.others.consistent).toBe(v.others.checked);
    expect(checks.find((x) => x.chain === 'KUBE-SEP-OUJNVWUPANHJ5D7L')).toMatchObject({ service: 'kube-system/kube-dns:dns', protocol: 'udp' });
  });

  it('a name hashed with another protocol than the YAML\'s is recognised as such', () => {
    const dump = importDump(
      [
        '-N KUBE-SERVICES',
        '-N KUBE-SVC-3OI236ZBKTWAFB2I',
        // default/web:dns hashed with udp, written beside a tcp rule
        '-A KUBE-SERVICES -d 10.96.0.20/32 -p tcp -m comment --comment "default/web:dns cluster IP" -m tcp --dport 53 -j KUBE-SVC-3OI236ZBKTWAFB2I',
      ].join('\n'),
    );
    const [check] = checkChainNames(dump.ruleset);
    expect(check).toMatchObject({ service: 'default/web:dns', expectedProtocol: 'tcp' });
    expect(check!.protocol).toBe('udp');
    expect(check!.expected).not.toBe(check!.chain);
  });
});
