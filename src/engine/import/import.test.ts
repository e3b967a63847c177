import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importDump, startImport } from './import';
import { chainKey } from './model';
import { printIptablesSave, printIptablesS } from '../netfilter/print';
import { printIptablesList } from '../netfilter/print-list';
import { nodeRuleset } from '../kubeproxy';
import { loadScenario } from '../cluster/load';

const vector = (name: string): string => readFileSync(new URL(`../../../test-vectors/${name}`, import.meta.url), 'utf8');
const kind = importDump(vector('dumps/kind-worker-nat-S.txt'));
const eks = importDump(vector('dumps/eks-node-L.txt'));
const chainRules = (d: typeof kind, table: 'nat' | 'filter', chain: string): string[] => printIptablesS(d.ruleset, table, chain).trimEnd().split('\n').filter((l) => l.startsWith('-A'));

describe('the kind node from the notes (iptables -t nat -S, cut with ...)', () => {
  it('reads both pastes into the nat table, every chain kept with its owner', () => {
    expect(kind.sections.map((s) => [s.format, s.table, s.firstLine])).toEqual([
      ['S', 'nat', 2],
      ['S', 'nat', 50],
    ]);
    expect(kind.hostname).toBe('myk8s-worker');
    expect(kind.owners.get(chainKey('nat', 'DOCKER_OUTPUT'))).toBe('Docker');
    expect(kind.owners.get(chainKey('nat', 'KIND-MASQ-AGENT'))).toBe('kindnet');
    expect(kind.owners.get(chainKey('nat', 'KUBE-KUBELET-CANARY'))).toBe('kubelet');
    expect(kind.owners.get(chainKey('nat', 'KUBE-SVC-KBDEBIL6IU6WL7RF'))).toBe('kube-proxy');
    expect(kind.owners.get(chainKey('nat', 'POSTROUTING'))).toBe('built-in');
    expect(chainRules(kind, 'nat', 'KIND-MASQ-AGENT')).toHaveLength(2);
  });

  it('says where the paste was cut and which chains it jumps to without holding them', () => {
    expect(kind.issues.filter((i) => i.kind === 'elided').map((i) => i.line)).toEqual([17, 40, 45]);
    expect([...kind.missingChains].sort()).toEqual(['nat/KUBE-SEP-DOIEFYKPESCDTYCH', 'nat/KUBE-SEP-K7ALM6KJRBAYOHKX', 'nat/KUBE-SEP-TBW2IYJKUCAC7GB3', 'nat/KUBE-SEP-XVHB3NIW2NQLTFP3']);
    expect(kind.issues.filter((i) => i.severity === 'error')).toEqual([]);
    // the jump stays printable as the node has it
    expect(chainRules(kind, 'nat', 'KUBE-SVC-KBDEBIL6IU6WL7RF')[1]).toBe(
      '-A KUBE-SVC-KBDEBIL6IU6WL7RF -m comment --comment "default/svc-clusterip:svc-webport -> 10.10.1.2:80" -m statistic --mode random --probability 0.33333333349 -j KUBE-SEP-TBW2IYJKUCAC7GB3',
    );
  });
});

