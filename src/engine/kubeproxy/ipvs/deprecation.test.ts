import { describe, expect, it } from 'vitest';
import { proxyModeNotice } from './deprecation';

describe('the IPVS deprecation notice', () => {
  it('is shown for IPVS mode only, in English and Korean', () => {
    expect(proxyModeNotice('iptables')).toBeUndefined();
    expect(proxyModeNotice('nftables')).toBeUndefined();
    expect(proxyModeNotice('ipvs')).toEqual({
      en: 'IPVS mode is deprecated since Kubernetes 1.35 and planned for removal; new clusters should use nftables mode.',
      ko: 'IPVS 모드는 Kubernetes 1.35부터 폐기 예정(deprecated)이며 제거될 계획입니다. 새 클러스터에는 nftables 모드를 쓰세요.',
    });
  });
});
