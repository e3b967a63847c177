/**
 * The worker keeps each unchanged document's parse, conversion and validation across edits (parse-yaml-chunks.ts,
 * yaml-docs.ts, load.ts). Whatever the edits (a port or name changed, a document added, removed, duplicated or
 * moved, a line that shifts every later document, an invalid field), the kept path gives the outline and the
 * load a from-scratch parse gives.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { keepLastYamlParse } from './parse-yaml';
import { loadScenario } from './load';
import { locateSources } from './locate-source';
import { outlineScenario } from '../scenario-outline';

const service = (name: string, port: number, extra = ''): string => `apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
  selector:
    app: web
  ports:
  - name: http
    port: ${port}
    targetPort: 80
${extra}`;

const HEAD = `# a scenario the edits change
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: traefik/whoami
        ports:
        - containerPort: 80
`;

/** Its model names its document by index (rule sources point at it): a move must not keep the old index. */
const KUBE_PROXY = `apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
mode: iptables
`;

type Step =
  | { readonly kind: 'port'; readonly doc: number; readonly port: number }
  | { readonly kind: 'rename'; readonly doc: number; readonly name: string }
  | { readonly kind: 'add'; readonly at: number; readonly name: string; readonly port: number }
  | { readonly kind: 'remove'; readonly doc: number }
  | { readonly kind: 'duplicate'; readonly doc: number }
  | { readonly kind: 'swap'; readonly a: number; readonly b: number }
  | { readonly kind: 'comment'; readonly doc: number; readonly text: string }
  | { readonly kind: 'invalid'; readonly doc: number }
  | { readonly kind: 'replicas'; readonly replicas: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('port' as const), doc: fc.nat(), port: fc.integer({ min: 1, max: 70000 }) }),
  fc.record({ kind: fc.constant('rename' as const), doc: fc.nat(), name: fc.constantFrom('a', 'b', 'web', 'kube-dns', 'x-1') }),
  fc.record({ kind: fc.constant('add' as const), at: fc.nat(), name: fc.constantFrom('n1', 'n2', 'n3'), port: fc.integer({ min: 1, max: 9000 }) }),
  fc.record({ kind: fc.constant('remove' as const), doc: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), doc: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ kind: fc.constant('comment' as const), doc: fc.nat(), text: fc.constantFrom('# note', '# a longer note\n# on two lines', '') }),
  fc.record({ kind: fc.constant('invalid' as const), doc: fc.nat() }),
  fc.record({ kind: fc.constant('replicas' as const), replicas: fc.integer({ min: 0, max: 4 }) }),
);

function apply(docs: string[], s: Step): string[] {
  const out = [...docs];
  const i = (n: number): number => (out.length === 0 ? 0 : n % out.length);
  switch (s.kind) {
    case 'port':
      out[i(s.doc)] = out[i(s.doc)]!.replace(/port: \d+/, `port: ${s.port}`);
      break;
    case 'rename':
      out[i(s.doc)] = out[i(s.doc)]!.replace(/name: [\w-]+/, `name: ${s.name}`);
      break;
    case 'add':
      out.splice(s.at % (out.length + 1), 0, service(s.name, s.port));
      break;
    case 'remove':
      if (out.length > 1) out.splice(i(s.doc), 1);
      break;
    case 'duplicate':
      out.splice(i(s.doc), 0, out[i(s.doc)]!);
      break;
    case 'swap': {
      const [a, b] = [i(s.a), i(s.b)];
      [out[a], out[b]] = [out[b]!, out[a]!];
      break;
    }
    case 'comment':
      out[i(s.doc)] = `${s.text}\n${out[i(s.doc)]!}`;
      break;
    case 'invalid':
      out[i(s.doc)] = `${out[i(s.doc)]!}status:\n  bogus: 1\n`;
      break;
    case 'replicas':
      out[0] = out[0]!.replace(/replicas: \d+/, `replicas: ${s.replicas}`);
      break;
  }
  return out;
}

describe('loading with kept documents', () => {
  afterEach(() => keepLastYamlParse(false));

  it('gives the outline, the load and the sources of a from-scratch parse, over random edits', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 15 }), (steps) => {
        let docs = [HEAD, service('a', 8080), KUBE_PROXY, service('b', 8081), service('c', 8082, 'status: {}\n')];
        const texts: string[] = [docs.join('---\n')];
        for (const s of steps) {
          docs = apply(docs, s);
          texts.push(docs.join('---\n'));
        }
        const read = (t: string) => {
          const load = loadScenario(t);
          // Where each Service's first port came from: read through the moved documents' spans.
          const sources = (load.cluster?.services ?? []).filter((s) => s.source.doc >= 0).map((s) => locateSources(t, [{ doc: s.source.doc, path: 'spec.ports[0].port' }]));
          return { outline: outlineScenario(t), load, sources };
        };
        keepLastYamlParse(false);
        const fresh = texts.map(read);
        keepLastYamlParse(true);
        texts.forEach((t, k) => expect(read(t), `text ${k}`).toEqual(fresh[k]));
      }),
      { numRuns: 150, seed: 9001 },
    );
  });
});
