import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { proxyModeNotice } from '../engine/kubeproxy/ipvs/deprecation';
import { EngineSession } from './engine-session';

const scenario = readFileSync(join(import.meta.dirname, '../scenarios/default.yaml'), 'utf8');
const withMode = (mode: string): string => `${scenario}\n---\napiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nmode: ${mode}\n`;

describe('the scenario summary names kube-proxy’s mode', () => {
  it('with the deprecation notice in IPVS mode only', () => {
    const s = new EngineSession();
    const iptables = s.load(scenario);
    expect(iptables.mode).toBe('iptables');
    expect(iptables.modeNotice).toBeUndefined();
    expect(s.load(withMode('nftables')).modeNotice).toBeUndefined();
    const ipvs = s.load(withMode('ipvs'));
    expect(ipvs.mode).toBe('ipvs');
    expect(ipvs.modeNotice).toEqual(proxyModeNotice('ipvs'));
    expect(ipvs.modeNotice?.en).toMatch(/^IPVS mode is deprecated since Kubernetes 1\.35 and planned for removal/);
  });

  it('from kind’s networking.kubeProxyMode too (the lessons’ clusters)', () => {
    const s = new EngineSession();
    const text = readFileSync(join(import.meta.dirname, '../scenarios/lessons/20-ipvs-clusterip.yaml'), 'utf8');
    expect(s.load(text).modeNotice?.ko).toMatch(/^IPVS 모드는 Kubernetes 1\.35부터 폐기 예정\(deprecated\)/);
  });
});
