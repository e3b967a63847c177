/** The hook diagram draws HOOK_STAGES; the node runs what registerPlanes composes. They must be the same. */
import { describe, expect, it } from 'vitest';
import { parseIptables } from '../netfilter/parse';
import type { Hook } from '../packet';
import { HOOK_STAGES, type HookStage } from './hook-stages';
import { iptablesPlane } from './iptables';
import { registerPlanes, type NodeStage } from './pipeline';

const drawn = (s: NodeStage): HookStage => {
  switch (s.kind) {
    case 'conntrack':
      return { kind: 'conntrack', priority: -200 };
    case 'confirm':
      return { kind: 'confirm', priority: 2147483647 };
    case 'nat':
      expect(s.entries.map((e) => e.name)).toEqual(['nat']);
      return { kind: 'table', table: 'nat', priority: s.priority };
    case 'entry':
      return { kind: 'table', table: s.entry.name as 'raw', priority: s.priority };
  }
};

describe('HOOK_STAGES', () => {
  const hooks = registerPlanes([
    iptablesPlane({ ruleset: parseIptables('').ruleset, localAddresses: new Set(), recent: new Map(), nthCounters: new Map(), nfacct: new Map(), ipsets: new Map() }),
  ]);
  it.each(Object.keys(HOOK_STAGES) as Hook[])('%s is what the node runs with the iptables data plane', (hook) => {
    expect(hooks[hook].map(drawn)).toEqual(HOOK_STAGES[hook]);
  });
});
