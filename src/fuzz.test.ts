/**
 * Fuzzing what a link, a paste or a command line can hand the lab (issue 18): the scenario loader, the
 * iptables dump parser, the share decoder and the CLI's argument parser, over 100,000 generated inputs a
 * run (101,000). Each must answer (never throw), locate what it reports, and stay linear: a sample of inputs is
 * also run 10× larger, which may take at most 15× the time.
 */
import fc from 'fast-check';
import { compressToEncodedURIComponent } from 'lz-string';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadScenario } from './engine/cluster/load';
import { parseIptables } from './engine/netfilter/parse';
import { decodeShare, encodeShare } from './app/share/codec';
import type { DecodeErrorKind } from './app/share/codec';
import { parseArgs } from './cli/args';
import { UsageError } from './cli/io';
import { main } from './cli/main';
import { LINEAR_RATIO, measureScaling } from './test-support/scaling';

const runs = (n: number): { numRuns: number } => ({ numRuns: n });

/**
 * 10× the input in at most 15× the time (`measureScaling`: the small input ten times in a row against the
 * large one once, garbage-collection pauses left out), in one of three measurements: other processes
 * share the machine's cores, while a quadratic path (~100×) fails all three. No shrinking: a slow case
 * is reported as found.
 */
async function expectLinear<T>(make: (n: number) => T, work: (input: T) => unknown, n: number): Promise<void> {
  let s = await measureScaling(make, work, n, 10, 2);
  for (let attempt = 1; attempt < 5 && s.ratio > LINEAR_RATIO; attempt++) s = await measureScaling(make, work, n, 10, 3);
  expect(s.ratio, JSON.stringify(s)).toBeLessThanOrEqual(LINEAR_RATIO);
}

// ---- scenario loader -------------------------------------------------------------------------------

const KEYS = ['apiVersion', 'kind', 'metadata', 'name', 'namespace', 'labels', 'spec', 'ports', 'port', 'targetPort', 'protocol', 'selector', 'app', 'replicas', 'template', 'containers', 'type', 'clusterIP', 'nodeName', 'status', 'podIP', 'endpoints', 'addresses', 'nodes', 'role', 'networking', 'mode', '__proto__', 'constructor', 'x'];
const KINDS = [['v1', 'Service'], ['v1', 'Pod'], ['apps/v1', 'Deployment'], ['discovery.k8s.io/v1', 'EndpointSlice'], ['v1', 'Node'], ['kind.x-k8s.io/v1alpha4', 'Cluster'], ['kubeproxy.config.k8s.io/v1alpha1', 'KubeProxyConfiguration'], ['kube-packet-lab/v1', 'Lab'], ['v1', 'ConfigMap']] as const;

const yamlValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.string({ maxLength: 12 }),
    fc.integer({ min: -2, max: 70_000 }),
    fc.constantFrom(null, true, false, 0, 65536, 'TCP', 'UDP', '10.0.0.1', '10.96.0.0/12', 'web', 'a'.repeat(70)),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom(...KEYS), tie('value'), { maxKeys: 5 }),
  ),
})).value;

/** A Kubernetes-shaped document: right kinds, random fields and values. */
const document = fc
  .tuple(fc.constantFrom(...KINDS), fc.dictionary(fc.constantFrom(...KEYS), yamlValue, { maxKeys: 5 }), fc.string({ minLength: 1, maxLength: 10 }))
  .map(([[apiVersion, kind], rest, name]) => stringify({ apiVersion, kind, metadata: { name }, ...rest }));

