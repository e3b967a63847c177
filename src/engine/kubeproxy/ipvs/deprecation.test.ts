import { describe, expect, it } from 'vitest';
import { proxyModeNotice } from './deprecation';

describe('the IPVS deprecation notice', () => {
  it('is shown for IPVS mode only, in English and Korean', () => {
    expect(proxyModeNotice('iptables')).toBeUndefined();
    expect(proxyModeNotice('nftables')).toBeUndefined();
    expect(proxyModeNotice('ipvs')).toEqual({
      en: 'IPVS mode is deprecated since Kubernetes 1.35 and planned for removal; new clusters should use nftables mode. The lab shows it because many clusters and the study notes still run it.',
      ko: 'IPVS 모드는 Kubernetes 1.35부터 폐기 예정(deprecated)이며 앞으로 제거될 계획입니다. 새 클러스터에는 nftables 모드를 쓰세요. 아직 많은 클러스터와 스터디 노트가 쓰고 있어서 이 실습에서도 보여 줍니다.',
    });
  });
});
