/**
 * JSON Schema (draft-07) for scenario documents, for monaco-yaml's completion, hover and diagnostics.
 * Bootstrap: Service only; the cluster model extends it to every kind of DESIGN §2.
 */
export const scenarioJsonSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  properties: {
    apiVersion: { type: 'string', description: 'API version, e.g. v1 — API 버전' },
    kind: { type: 'string', description: 'Object kind, e.g. Service — 오브젝트 종류' },
  },
  if: { properties: { kind: { const: 'Service' } } },
  then: {
    additionalProperties: false,
    properties: {
      apiVersion: { const: 'v1' },
      kind: { const: 'Service' },
      metadata: {
        type: 'object',
        properties: { name: { type: 'string' }, namespace: { type: 'string' }, labels: { type: 'object' } },
      },
      spec: {
        type: 'object',
        additionalProperties: false,
        properties: {
          type: { enum: ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'] },
          selector: { type: 'object', additionalProperties: { type: 'string' } },
          clusterIP: { type: 'string' },
          ports: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              properties: {
                name: { type: 'string' },
                protocol: { enum: ['TCP', 'UDP', 'SCTP'] },
                port: { type: 'integer', minimum: 1, maximum: 65535 },
                targetPort: { type: ['integer', 'string'] },
                nodePort: { type: 'integer', minimum: 1, maximum: 65535 },
              },
            },
          },
        },
      },
      status: { type: 'object' },
    },
  },
} as const;
