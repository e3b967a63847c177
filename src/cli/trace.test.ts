import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spreadCommand } from './commands/spread';
import { traceCommand } from './commands/trace';
import type { CliIo } from './io';
import { UsageError } from './io';

type Command = (argv: readonly string[], io: CliIo) => Promise<number>;

/** Runs a command as `main` does (src/cli/main.ts): a UsageError becomes `kpl: message` on stderr and exit 1. */
async function run(command: Command, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: (s) => (out += s), stderr: (s) => (err += s) };
  try {
    return { code: await command(argv, io), out, err };
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    return { code: 1, out, err: `${err}kpl: ${e.message}\n` };
  }
}

const DEFAULT = join(import.meta.dirname, '../scenarios/default.yaml');
const DEFAULT_NODES = ['myk8s-control-plane', 'myk8s-worker', 'myk8s-worker2', 'myk8s-worker3'];

const tmp = mkdtempSync(join(tmpdir(), 'kpl-trace-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const file = (name: string, text: string): string => {
  const p = join(tmp, name);
  writeFileSync(p, text);
  return p;
};

/** A NodePort, a UDP Service and a Service without endpoints (kube-proxy REJECTs it), on a cluster without the implicit system Services. */
const LAB = file(
  'lab.yaml',
  `apiVersion: kind.x-k8s.io/v1alpha4
kind: Cluster
name: lab
nodes: [{role: control-plane}, {role: worker}, {role: worker}]
---
apiVersion: kube-packet-lab/v1
kind: Lab
systemServices: false
---
apiVersion: v1
kind: Pod
metadata: {name: web1, labels: {app: web}}
spec:
  nodeName: lab-worker
  containers: [{name: web, image: nginx, ports: [{name: http, containerPort: 8080}]}]
---
apiVersion: v1
kind: Pod
metadata: {name: dns1, labels: {app: dns}}
spec:
  nodeName: lab-worker2
  containers: [{name: dns, image: coredns, ports: [{name: dns, containerPort: 53, protocol: UDP}]}]
---
apiVersion: v1
kind: Pod
metadata: {name: client}
spec:
  nodeName: lab-worker2
  containers: [{name: c, image: busybox}]
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  type: NodePort
  selector: {app: web}
  ports: [{name: http, port: 80, targetPort: http, nodePort: 30080}]
---
apiVersion: v1
kind: Service
metadata: {name: dns}
spec:
  selector: {app: dns}
  ports: [{name: dns, port: 53, protocol: UDP, targetPort: 53}]
---
apiVersion: v1
kind: Service
metadata: {name: empty}
spec:
  selector: {app: nothing}
  ports: [{port: 80}]
`,
);
const LAB_NODES = ['lab-control-plane', 'lab-worker', 'lab-worker2'];

// ---- A structural validator for DESIGN §4's `trace --json` (fixed fields only: fields may be added). ----

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const OCTET = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(`^${OCTET}(\\.${OCTET}){3}$`);
const HOOKS = ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'];
const TABLES = ['raw', 'mangle', 'nat', 'filter', 'security'];
const CTSTATES = ['NEW', 'ESTABLISHED', 'RELATED', 'INVALID', 'UNTRACKED'];

/** Every way `value` departs from DESIGN §4, as `path: problem` lines; [] when it conforms. */
function traceProblems(value: unknown, nodes: readonly string[]): string[] {
  const problems: string[] = [];
  const bad = (path: string, what: string): void => void problems.push(`${path}: ${what}`);
  const str = (o: Json, k: string, path: string, ok: (s: string) => boolean = () => true): string | undefined => {
    const v = o[k];
    if (typeof v !== 'string' || !ok(v)) return bad(`${path}.${k}`, `unexpected ${JSON.stringify(v)}`), undefined;
    return v;
  };
  const port = (o: Json, k: string, path: string): void => {
    const v = o[k];
    if (!Number.isInteger(v) || (v as number) < 0 || (v as number) > 65535) bad(`${path}.${k}`, `not a port: ${JSON.stringify(v)}`);
  };
  const header = (v: unknown, path: string, withMark: boolean): void => {
    if (!isObject(v)) return bad(path, 'not an object');
    str(v, 'src', path, (s) => IPV4.test(s));
    port(v, 'sport', path);
    str(v, 'dst', path, (s) => IPV4.test(s));
    port(v, 'dport', path);
    if (withMark) str(v, 'mark', path, (s) => /^0x[0-9a-f]+$/.test(s));
  };
  const hop = (h: unknown, path: string): void => {
    if (!isObject(h)) return bad(path, 'not an object');
    str(h, 'node', path, (s) => nodes.includes(s));
    const hook = str(h, 'hook', path, (s) => HOOKS.includes(s));
    str(h, 'table', path, (s) => TABLES.includes(s));
    const chain = str(h, 'chain', path, (s) => /^[A-Za-z0-9_-]+$/.test(s));
    const rule = str(h, 'rule', path, (s) => /^-A \S+ /.test(s) || /^policy (ACCEPT|DROP)$/.test(s));
    if (typeof h.matched !== 'boolean') bad(`${path}.matched`, 'not a boolean');
    if (h.target !== undefined) str(h, 'target', path, (s) => s.length > 0);
    if (rule?.startsWith('-A ') && chain && !rule.startsWith(`-A ${chain} `)) bad(`${path}.rule`, `is not a rule of ${chain}`);
    // A policy belongs to a built-in chain, which is named after its hook.
    if (rule?.startsWith('policy ') && chain !== hook) bad(`${path}.chain`, `${chain} has no policy at ${hook}`);
    const jump = rule && / -j (\S+)/.exec(rule)?.[1];
    if (h.matched === true && jump && h.target !== jump) bad(`${path}.target`, `${String(h.target)} is not the rule's -j ${jump}`);
    header(h.before, `${path}.before`, true);
    header(h.after, `${path}.after`, true);
    str(h, 'ctstate', path, (s) => CTSTATES.includes(s));
  };

  if (!isObject(value)) return ['$: not an object'];
  const outcome = str(value, 'outcome', '$', (s) => ['delivered', 'rejected', 'dropped', 'no-route'].includes(s));
  if (value.endpoint !== undefined) {
    const e = value.endpoint;
    if (!isObject(e)) bad('$.endpoint', 'not an object');
    else {
      str(e, 'ip', '$.endpoint', (s) => IPV4.test(s));
      port(e, 'port', '$.endpoint');
      if (e.pod !== undefined) str(e, 'pod', '$.endpoint');
      if (e.node !== undefined) str(e, 'node', '$.endpoint', (s) => nodes.includes(s));
    }
  } else if (outcome === 'delivered') bad('$.endpoint', 'missing on a delivered connection');
  if (!Array.isArray(value.packets) || value.packets.length === 0) bad('$.packets', 'not a non-empty array');
  else
    value.packets.forEach((p: unknown, i) => {
      const path = `$.packets[${i}]`;
      if (!isObject(p)) return bad(path, 'not an object');
      str(p, 'label', path, (s) => s.length > 0);
      str(p, 'direction', path, (s) => s === 'original' || s === 'reply');
      if (!Array.isArray(p.hops)) bad(`${path}.hops`, 'not an array');
      else p.hops.forEach((h: unknown, k) => hop(h, `${path}.hops[${k}]`));
      if (p.delivered !== undefined) header(p.delivered, `${path}.delivered`, false);
      else if (outcome === 'delivered') bad(`${path}.delivered`, 'missing on a delivered connection');
    });
  if (!isObject(value.conntrack)) bad('$.conntrack', 'not an object');
  else
    for (const [node, lines] of Object.entries(value.conntrack)) {
      if (!nodes.includes(node)) bad(`$.conntrack.${node}`, 'not a node');
      if (!Array.isArray(lines) || !lines.every((l) => typeof l === 'string' && /^(tcp|udp|icmp|sctp)\s+\d+ \d+ /.test(l))) {
        bad(`$.conntrack.${node}`, 'not conntrack -L lines');
      }
    }
  return problems;
}

interface TraceCase {
  readonly name: string;
  readonly file: string;
  readonly nodes: readonly string[];
  readonly argv: readonly string[];
  readonly outcome: string;
  readonly pod?: RegExp;
  readonly labels: readonly string[];
}

const TCP = ['SYN', 'SYN-ACK', 'ACK', 'request', 'response', 'FIN', 'FIN-ACK', 'last ACK'];
const CASES: readonly TraceCase[] = [
  { name: 'pod → ClusterIP', file: DEFAULT, nodes: DEFAULT_NODES, argv: ['--from', 'net-pod', '--to', 'svc-clusterip'], outcome: 'delivered', pod: /^webpod[123]$/, labels: TCP },
  { name: 'pod → ClusterIP on another node', file: LAB, nodes: LAB_NODES, argv: ['--from', 'client', '--to', 'web'], outcome: 'delivered', pod: /^web1$/, labels: TCP },
  { name: 'external → NodePort', file: LAB, nodes: LAB_NODES, argv: ['--from', 'external', '--to', 'lab-control-plane:30080'], outcome: 'delivered', pod: /^web1$/, labels: TCP },
  { name: 'node process → ClusterIP', file: LAB, nodes: LAB_NODES, argv: ['--from', 'lab-worker2', '--to', 'web'], outcome: 'delivered', pod: /^web1$/, labels: TCP },
  { name: 'pod → UDP Service', file: LAB, nodes: LAB_NODES, argv: ['--from', 'client', '--to', 'dns'], outcome: 'delivered', pod: /^dns1$/, labels: ['query', 'response'] },
  // Not delivered is still an answer: exit 0.
  { name: 'pod → Service without endpoints', file: LAB, nodes: LAB_NODES, argv: ['--from', 'client', '--to', 'empty'], outcome: 'rejected', labels: ['SYN', 'ICMP port unreachable'] },
];

async function traceJsonOf(c: TraceCase, ...extra: string[]): Promise<Json> {
  const r = await run(traceCommand, c.file, ...c.argv, '--json', ...extra);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  expect(r.out.endsWith('}\n')).toBe(true);
  return JSON.parse(r.out) as Json;
}

type Hop = { node: string; hook: string; table: string; chain: string; matched: boolean; target?: string };
type Packet = { label: string; hops: Hop[] };

describe('kpl trace --json (DESIGN §4)', () => {
  it.each(CASES)('$name: conforms, every packet has hops', async (c) => {
    const j = await traceJsonOf(c);
    expect(traceProblems(j, c.nodes)).toEqual([]);
    expect(j.outcome).toBe(c.outcome);
    const packets = j.packets as Packet[];
    expect(packets.map((p) => p.label)).toEqual(c.labels);
    for (const p of packets) expect(p.hops.length).toBeGreaterThan(0);
    if (c.pod) expect((j.endpoint as { pod: string }).pod).toMatch(c.pod);
    else expect(j.endpoint).toBeUndefined();
  });

  it('the validator finds what breaks the contract', async () => {
    const valid = await traceJsonOf(CASES[0]!);
    const mutations: readonly [string, (j: Json & { packets: Json[] }) => void, string][] = [
      ['outcome', (j) => (j.outcome = 'ok'), '$.outcome'],
      ['endpoint port', (j) => delete (j.endpoint as Json).port, '$.endpoint.port'],
      ['direction', (j) => (j.packets[0]!.direction = 'sideways'), '$.packets[0].direction'],
      ['rule text', (j) => ((j.packets[0]!.hops as Json[])[0]!.rule = 'ACCEPT'), '$.packets[0].hops[0].rule'],
      ['rule of another chain', (j) => ((j.packets[0]!.hops as Json[])[0]!.rule = '-A OUTPUT -j KUBE-SERVICES'), '$.packets[0].hops[0].rule'],
      ['mark in decimal', (j) => (((j.packets[0]!.hops as Json[])[0]!.before as Json).mark = '16384'), '$.packets[0].hops[0].before.mark'],
      ['after missing', (j) => delete (j.packets[1]!.hops as Json[])[0]!.after, '$.packets[1].hops[0].after'],
      ['ctstate', (j) => ((j.packets[0]!.hops as Json[])[0]!.ctstate = 'new'), '$.packets[0].hops[0].ctstate'],
      ['delivered sport', (j) => ((j.packets[2]!.delivered as Json).sport = '80'), '$.packets[2].delivered.sport'],
      ['conntrack', (j) => (j.conntrack = { 'myk8s-worker': 'tcp 6 ...' }), '$.conntrack.myk8s-worker'],
    ];
    for (const [what, mutate, path] of mutations) {
      const j = structuredClone(valid) as Json & { packets: Json[] };
      mutate(j);
      expect(traceProblems(j, DEFAULT_NODES).join('\n'), what).toContain(`${path}:`);
    }
  });

  // Conntrack: only a connection's first packet walks the nat table; later ones take the entry's binding.
  it.each(CASES.filter((c) => c.labels === TCP))('$name: the SYN walks nat to a DNAT, the ACK and every later packet skip nat', async (c) => {
    const packets = (await traceJsonOf(c)).packets as Packet[];
    const [syn, ...later] = packets;
    expect(syn!.hops.some((h) => h.table === 'nat' && h.matched && h.target === 'DNAT')).toBe(true);
    expect(later.find((p) => p.label === 'ACK')!.hops.filter((h) => h.table === 'nat')).toEqual([]);
    for (const p of later) expect(p.hops.filter((h) => h.table === 'nat'), p.label).toEqual([]);
  });
});

/** The rows of one packet's block in the text trace that stand for rule hops: node, hook, table, chain. */
function ruleRows(text: string, label: string): string[][] {
  const block = text.split('\n\n').find((b) => b.startsWith(`${label} (`));
  expect(block, label).toBeDefined();
  const row = /^ {2}(\S+)\s+(PREROUTING|INPUT|FORWARD|OUTPUT|POSTROUTING) (raw|mangle|nat|filter|security) ([A-Za-z0-9_-]+)(?:#\d+)?(?:\s|$)/;
  return block!
    .split('\n')
    .map((l) => row.exec(l)?.slice(1, 5))
    .filter((r): r is string[] => r !== undefined);
}

describe('kpl trace (text)', () => {
  it('names the endpoint and shows the DNAT of the cluster IP to it', async () => {
    const r = await run(traceCommand, DEFAULT, '--from', 'net-pod', '--to', 'svc-clusterip');
    expect(r).toMatchObject({ code: 0, err: '' });
    const endpoint = (await traceJsonOf(CASES[0]!)).endpoint as { ip: string; pod: string };
    expect(r.out.split('\n')[0]).toMatch(new RegExp(`^delivered → ${endpoint.pod} ${endpoint.ip.replace(/\./g, '\\.')}:80 `));
    expect(r.out).toMatch(/^ {2}myk8s-control-plane +PREROUTING nat KUBE-SEP-[A-Z0-9]{16}#\d+ +DNAT +dst 10\.200\.1\.100:9000 → 10\.10\.[123]\.2:80$/m);
    expect(r.out).toContain(`dst 10.200.1.100:9000 → ${endpoint.ip}:80`);
  });

  it.each([false, true])('one line per hop (verbose: %s), in the order the JSON lists them', async (verbose) => {
    for (const c of CASES) {
      const r = await run(traceCommand, c.file, ...c.argv, ...(verbose ? ['--verbose'] : []));
      expect(r.code).toBe(0);
      const packets = (await traceJsonOf(c)).packets as Packet[];
      for (const p of packets) {
        // Without --verbose only the rules that matched are shown; with it, every rule evaluated.
        const expected = p.hops.filter((h) => verbose || h.matched).map((h) => [h.node, h.hook, h.table, h.chain]);
        expect(ruleRows(r.out, p.label), `${c.name} ${p.label}`).toEqual(expected);
      }
    }
  });

  it('the seed picks the client port and the endpoint; the same seed replays the same trace', async () => {
    const argv = [DEFAULT, '--from', 'net-pod', '--to', 'svc-clusterip'];
    const seed1 = (await run(traceCommand, ...argv, '--seed', '1')).out;
    expect((await run(traceCommand, ...argv)).out).toBe(seed1);
    expect((await run(traceCommand, ...argv, '--seed', '1')).out).toBe(seed1);
    expect((await run(traceCommand, ...argv, '--seed', '4294967295')).out).not.toBe(seed1);
  });
});

type SpreadJson = { connections: number; endpoints: Record<string, number>; failed: number; pods: Record<string, string>; failures: Record<string, number> };

describe('kpl spread', () => {
  const argv = [DEFAULT, '--from', 'net-pod', '--to', 'svc-clusterip', '--connections', '10000', '--json'];

  it('10,000 connections over 3 endpoints: each gets 1/3 ± 2%; the seed replays it exactly', { timeout: 60_000 }, async () => {
    const first = await run(spreadCommand, ...argv);
    expect(first).toMatchObject({ code: 0, err: '' });
    const s = JSON.parse(first.out) as SpreadJson;
    expect(s.connections).toBe(10_000);
    expect(s.failed).toBe(0);
    expect(Object.keys(s.endpoints).sort()).toEqual(['10.10.1.2:80', '10.10.2.2:80', '10.10.3.2:80']);
    expect(s.pods).toEqual({ '10.10.1.2:80': 'webpod1', '10.10.2.2:80': 'webpod2', '10.10.3.2:80': 'webpod3' });
    for (const n of Object.values(s.endpoints)) expect(Math.abs(n / 10_000 - 1 / 3)).toBeLessThanOrEqual(0.02);
    // No --seed is seed 1; the same seed gives the same counts, another seed other counts.
    expect((await run(spreadCommand, ...argv, '--seed', '1')).out).toBe(first.out);
    const other = JSON.parse((await run(spreadCommand, ...argv, '--seed', '2')).out) as SpreadJson;
    expect(other.endpoints).not.toEqual(s.endpoints);
    expect(Object.values(other.endpoints).reduce((a, b) => a + b, 0)).toBe(10_000);
  });

  it('text: one row per endpoint with its pod, count, share and a bar; failures by outcome', async () => {
    const r = await run(spreadCommand, DEFAULT, '--from', 'net-pod', '--to', 'svc-clusterip', '--connections', '600');
    expect(r).toMatchObject({ code: 0, err: '' });
    const j = JSON.parse((await run(spreadCommand, DEFAULT, '--from', 'net-pod', '--to', 'svc-clusterip', '--connections', '600', '--json')).out) as SpreadJson;
    const rows = [...r.out.matchAll(/^ {2}(10\.10\.\d\.2:80) +(webpod\d) +(\d+) +(\d+\.\d)% +(#*)$/gm)];
    expect(rows.map((m) => m[1])).toEqual(['10.10.1.2:80', '10.10.2.2:80', '10.10.3.2:80']);
    for (const [, key, pod, count, share, bar] of rows) {
      expect(pod).toBe(j.pods[key!]);
      expect(Number(count)).toBe(j.endpoints[key!]);
      expect(share).toBe(((100 * Number(count)) / 600).toFixed(1));
      expect(bar!.length).toBe(Math.round((50 * Number(count)) / 600));
    }
    const rejected = await run(spreadCommand, LAB, '--from', 'client', '--to', 'empty', '--connections', '40');
    expect(rejected.code).toBe(0);
    expect(rejected.out).toMatch(/^ {2}\(rejected\) +40 +100\.0% +#{50}$/m);
    expect(rejected.out).toContain('delivered 0, failed 40');
    const json = JSON.parse((await run(spreadCommand, LAB, '--from', 'client', '--to', 'empty', '--connections', '40', '--json')).out) as SpreadJson;
    expect(json).toMatchObject({ connections: 40, endpoints: {}, failed: 40, failures: { rejected: 40 } });
  });
});

describe('kpl trace / spread: bad input exits 1 and names the problem', () => {
  const BAD_YAML = file('bad.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: [broken\n');
  const BAD_PORT = file('port.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n  - port: 0\n');
  const pod = ['--from', 'net-pod', '--to', 'svc-clusterip'];
  const cases: readonly [string, Command, string[], RegExp][] = [
    ['unknown pod', traceCommand, [DEFAULT, '--from', 'nope', '--to', 'svc-clusterip'], /--from nope: no pod or node of that name \(pods: .*net-pod/],
    ['unknown service', traceCommand, [DEFAULT, '--from', 'net-pod', '--to', 'nosvc'], /--to nosvc: no Service, node or IP:PORT of that name \(services: .*svc-clusterip\.default/],
    ['unknown service port', traceCommand, [DEFAULT, '--from', 'net-pod', '--to', 'svc-clusterip:80'], /svc-clusterip has no port 80/],
    ['protocol the service lacks', traceCommand, [DEFAULT, ...pod, '--proto', 'udp'], /svc-clusterip has no port .*for udp/],
    ['unknown --via node', traceCommand, [DEFAULT, '--from', 'external', '--to', 'svc-clusterip', '--via', 'nope'], /--via nope: no such node/],
    ['negative seed', traceCommand, [DEFAULT, ...pod, '--seed', '-1'], /--seed must be a whole number \(got "-1"\)/],
    ['seed beyond 32 bits', traceCommand, [DEFAULT, ...pod, '--seed', '4294967296'], /--seed must be between 0 and 4294967295/],
    ['seed not a number', traceCommand, [DEFAULT, ...pod, '--seed', '1e3'], /--seed must be a whole number/],
    ['unknown protocol', traceCommand, [DEFAULT, ...pod, '--proto', 'sctp'], /--proto must be one of tcp, udp/],
    ['missing --to', traceCommand, [DEFAULT, '--from', 'net-pod'], /--to is required/],
    ['missing FILE', traceCommand, pod, /usage: kpl trace FILE/],
    ['unreadable FILE', traceCommand, [join(tmp, 'absent.yaml'), ...pod], /cannot read .*absent\.yaml: ENOENT/],
    ['spread without --connections', spreadCommand, [DEFAULT, ...pod], /--connections is required/],
    ['spread of 0 connections', spreadCommand, [DEFAULT, ...pod, '--connections', '0'], /--connections must be between 1 and 100000/],
    ['spread beyond the limit', spreadCommand, [DEFAULT, ...pod, '--connections', '100001'], /--connections must be between 1 and 100000/],
    ['spread from an unknown pod', spreadCommand, [DEFAULT, '--from', 'nope', '--to', 'svc-clusterip', '--connections', '5'], /--from nope: no pod or node/],
    ['spread with a bad seed', spreadCommand, [DEFAULT, ...pod, '--connections', '5', '--seed', 'x'], /--seed must be a whole number/],
  ];
  it.each(cases)('%s', async (_name, command, args, message) => {
    const r = await run(command, ...args);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(message);
  });

  it.each([
    ['trace', traceCommand, []],
    ['spread', spreadCommand, ['--connections', '5']],
  ] as const)('%s: a scenario with a YAML or a validation error is located as file:line:col', async (_name, command, extra) => {
    const yaml = await run(command, BAD_YAML, ...pod, ...extra);
    expect(yaml).toMatchObject({ code: 1, out: '' });
    expect(yaml.err).toMatch(new RegExp(`^${BAD_YAML.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: YAML: `, 'm'));
    const port = await run(command, BAD_PORT, ...pod, ...extra);
    expect(port).toMatchObject({ code: 1, out: '' });
    expect(port.err).toContain(`${BAD_PORT}:7:11: spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive`);
  });
});