describe('the EKS node from the notes (iptables -L without -n, columns collapsed)', () => {
  it('reads EC2 host names back as addresses and service names as ports', () => {
    expect(eks.sections.map((s) => [s.format, s.table])).toEqual([
      ['L', 'filter'],
      ['L', 'nat'],
    ]);
    expect(chainRules(eks, 'nat', 'KUBE-SEP-FEAN3PXQ3RVOJ7A6')).toEqual([
      '-A KUBE-SEP-FEAN3PXQ3RVOJ7A6 -s 10.56.115.164/32 -m comment --comment "test/svc-nginx" -j KUBE-MARK-MASQ',
      '-A KUBE-SEP-FEAN3PXQ3RVOJ7A6 -p tcp -m comment --comment "test/svc-nginx" -m tcp -j DNAT --to-destination 10.56.115.164:80',
    ]);
    expect(chainRules(eks, 'nat', 'KUBE-SERVICES')[2]).toBe(
      '-A KUBE-SERVICES -d 172.30.191.111/32 -p tcp -m comment --comment "test/svc-nginx cluster IP" -m tcp --dport 80 -j KUBE-SVC-MRW7XFPFSYA2VFWG',
    );
    expect(chainRules(eks, 'filter', 'KUBE-FIREWALL')).toEqual([
      '-A KUBE-FIREWALL ! -s 127.0.0.0/8 -d 127.0.0.0/8 -m comment --comment "block incoming localnet connections" -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP',
    ]);
    expect(chainRules(eks, 'nat', 'KUBE-MARK-MASQ')).toEqual(['-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000']);
    expect(chainRules(eks, 'nat', 'KUBE-POSTROUTING')).toEqual([
      '-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN',
      '-A KUBE-POSTROUTING -j MARK --set-xmark 0x4000/0x0',
      '-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully',
    ]);
  });

  it('keeps the empty, unreferenced AWS VPC CNI chains as they are', () => {
    for (const c of ['AWS-CONNMARK-CHAIN-0', 'AWS-CONNMARK-CHAIN-1', 'AWS-SNAT-CHAIN-0', 'AWS-SNAT-CHAIN-1']) {
      expect(eks.ruleset.tables.get('nat')!.chains.get(c)!.rules).toEqual([]);
      expect(eks.owners.get(chainKey('nat', c))).toBe('AWS VPC CNI');
    }
    expect(printIptablesList(eks.ruleset, 'nat')).toContain('Chain AWS-SNAT-CHAIN-0 (0 references)');
  });

  it('keeps the probability cascade 1/4, 1/3, 1/2, rest of test/svc-nginx', () => {
    expect(chainRules(eks, 'nat', 'KUBE-SVC-MRW7XFPFSYA2VFWG').map((l) => /--probability (\S+)/.exec(l)?.[1] ?? 'rest')).toEqual(['0.25000000000', '0.33333333349', '0.50000000000', 'rest']);
  });

  it('reports what -L cannot say (interfaces) and the cuts', () => {
    expect(eks.issues.map((i) => i.kind)).toContain('no-interfaces');
    expect(eks.issues.filter((i) => i.kind === 'elided').map((i) => i.line)).toEqual([47, 143, 145]);
  });
});

