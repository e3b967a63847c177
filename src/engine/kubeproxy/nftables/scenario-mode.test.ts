/** `mode: nftables` reaches the cluster model, from KubeProxyConfiguration or from kind's networking.kubeProxyMode. */
import { describe, expect, test } from 'vitest';
import { loadScenario } from '../../cluster/load';

const config = (body: string): string => `apiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\n${body}`;
const load = (text: string) => {
  const r = loadScenario(text);
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.cluster!.kubeProxy;
};

describe('kube-proxy mode nftables in a scenario', () => {
  test('KubeProxyConfiguration mode nftables', () => {
    expect(load(config('mode: nftables\n'))).toMatchObject({ mode: 'nftables', masqueradeAll: false, masqueradeBit: 14 });
  });

  test('nftables mode reads the nftables block, not the iptables one', () => {
    expect(load(config('mode: nftables\nnftables:\n  masqueradeAll: true\n  masqueradeBit: 12\niptables:\n  masqueradeBit: 3\n'))).toMatchObject({
      mode: 'nftables', masqueradeAll: true, masqueradeBit: 12,
    });
    expect(load(config('mode: nftables\niptables:\n  masqueradeAll: true\n'))).toMatchObject({ masqueradeAll: false });
    expect(load(config('mode: iptables\nnftables:\n  masqueradeAll: true\n  masqueradeBit: 12\n'))).toMatchObject({ mode: 'iptables', masqueradeAll: false, masqueradeBit: 14 });
  });

  test('kind networking.kubeProxyMode nftables, without a KubeProxyConfiguration', () => {
    expect(load('apiVersion: kind.x-k8s.io/v1alpha4\nkind: Cluster\nnetworking:\n  kubeProxyMode: nftables\n').mode).toBe('nftables');
    expect(load('apiVersion: kind.x-k8s.io/v1alpha4\nkind: Cluster\n').mode).toBe('iptables');
  });

  test('kernelspace (the Windows proxier) is invalid; ipvs is a mode of its own', () => {
    const r = loadScenario(config('mode: kernelspace\n'));
    expect(r.diagnostics.some((d) => d.severity === 'error' && d.path === 'mode')).toBe(true);
    expect(load('apiVersion: kind.x-k8s.io/v1alpha4\nkind: Cluster\nnetworking:\n  kubeProxyMode: ipvs\n').mode).toBe('ipvs');
  });
});
