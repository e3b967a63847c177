import { describe, expect, it } from 'vitest';
import { ImportSession } from '../../worker/import-session';
import { IMPORT_EXAMPLES } from './examples';
import { READ_YOUR_NODE } from './read-your-node';

describe('the lesson "Read your own node": every step does what it says', () => {
  it('runs each action through the worker session and checks its claim', async () => {
    const s = new ImportSession();
    let summary = await s.importDump(IMPORT_EXAMPLES.kind, undefined, () => Promise.resolve(), () => 0);
    let hits: readonly number[] = [];
    for (const step of READ_YOUR_NODE.steps) {
      const a = step.action;
      if (a.kind === 'example') summary = await s.importDump(IMPORT_EXAMPLES[a.example], undefined, () => Promise.resolve(), () => 0);
      if (a.kind === 'search') hits = s.importSearch(a.query);
      const c = step.claim;
      switch (c.kind) {
        case 'cut-lines':
          expect(summary.issues.filter((i) => i.kind === 'elided').map((i) => i.line)).toEqual(c.lines);
          break;
        case 'owners':
          for (const [chain, owner] of Object.entries(c.owners)) expect(summary.chains.find((x) => x.chain === chain)?.owner).toBe(owner);
          break;
        case 'search-finds':
          expect(hits.map((i) => summary.linesText.split('\n')[i])).toContain(c.line);
          break;
        case 'trace-stops-at-cut': {
          if (a.kind !== 'trace') throw new Error('a trace claim needs a trace action');
          const t = s.importTrace({ src: a.src, dst: a.dst, protocol: 'tcp', inInterface: a.inInterface, setup: {} });
          expect(t.ok && t.outcome).toBe('incomplete');
          if (t.ok) expect(c.endpoints).toContain(`${t.endpoint!.ip}:${t.endpoint!.port}`);
          break;
        }
      }
      // Korean particles attach to their word (STYLE): never ` 을`, ` 를`, ` 은`, ` 는` after a space.
      expect(step.text.ko).not.toMatch(/ (을|를|은|는)(?=[\s.,)]|$)/);
    }
  });
});