describe('what the import reports', () => {
  it('reports a broken line with its number and imports the rest', () => {
    const d = importDump(['*nat', ':PREROUTING ACCEPT [0:0]', ':KUBE-SERVICES - [0:0]', '-A PREROUTING -j KUBE-SERVICES', '-A KUBE-SERVICES -p tcp --dport nope -j ACCEPT', '-A KUBE-SERVICES -d 10.96.0.1/32 -j RETURN', 'COMMIT'].join('\n'));
    const errors = d.issues.filter((i) => i.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.line).toBe(5);
    expect(errors[0]!.message).toMatch(/^line 5: /);
    expect(d.ruleset.tables.get('nat')!.chains.get('KUBE-SERVICES')!.rules).toHaveLength(1);
  });

  it('keeps an unknown match verbatim and reports it once, with how many rules use it', () => {
    const d = importDump(['-P INPUT ACCEPT', '-N CILIUM_INPUT', '-A INPUT -j CILIUM_INPUT', '-A CILIUM_INPUT -m bpf --bytecode "4,48 0 0 9" -j ACCEPT', '-A CILIUM_INPUT -m bpf --bytecode "1,6 0 0 0" -j DROP'].join('\n'));
    const bpf = d.issues.filter((i) => i.subject === '-m bpf');
    expect(bpf).toHaveLength(1);
    expect(bpf[0]!.message).toContain('this dump uses `-m bpf` (2 rules, the first on line 4)');
    expect(d.owners.get(chainKey('filter', 'CILIUM_INPUT'))).toBe('Cilium');
    // kept token by token (the shared printer joins an unknown module's tokens without re-quoting them)
    expect(printIptablesS(d.ruleset, 'filter')).toContain('-A CILIUM_INPUT -m bpf --bytecode 4,48 0 0 9 -j ACCEPT');
  });

  it('splits -S output of several tables pasted without headers, guessing each table', () => {
    const d = importDump(['-P PREROUTING ACCEPT', '-P INPUT ACCEPT', '-P OUTPUT ACCEPT', '-P POSTROUTING ACCEPT', '-A POSTROUTING -j MASQUERADE', '-P INPUT ACCEPT', '-P FORWARD DROP', '-P OUTPUT ACCEPT', '-A FORWARD -j ACCEPT'].join('\n'));
    expect([...d.ruleset.tables.keys()]).toEqual(['nat', 'filter']);
    expect(d.ruleset.tables.get('filter')!.chains.get('FORWARD')!.policy).toBe('DROP');
    expect(d.issues.filter((i) => i.kind === 'guessed-table').map((i) => i.subject)).toEqual(['nat', 'filter']);
  });

  it('reads ip -4 addr and ip route pasted after the rules', () => {
    const d = importDump(
      ['-P INPUT ACCEPT', '$ ip -4 addr', '1: lo: <LOOPBACK,UP> mtu 65536', '    inet 127.0.0.1/8 scope host lo', '2: eth0@if7: <BROADCAST,UP> mtu 1500', '    inet 172.18.0.3/16 brd 172.18.255.255 scope global eth0', '$ ip route', 'default via 172.18.0.1 dev eth0', '10.244.1.0/24 dev cni0 proto kernel scope link src 10.244.1.1'].join('\n'),
    );
    expect(d.interfaces.addresses).toEqual([
      { iface: 'lo', cidr: '127.0.0.1/8' },
      { iface: 'eth0', cidr: '172.18.0.3/16' },
    ]);
    expect(d.interfaces.routes.map((r) => r.text)).toEqual(['default via 172.18.0.1 dev eth0', '10.244.1.0/24 dev cni0 proto kernel scope link src 10.244.1.1']);
  });

  it('reads in slices and reports its progress', () => {
    const run = startImport(vector('dumps/eks-node-L.txt'));
    expect(run.step(50)).toBe(false);
    expect(run.progress()).toEqual({ done: 50, total: run.total });
    while (!run.step(50));
    expect(printIptablesSave(run.result().ruleset)).toBe(printIptablesSave(eks.ruleset));
  });
});

describe('our own printers read back', () => {
  const cluster = loadScenario(vector('k8s-overall/scenario.yaml')).cluster!;
  const { ruleset } = nodeRuleset(cluster, cluster.nodes.at(-1)!.name);
  const save = printIptablesSave(ruleset);

  it('iptables-save', () => {
    expect(printIptablesSave(importDump(save).ruleset)).toBe(save);
  });

  it('iptables -t TABLE -S with prompts', () => {
    const text = [...ruleset.tables.keys()].map((t) => `# iptables -t ${t} -S\n${printIptablesS(ruleset, t)}`).join('');
    expect(printIptablesSave(importDump(text).ruleset)).toBe(save);
  });

  it('iptables -L -n -v -x and iptables -L (names), columns collapsed or not', () => {
    for (const options of [{ numeric: true, verbose: true, exact: true }, { numeric: false, verbose: true, exact: true }, { numeric: true, verbose: true, exact: true, lineNumbers: true }]) {
      const text = [...ruleset.tables.keys()].map((t) => `# iptables -t ${t} -L -n -v -x\n${printIptablesList(ruleset, t, options)}`).join('\n');
      const d = importDump(text);
      expect(d.issues.filter((i) => i.severity !== 'info')).toEqual([]);
      expect(printIptablesSave(d.ruleset)).toBe(save);
      expect(printIptablesSave(importDump(text.replace(/ +/g, ' ')).ruleset)).toBe(save);
    }
  });
});
