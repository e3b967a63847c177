/**
 * `kpl trace` and `kpl spread` for closed ports and pings (issue 14), through `main` as users run them:
 * `--from external --to NODE:CLOSEDPORT` is rejected with the node's RST as a reply packet, `--proto icmp`
 * pings pods, nodes and ClusterIPs, and a ping with a port is a usage error (exit 1).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from './main';

const DEFAULT = join(import.meta.dirname, '../scenarios/default.yaml');

async function kpl(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: (s) => (out += s), stderr: (s) => (err += s) });
  return { code, out, err };
}

interface Trace {
  outcome: string;
  endpoint?: { ip: string; port: number; node?: string; pod?: string };
  packets: { label: string; direction: string; fate: string; hops: { node: string; hook: string; ctstate: string }[] }[];
  conntrack: Record<string, string[]>;
}
const trace = async (...argv: string[]): Promise<Trace> => {
  const r = await kpl('trace', DEFAULT, ...argv, '--json');
  expect(r.err).toBe('');
  return JSON.parse(r.out) as Trace;
};

describe('kpl trace: closed ports', () => {
  it('--from external --to NODE:CLOSEDPORT → rejected, with the RST hop from that node', async () => {
    const t = await trace('--from', 'external', '--to', 'myk8s-worker:31999');
    expect(t.outcome).toBe('rejected');
    expect(t.endpoint).toEqual({ ip: '172.18.0.3', port: 31999, node: 'myk8s-worker' });
    expect(t.packets.map((p) => `${p.label} ${p.direction}`)).toEqual(['SYN original', 'RST reply']);
    expect(t.packets[0]!.fate).toBe('rejected by myk8s-worker: nothing listens on 172.18.0.3:31999/tcp (tcp-reset)');
    expect(t.packets[1]!.hops[0]).toMatchObject({ node: 'myk8s-worker', hook: 'OUTPUT' });
    expect(t.packets[1]!.fate).toBe('delivered to external 203.0.113.10');
  });

  it('the text trace says who answers and why', async () => {
    const r = await kpl('trace', DEFAULT, '--from', 'external', '--to', 'myk8s-worker:31999');
    expect(r.out.split('\n')[0]).toBe('rejected → myk8s-worker 172.18.0.3:31999');
    expect(r.out).toContain('→ rejected by myk8s-worker: nothing listens on 172.18.0.3:31999/tcp (tcp-reset)');
    expect(r.out).toMatch(/^RST \(reply, \d+ rules evaluated\)$/m);
  });

  it('spread counts them as rejected', async () => {
    const r = await kpl('spread', DEFAULT, '--from', 'external', '--to', 'myk8s-worker:31999', '--connections', '5', '--json');
    expect(JSON.parse(r.out)).toMatchObject({ connections: 5, failed: 5, failures: { rejected: 5 } });
  });
});

describe('kpl trace --proto icmp', () => {
  it.each([
    ['a pod', 'net-pod', '10.10.2.2', 'delivered'],
    ['a pod by name', 'net-pod', 'webpod3', 'delivered'],
    ['a node from outside', 'external', 'myk8s-worker2', 'delivered'],
    ['a node from a pod', 'net-pod', 'myk8s-worker', 'delivered'],
    ['a ClusterIP', 'net-pod', '10.200.1.100', 'dropped'],
    ['a Service by name', 'myk8s-worker', 'svc-clusterip', 'dropped'],
  ])('pings %s', async (_what, from, to, outcome) => {
    const t = await trace('--from', from, '--to', to, '--proto', 'icmp');
    expect(t.outcome).toBe(outcome);
    expect(t.packets[0]!.label).toBe('echo request');
    if (outcome === 'delivered') expect(t.packets[1]!.label).toBe('echo reply');
    const lines = Object.values(t.conntrack).flat();
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) expect(l).toMatch(/^icmp {5}1 \d+ src=\S+ dst=\S+ type=8 code=0 id=\d+ (\[UNREPLIED\] )?src=\S+ dst=\S+ type=0 code=0 id=\d+ mark=0 use=1$/);
  });

  it('a ping to a ClusterIP says where it went', async () => {
    const r = await kpl('trace', DEFAULT, '--from', 'net-pod', '--to', 'svc-clusterip', '--proto', 'icmp');
    expect(r.out).toContain('→ dropped on myk8s-control-plane: nobody owns 10.200.1.100: no rule translated it, so myk8s-control-plane sent it by its default route to 172.18.0.1, out of the cluster, and no answer comes back');
  });

  it('a port with icmp is a usage error; so is an unknown protocol', async () => {
    const withPort = await kpl('trace', DEFAULT, '--from', 'net-pod', '--to', '10.10.2.2:80', '--proto', 'icmp');
    expect(withPort.code).toBe(1);
    expect(withPort.err).toContain('ICMP has no ports; give the address alone (--proto icmp --to 10.10.2.2)');
    const bad = await kpl('trace', DEFAULT, '--from', 'net-pod', '--to', '10.10.2.2', '--proto', 'gre');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('--proto must be one of tcp, udp, icmp');
  });
});
