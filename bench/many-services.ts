/**
 * A scenario the UI can load as text with many Services: what the UI bench and the e2e tests type or paste
 * into the editor. `synthetic-cluster.ts` builds bigger clusters for the engine bench, but only as a model:
 * a scenario holds at most MAX_DOCUMENTS documents, so here one Deployment gives every Service the
 * same three endpoints and each Service is one document.
 *
 * With the implicit `default/kubernetes` and `kube-system/kube-dns`, `manyServicesScenario(n)` has exactly
 * n Services (n − 2 of its own) in n documents. Each own Service `svc-NNNNN` has one
 * port, 10000 + its number, so every port (and so every `--dport` in the rules) is unique and searchable.
 */

import { MAX_DOCUMENTS } from '../src/engine/cluster/yaml-docs';

/** Documents besides the Services: the Deployment and the client pod. */
const OTHER_DOCUMENTS = 2;
/** The implicit system Services (kubernetes, kube-dns). */
const IMPLICIT_SERVICES = 2;
export const MAX_SERVICES = MAX_DOCUMENTS - OTHER_DOCUMENTS + IMPLICIT_SERVICES;

/** The name and port of the scenario's i-th own Service (0-based). */
export function manyServiceName(i: number): string {
  return `svc-${String(i).padStart(5, '0')}`;
}
export function manyServicePort(i: number): number {
  return 10000 + i;
}

export function manyServicesScenario(services: number): string {
  if (!(Number.isInteger(services) && services > IMPLICIT_SERVICES && services <= MAX_SERVICES)) throw new RangeError(`services must be ${IMPLICIT_SERVICES + 1}–${MAX_SERVICES} (got ${services})`);
  const head = `# ${services} Services (the two system ones included), each in front of the same three web pods.
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
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
---
apiVersion: v1
kind: Pod
metadata:
  name: client
spec:
  containers:
  - name: client
    image: nicolaka/netshoot
`;
  const docs = [head];
  for (let i = 0; i < services - IMPLICIT_SERVICES; i++) {
    docs.push(`apiVersion: v1
kind: Service
metadata:
  name: ${manyServiceName(i)}
spec:
  selector:
    app: web
  ports:
  - name: http
    port: ${manyServicePort(i)}
    targetPort: 80
`);
  }
  return docs.join('---\n');
}
