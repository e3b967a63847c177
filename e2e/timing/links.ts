/** The hostile share links of issue 18 (moved from e2e/hostile.spec.ts with their tests). */
import LZString from 'lz-string';

/** A link as the app writes it (format s1: lz-string's URI-safe encoding of the JSON state). */
export function link(yaml: string, view: Record<string, string> = {}): string {
  return `#s1.${LZString.compressToEncodedURIComponent(JSON.stringify({ yaml, seed: 1, step: 0, view, lang: 'en' }))}`;
}

/** 498 Services × 20 ports in front of one Deployment: ~10,000 service ports, over 100,000 lines of `-L`. */
export function manyServices(): string {
  // As short as YAML allows: the link's scenario must stay under the editor's 256 KB.
  const ports = Array.from({ length: 20 }, (_, i) => `{name: ${String.fromCharCode(97 + i)}, port: ${i + 1}}`).join(', ');
  const services = Array.from({ length: 498 }, (_, i) => `apiVersion: v1\nkind: Service\nmetadata: {name: s${i}}\nspec: {selector: {app: web}, ports: [${ports}]}\n`);
  const deployment = `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: 2\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: web, image: nginx, ports: [{containerPort: 80}]}]}\n`;
  return [deployment, ...services].join('---\n');
}

/** A Service with 18,000 label keys: a 64 KB link. */
export function manyKeys(): string {
  const keys = Array.from({ length: 18_000 }, (_, i) => `    k${i}: v\n`).join('');
  return `apiVersion: v1\nkind: Service\nmetadata:\n  name: keys\n  labels:\n${keys}`;
}

/** lz-string's repeating case written bit by bit: each code repeats the previous entry plus one character. */
export function bombLink(maxChars: number): string {
  const bits: number[] = [];
  const write = (value: number, count: number): void => {
    for (let i = 0; i < count; i++) bits.push((value >> i) & 1);
  };
  write(0, 2);
  write(97, 8);
  let dictSize = 4;
  let numBits = 3;
  let enlargeIn = 4;
  while (bits.length / 6 < maxChars - 16) {
    write(dictSize, numBits);
    dictSize++;
    if (--enlargeIn === 0) {
      enlargeIn = 2 ** numBits;
      numBits++;
    }
  }
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$';
  let out = '';
  for (let i = 0; i < bits.length; i += 6) {
    let v = 0;
    for (let j = 0; j < 6; j++) v = v * 2 + (bits[i + j] ?? 0);
    out += alphabet[v];
  }
  return `#s1.${out}`;
}