/** Text damaged at a few places: characters YAML gives meaning to, inserted anywhere. */
const damaged = (text: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc.tuple(text, fc.array(fc.tuple(fc.nat(), fc.constantFrom(':', '-', '\n', '  ', '{', '[', '&a ', '*a', '"', '#', '---\n', '...\n', '\t', '?', '|', '!!')), { maxLength: 4 })).map(([t, edits]) => {
    let out = t;
    for (const [at, s] of edits) {
      const i = at % (out.length + 1);
      out = out.slice(0, i) + s + out.slice(i);
    }
    return out;
  });

const scenarioText = fc.oneof(
  fc.array(document, { minLength: 1, maxLength: 4 }).map((docs) => docs.join('---\n')),
  damaged(fc.array(document, { minLength: 1, maxLength: 3 }).map((docs) => docs.join('---\n'))),
  fc.string({ maxLength: 200 }),
);

describe('fuzz: scenario loader', () => {
  it('answers every text with located diagnostics, never an exception (15,000 texts)', () => {
    fc.assert(
      fc.property(scenarioText, (text) => {
        const r = loadScenario(text);
        const lines = text.split('\n').length + 1;
        for (const d of r.diagnostics) {
          expect(d.message.length).toBeGreaterThan(0);
          expect(d.line).toBeGreaterThanOrEqual(1);
          expect(d.line).toBeLessThanOrEqual(lines);
          expect(d.col).toBeGreaterThanOrEqual(1);
          expect(d.message).not.toMatch(/internal error|\[object Object\]/);
        }
        if (r.cluster) expect(r.diagnostics.every((d) => d.severity === 'warning')).toBe(true);
      }),
      runs(15_000),
    );
  });

  it('loads 10× the documents in at most 15× the time', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(document, { minLength: 2, maxLength: 4 }), async (docs) => {
        const text = (copies: number): string =>
          Array.from({ length: copies }, (_, c) => docs.map((d) => d.replace(/^ {2}name: .*$/m, (l) => `${l}-${c}`)).join('---\n')).join('---\n');
        await expectLinear(text, loadScenario, 12);
      }),
      { numRuns: 8, endOnFailure: true },
    );
  });
});

// ---- iptables dump parser --------------------------------------------------------------------------

const WORDS = ['-A', '-N', '-P', '-I', '-j', '-g', '-p', 'tcp', 'udp', 'all', '!', '-s', '-d', '10.0.0.1', '10.0.0.0/8', '0.0.0.0/0', '-i', '-o', 'eth0', '--dport', '--sport', '80', '65536', '1:2', '-m', 'comment', '--comment', '"a b"', '"unterminated', 'statistic', '--mode', 'random', '--probability', '0.5', 'mark', '--mark', '0x4000/0x4000', 'conntrack', '--ctstate', 'NEW,ESTABLISHED', 'multiport', '--dports', '80,443', 'addrtype', '--dst-type', 'LOCAL', 'recent', '--set', 'KUBE-SERVICES', 'KUBE-SVC-X', 'KUBE-SEP-Y', 'KUBE-MARK-MASQ', 'PREROUTING', 'OUTPUT', 'ACCEPT', 'DROP', 'RETURN', 'REJECT', 'DNAT', '--to-destination', '10.0.0.2:8080', 'MASQUERADE', '--random-fully', 'MARK', '--set-xmark', '0x4000/0x4000', '-c', '18446744073709551615', '99999999999999999999', '[1:2]', 'x'];
const ruleLine = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 12 }).map((w) => w.join(' '));
const saveLine = fc.oneof(
  { weight: 6, arbitrary: ruleLine },
  { weight: 1, arbitrary: fc.constantFrom('*nat', '*filter', '*bogus', 'COMMIT', ':KUBE-SVC-X - [0:0]', ':KUBE-SEP-Y - [1:2]', ':PREROUTING ACCEPT [3:4]', ':OUTPUT DROP [18446744073709551615:0]', ':X - [99999999999999999999:1]', '# comment', '') },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
);
const dump = fc.array(saveLine, { maxLength: 30 }).map((lines) => lines.join('\n'));

describe('fuzz: iptables dump parser', () => {
  it('answers every dump with errors on real lines and columns, never an exception (30,000 dumps)', () => {
    fc.assert(
      fc.property(dump, fc.constantFrom(undefined, 'nat' as const, 'filter' as const), (text, table) => {
        const r = parseIptables(text, table ? { table } : {});
        const lines = text.split(/\r?\n/).length;
        for (const e of [...r.errors, ...r.warnings]) {
          expect(e.line).toBeGreaterThanOrEqual(1);
          expect(e.line).toBeLessThanOrEqual(lines);
          expect(e.col).toBeGreaterThanOrEqual(1);
          expect(e.message).toMatch(/^line \d+: ./);
        }
      }),
      runs(30_000),
    );
  });

  it('parses 10× the lines in at most 15× the time', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(ruleLine, { minLength: 3, maxLength: 8 }), async (rules) => {
        const text = (copies: number): string => {
          const chains = Array.from({ length: copies }, (_, c) => `-N C${c}\n${rules.map((r) => `-A C${c} ${r.replace(/^-A \S+ ?/, '')}`).join('\n')}`);
          return chains.join('\n');
        };
        await expectLinear(text, (t) => parseIptables(t, { table: 'filter' }), 200);
      }),
      { numRuns: 8, endOnFailure: true },
    );
  });
});

