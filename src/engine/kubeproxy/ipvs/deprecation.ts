/**
 * What the lab says wherever IPVS mode is shown: kube-proxy's IPVS mode is deprecated since Kubernetes
 * 1.35 and planned for removal (KEP-5495). The lab keeps it because many clusters, and the study notes,
 * still run it. One text for the rules panel, the CLI and README, in both languages the UI speaks.
 */
import type { ClusterModel } from '../../cluster/model';

export type ProxyModeName = ClusterModel['kubeProxy']['mode'];

/** The release that deprecated IPVS mode. */
export const IPVS_DEPRECATED_SINCE = '1.35';

export interface ModeNotice {
  readonly en: string;
  readonly ko: string;
}

const IPVS_NOTICE: ModeNotice = {
  en: `IPVS mode is deprecated since Kubernetes ${IPVS_DEPRECATED_SINCE} and planned for removal; new clusters should use nftables mode.`,
  ko: `IPVS 모드는 Kubernetes ${IPVS_DEPRECATED_SINCE}부터 폐기 예정(deprecated)이며 제거될 계획입니다. 새 클러스터에는 nftables 모드를 쓰세요.`,
};

/** The notice to show beside a node of this mode, if any (only IPVS mode has one). */
export function proxyModeNotice(mode: ProxyModeName): ModeNotice | undefined {
  return mode === 'ipvs' ? IPVS_NOTICE : undefined;
}
