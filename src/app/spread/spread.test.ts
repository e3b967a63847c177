import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadScenario } from '../../engine/cluster/load';
import { packetChoices } from '../../engine/sim/choices';
import { createNetwork } from '../../engine/sim/network';
import { runSpread, type SpreadResult } from '../../engine/sim/spread';
import { choiceOptions, effectivePick, requestFor } from './defaults';
import { spreadHistogram } from './histogram';
import { latestThrottle, type Clock } from './throttle';
import { formatCount, formatShare } from './format';

const result = (r: Partial<SpreadResult>): SpreadResult => ({ connections: 0, endpoints: {}, failed: 0, failures: {}, pods: {}, rulesEvaluated: 0, ...r });

describe('spreadHistogram', () => {
  it('one bar per endpoint in address order, shares of the delivered connections', () => {
    const h = spreadHistogram(
      result({
        connections: 10,
        endpoints: { '10.10.10.2:80': 2, '10.10.2.2:80': 5, '10.10.2.2:8080': 1 },
        pods: { '10.10.10.2:80': 'b', '10.10.2.2:80': 'a' },
        failed: 2,
        failures: { dropped: 0, rejected: 2 },
      }),
    );
    expect(h.bars.map((b) => [b.endpoint, b.pod, b.count])).toEqual([
      ['10.10.2.2:80', 'a', 5],
      ['10.10.2.2:8080', undefined, 1],
      ['10.10.10.2:80', 'b', 2],
    ]);
    expect(h.delivered).toBe(8);
    expect(h.bars.map((b) => b.share)).toEqual([5 / 8, 1 / 8, 2 / 8]);
    expect(h.evenShare).toBeCloseTo(1 / 3);
    // Zero counts are not failures worth listing.
    expect(h.failures).toEqual([{ outcome: 'rejected', count: 2 }]);
    // 0.625 × 1.1 headroom → the next round scale is 75%.
    expect(h.scaleMax).toBe(0.75);
  });

  it('no delivered connection: no bars, no even share, failures by frequency', () => {
    const h = spreadHistogram(result({ connections: 5, failed: 5, failures: { 'no-route': 1, dropped: 4 } }));
    expect(h.bars).toEqual([]);
    expect(h.evenShare).toBeUndefined();
    expect(h.failures).toEqual([
      { outcome: 'dropped', count: 4 },
      { outcome: 'no-route', count: 1 },
    ]);
  });

  it('a single endpoint fills the scale', () => {
    const h = spreadHistogram(result({ connections: 3, endpoints: { '10.0.0.1:80': 3 } }));
    expect(h.evenShare).toBe(1);
    expect(h.scaleMax).toBe(1);
  });

  it('draws what the engine counted for the classic scenario: three endpoints, sums intact', () => {
    const text = readFileSync(new URL('../../scenarios/default.yaml', import.meta.url), 'utf8');
    const { cluster } = loadScenario(text);
    const network = createNetwork(cluster!, { seed: 1, recordEvents: false });
    const r = runSpread(network, { from: 'net-pod', to: 'svc-clusterip', connections: 600 });
    const h = spreadHistogram(r);
    expect(h.bars).toHaveLength(3);
    expect(h.bars.reduce((s, b) => s + b.count, 0)).toBe(600);
    expect(h.bars.map((b) => b.pod)).toEqual(['webpod1', 'webpod2', 'webpod3']);
    expect(h.evenShare).toBeCloseTo(1 / 3);
    for (const b of h.bars) expect(b.share).toBeLessThanOrEqual(h.scaleMax);
  });
});

describe('latestThrottle', () => {
  let now = 0;
  const clock: Clock = { now: () => now, setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) };
  beforeEach(() => {
    vi.useFakeTimers();
    now = 1000;
  });
  afterEach(() => vi.useRealTimers());
  const advance = (ms: number) => {
    now += ms;
    vi.advanceTimersByTime(ms);
  };

  it('delivers the first value at once, then only the latest per interval, and always the last', () => {
    const seen: number[] = [];
    const t = latestThrottle<number>((v) => seen.push(v), 100, clock);
    t.push(1);
    expect(seen).toEqual([1]);
    for (let i = 2; i <= 40; i++) {
      advance(5); // 40 reports in 200 ms, as a fast spread sends them
      t.push(i);
    }
    advance(100);
    expect(seen[seen.length - 1]).toBe(40);
    expect(seen.length).toBeLessThanOrEqual(4);
  });

  it('cancel drops a pending value; flush delivers it now', () => {
    const seen: number[] = [];
    const t = latestThrottle<number>((v) => seen.push(v), 100, clock);
    t.push(1);
    t.push(2);
    t.cancel();
    advance(500);
    expect(seen).toEqual([1]);
    t.push(3);
    expect(seen).toEqual([1, 3]);
    advance(10);
    t.push(4);
    t.flush();
    expect(seen).toEqual([1, 3, 4]);
    advance(500);
    expect(seen).toEqual([1, 3, 4]);
  });
});

describe('default picks', () => {
  const text = readFileSync(new URL('../../scenarios/default.yaml', import.meta.url), 'utf8');
  const { cluster } = loadScenario(text);
  const choices = packetChoices(cluster!);
  const sources = choiceOptions(choices.sources);
  const destinations = choiceOptions(choices.destinations);

  it('starts on the scenario’s own client pod and Service, not the implicit system ones', () => {
    expect(effectivePick(sources, destinations, {})).toEqual({ from: 'net-pod', to: 'svc-clusterip.default:9000' });
  });
  it('keeps a pick the cluster still offers and replaces one it does not', () => {
    expect(effectivePick(sources, destinations, { from: 'webpod1', to: 'kubernetes.default:443' })).toEqual({ from: 'webpod1', to: 'kubernetes.default:443' });
    expect(effectivePick(sources, destinations, { from: 'gone', to: 'gone.default:1' })).toEqual({ from: 'net-pod', to: 'svc-clusterip.default:9000' });
  });
  it('is empty without a cluster', () => {
    expect(effectivePick([], [], {})).toEqual({});
  });
  it('tells kube-dns over UDP from kube-dns over TCP', () => {
    const dns = destinations.filter((o) => o.choice.value === 'kube-dns.kube-system:53');
    expect(dns.map((o) => o.id).sort()).toEqual(['kube-dns.kube-system:53#tcp', 'kube-dns.kube-system:53#udp']);
    expect(requestFor(destinations, 'kube-dns.kube-system:53#tcp')).toEqual({ value: 'kube-dns.kube-system:53', protocol: 'tcp' });
    expect(new Set(destinations.map((o) => o.id)).size).toBe(destinations.length);
    expect(requestFor(sources, 'net-pod')).toEqual({ value: 'net-pod' });
  });
});

describe('format', () => {
  it('groups thousands and rounds shares to one decimal', () => {
    expect(formatCount(10_000, 'en')).toBe('10,000');
    expect(formatCount(1_000, 'ko')).toBe('1,000');
    expect(formatShare(1 / 3)).toBe('33.3%');
  });
});