// ---- share decoder ---------------------------------------------------------------------------------

const KINDS_OF_ERROR: readonly DecodeErrorKind[] = ['too-large', 'newer-version', 'damaged', 'expands-too-far', 'invalid', 'unreadable'];
const URI_SAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$';
const validLink = fc.record({ yaml: fc.string({ maxLength: 200 }), seed: fc.nat(), step: fc.nat({ max: 100 }), lang: fc.constantFrom('en' as const, 'ko' as const) }).map((s) => encodeShare({ ...s, view: {} }));
const fragment = fc.oneof(
  fc.string({ maxLength: 100 }),
  fc.string({ unit: fc.constantFrom(...URI_SAFE), maxLength: 300 }).map((s) => `#s1.${s}`),
  // A real link, cut or altered somewhere.
  fc.tuple(validLink, fc.nat(), fc.constantFrom(...URI_SAFE), fc.boolean()).map(([l, at, c, cut]) => {
    const i = 4 + (at % Math.max(1, l.length - 4));
    return cut ? l.slice(0, i) : l.slice(0, i) + c + l.slice(i + 1);
  }),
  fc.jsonValue().map((v) => `#s1.${compressToEncodedURIComponent(JSON.stringify(v))}`),
  fc.tuple(fc.nat({ max: 999 }), fc.string({ maxLength: 20 })).map(([v, s]) => `#s${v}.${s}`),
);

describe('fuzz: share decoder', () => {
  it('answers every fragment with a state, "no link" or a kind of error, never an exception (45,000 fragments)', () => {
    fc.assert(
      fc.property(fragment, (f) => {
        const r = decodeShare(f);
        if (!r.ok && 'kind' in r) {
          expect(KINDS_OF_ERROR).toContain(r.kind);
          expect(r.kind).not.toBe('unreadable');
          expect(r.error).toMatch(/^The share link /);
        }
      }),
      runs(45_000),
    );
  });
});

// ---- CLI arguments ---------------------------------------------------------------------------------

const ARGV = ['--node', '--table', '--format', '--from', '--to', '--via', '--proto', '--seed', '--json', '--connections', '--mode', '--verbose', '--quick', '--sizes', '--format=L', '--json=1', '--seed=-1', '--', '-', '--=', 'nat', 'L', 'x', '', '99999999999999999999', '1e3', '0x10'];

describe('fuzz: CLI arguments', () => {
  it('parseArgs returns or refuses with a usage error, nothing else (10,000 command lines)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...ARGV), { maxLength: 8 }), fc.subarray(['node', 'table', 'format', 'seed', 'from']), fc.subarray(['json', 'verbose']), (argv, flags, switches) => {
        try {
          const a = parseArgs(argv, { flags, switches });
          for (const k of a.flags.keys()) expect(flags).toContain(k);
        } catch (e) {
          expect(e).toBeInstanceOf(UsageError);
        }
      }),
      runs(10_000),
    );
  });

  // Without `-` (standard input, which a test cannot feed here).
  it('kpl exits 0 or 1 on any command line, never with an exception (1,000 command lines)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('rules', 'print', 'trace', 'spread', 'nope', '--help', '--version'), fc.array(fc.constantFrom(...ARGV.filter((a) => a !== '-'), '/nonexistent/file.yaml'), { maxLength: 6 }), async (command, argv) => {
        const code = await main([command, ...argv], { stdout: () => undefined, stderr: () => undefined });
        expect([0, 1]).toContain(code);
      }),
      runs(1_000),
    );
  });
});
