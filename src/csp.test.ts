/**
 * The Content-Security-Policy shipped in index.html: the inline theme script is allowed by its hash,
 * recomputed here so an edit of that script cannot silently break the page; nothing else inline, no
 * eval, no other origin.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const html = readFileSync(join(import.meta.dirname, '..', 'index.html'), 'utf8');

function policy(): Map<string, string[]> {
  const m = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html);
  expect(m, 'index.html has a CSP meta tag').not.toBeNull();
  return new Map(
    m![1]!
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

describe('Content-Security-Policy', () => {
  it('allows each inline script by the hash of its exact text', () => {
    const inline = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    expect(inline.length).toBeGreaterThan(0);
    const scripts = policy().get('script-src') ?? [];
    for (const text of inline) expect(scripts).toContain(`'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`);
    expect(scripts.filter((s) => s.startsWith("'sha256-"))).toHaveLength(inline.length);
  });

  it("is 'self' by default, for scripts and workers, with no eval, no inline script and no other origin", () => {
    const p = policy();
    expect(p.get('default-src')).toEqual(["'self'"]);
    expect(p.get('worker-src')).toEqual(["'self'"]);
    expect(p.get('object-src')).toEqual(["'none'"]);
    const scripts = p.get('script-src') ?? [];
    expect(scripts[0]).toBe("'self'");
    const all = [...p.values()].flat();
    expect(all).not.toContain("'unsafe-eval'");
    expect(scripts).not.toContain("'unsafe-inline'");
    expect(all.filter((v) => /^(https?:|wss?:|\*)/.test(v))).toEqual([]);
  });
});
