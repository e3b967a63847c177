import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EngineSession } from './engine-session';

const scenario = readFileSync(join(import.meta.dirname, '../scenarios/default.yaml'), 'utf8');

describe('EngineSession.compareModes', () => {
  it('compares the pickers\' packet in the three modes without touching the page\'s network', () => {
    const s = new EngineSession();
    s.load(scenario);
    expect(s.trace({ from: 'net-pod', to: 'svc-clusterip:9000', seed: 1 }).ok).toBe(true);
    const counters = s.rules('myk8s-control-plane', 'nat', 'L');
    const r = s.compareModes({ from: 'net-pod', to: 'svc-clusterip:9000', seed: 1 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.comparison.modes.map((m) => m.mode)).toEqual(['iptables', 'nftables', 'ipvs']);
    expect(r.comparison.modes.map((m) => m.chooser?.kind)).toEqual(['statistic', 'numgen', 'scheduler']);
    // plain data: it crosses the worker boundary by structured clone
    expect(structuredClone(r.comparison)).toEqual(r.comparison);
    // the page's network counted only its own connection: the comparison ran on networks of its own
    expect(s.rules('myk8s-control-plane', 'nat', 'L')).toBe(counters);
    expect(counters).toMatch(/^\s*1\s+\d+\s+DNAT/m);
  });

  it('names what the scenario lacks instead of throwing', () => {
    const s = new EngineSession();
    s.load(scenario);
    const r = s.compareModes({ from: 'no-such-pod', to: 'svc-clusterip:9000' });
    expect(r.ok).toBe(false);
    expect(s.compareModes({ from: 'net-pod', to: 'svc-clusterip', protocol: 'icmp' })).toMatchObject({ ok: true });
  });

  it('answers before any scenario is loaded', () => {
    expect(new EngineSession().compareModes({ from: 'net-pod', to: 'svc-clusterip:9000' })).toEqual({ ok: false, error: 'no valid scenario loaded yet' });
  });
});
