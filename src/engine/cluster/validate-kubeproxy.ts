/**
 * `kubeproxy.config.k8s.io/v1alpha1 KubeProxyConfiguration`, validated as kube-proxy's own
 * `pkg/proxy/apis/config/validation` does, restricted to what the iptables and nftables proxiers read.
 */
import type { FieldPath, Reporter } from './diagnostics';
import { readBool, readInt, readObject, readOpaqueMap, readString, readStringList } from './fields';
import { parseGoDuration } from './go-duration';
import type { DetectLocalMode, KubeProxyConfig, KubeProxyConntrack } from './model';
import { readCidr } from './validate-common';
import { readIpvsConfig } from './validate-kubeproxy-ipvs';

const FIELDS = [
  'apiVersion', 'kind', 'bindAddress', 'healthzBindAddress', 'metricsBindAddress', 'bindAddressHardFail', 'enableProfiling',
  'showHiddenMetricsForVersion', 'hostnameOverride', 'clientConnection', 'featureGates', 'logging', 'mode', 'iptables', 'ipvs',
  'nftables', 'winkernel', 'conntrack', 'configSyncPeriod', 'portRange', 'oomScoreAdj', 'nodePortAddresses', 'clusterCIDR',
  'detectLocalMode', 'detectLocal', 'linux', 'windows',
];
const DETECT_LOCAL_MODES: readonly DetectLocalMode[] = ['BridgeInterface', 'ClusterCIDR', 'InterfaceNamePrefix', 'NodeCIDR'];

/** kube-proxy's defaults (`SetDefaults_KubeProxyConfiguration`) for a cluster without a config document (kind writes none) */
export function defaultKubeProxyConfig(clusterCIDR: string, mode: KubeProxyConfig['mode'] = 'iptables'): KubeProxyConfig {
  return {
    mode,
    clusterCIDR,
    masqueradeAll: false,
    masqueradeBit: 14,
    localhostNodePorts: true,
    detectLocalMode: 'ClusterCIDR',
    bridgeInterface: '',
    interfaceNamePrefix: '',
    nodePortAddresses: [],
    source: { doc: -1, path: '' },
  };
}

export function validateKubeProxy(r: Reporter, obj: Readonly<Record<string, unknown>>, doc: number): KubeProxyConfig {
  readObject(r, [], obj, FIELDS, { masqueradeAll: 'kube-proxy reads iptables.masqueradeAll' });
  const mode = readString(r, ['mode'], obj['mode']) ?? '';
  if (mode === 'kernelspace')
    r.invalid(['mode'], mode, 'kernelspace is the Windows proxier: Kube Packet Lab simulates Linux nodes (iptables, nftables, ipvs)');
  else if (mode !== '' && mode !== 'iptables' && mode !== 'nftables' && mode !== 'ipvs') r.unsupported(['mode'], mode, ['iptables', 'ipvs', 'nftables']);

  const I: FieldPath = ['iptables'];
  const ipt = readObject(r, I, obj['iptables'], ['masqueradeAll', 'masqueradeBit', 'localhostNodePorts', 'syncPeriod', 'minSyncPeriod']) ?? {};
  const linux = readObject(r, ['linux'], obj['linux'], ['masqueradeAll', 'conntrack', 'oomScoreAdj']) ?? {};
  const iptMasqueradeAll = readBool(r, [...I, 'masqueradeAll'], ipt['masqueradeAll']) ?? false;
  const linuxMasqueradeAll = readBool(r, ['linux', 'masqueradeAll'], linux['masqueradeAll']) ?? false;
  let masqueradeBit = readInt(r, [...I, 'masqueradeBit'], ipt['masqueradeBit']) ?? 14;
  if (masqueradeBit < 0 || masqueradeBit > 31) {
    r.invalid([...I, 'masqueradeBit'], masqueradeBit, 'must be within the range [0, 31]');
    masqueradeBit = 14;
  }
  const localhostNodePorts = readBool(r, [...I, 'localhostNodePorts'], ipt['localhostNodePorts']) ?? true;
  readString(r, [...I, 'syncPeriod'], ipt['syncPeriod']);
  readString(r, [...I, 'minSyncPeriod'], ipt['minSyncPeriod']);
  // nftables mode reads its own masqueradeBit and masqueradeAll (the v1alpha1 `nftables` block; the
  // conversion to the internal config takes masqueradeAll from the block of the configured mode).
  const NF: FieldPath = ['nftables'];
  const nft = readObject(r, NF, obj['nftables'], ['masqueradeAll', 'masqueradeBit', 'syncPeriod', 'minSyncPeriod']) ?? {};
  const nftMasqueradeAll = readBool(r, [...NF, 'masqueradeAll'], nft['masqueradeAll']) ?? false;
  let nftMasqueradeBit = readInt(r, [...NF, 'masqueradeBit'], nft['masqueradeBit']) ?? 14;
  if (nftMasqueradeBit < 0 || nftMasqueradeBit > 31) {
    r.invalid([...NF, 'masqueradeBit'], nftMasqueradeBit, 'must be within the range [0, 31]');
    nftMasqueradeBit = 14;
  }
  readString(r, [...NF, 'syncPeriod'], nft['syncPeriod']);
  readString(r, [...NF, 'minSyncPeriod'], nft['minSyncPeriod']);
  const ipvs = readIpvsConfig(r, obj['ipvs']);
  for (const f of ['winkernel', 'clientConnection', 'logging', 'windows', 'featureGates']) readOpaqueMap(r, [f], obj[f]);
  const conntrack = readConntrack(r, ['conntrack'], obj['conntrack']) ?? readConntrack(r, ['linux', 'conntrack'], linux['conntrack']);

  const cidrText = readString(r, ['clusterCIDR'], obj['clusterCIDR']) ?? '';
  const cidrs = cidrText.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (cidrs.length > 1) r.invalid(['clusterCIDR'], cidrText, 'dual-stack is not simulated: Kube Packet Lab models single-stack IPv4 clusters');
  const clusterCIDR = cidrs[0] === undefined ? '' : (readCidr(r, ['clusterCIDR'], cidrs[0]) ?? '');

  const modeText = readString(r, ['detectLocalMode'], obj['detectLocalMode']) ?? '';
  let detectLocalMode: DetectLocalMode = 'ClusterCIDR';
  if ((DETECT_LOCAL_MODES as readonly string[]).includes(modeText)) detectLocalMode = modeText as DetectLocalMode;
  else if (modeText !== '') r.unsupported(['detectLocalMode'], modeText, DETECT_LOCAL_MODES);
  const D: FieldPath = ['detectLocal'];
  const detect = readObject(r, D, obj['detectLocal'], ['bridgeInterface', 'interfaceNamePrefix']) ?? {};
  const bridgeInterface = readString(r, [...D, 'bridgeInterface'], detect['bridgeInterface']) ?? '';
  const interfaceNamePrefix = readString(r, [...D, 'interfaceNamePrefix'], detect['interfaceNamePrefix']) ?? '';
  if (detectLocalMode === 'BridgeInterface' && bridgeInterface === '')
    r.invalid([...D, 'bridgeInterface'], bridgeInterface, 'must be a valid interface name');
  if (detectLocalMode === 'InterfaceNamePrefix' && interfaceNamePrefix === '')
    r.invalid([...D, 'interfaceNamePrefix'], interfaceNamePrefix, 'must be a valid interface name');

  const nodePortAddresses: string[] = [];
  readStringList(r, ['nodePortAddresses'], obj['nodePortAddresses']).forEach((text, i) => {
    if (text === 'primary') nodePortAddresses.push(text);
    else {
      const c = readCidr(r, ['nodePortAddresses', i], text);
      if (c !== undefined) nodePortAddresses.push(c);
    }
  });
  const nftables = mode === 'nftables';
  return {
    mode: nftables ? 'nftables' : mode === 'ipvs' ? 'ipvs' : 'iptables',
    ...(ipvs === undefined ? {} : { ipvs }),
    clusterCIDR,
    masqueradeAll: (nftables ? nftMasqueradeAll : iptMasqueradeAll) || linuxMasqueradeAll,
    masqueradeBit: nftables ? nftMasqueradeBit : masqueradeBit,
    localhostNodePorts,
    detectLocalMode,
    bridgeInterface,
    interfaceNamePrefix,
    nodePortAddresses,
    ...(conntrack ? { conntrack } : {}),
    source: { doc, path: '' },
  };
}

const CONNTRACK_FIELDS = ['maxPerCore', 'min', 'tcpEstablishedTimeout', 'tcpCloseWaitTimeout', 'tcpBeLiberal', 'udpTimeout', 'udpStreamTimeout'] as const;
const CONNTRACK_TIMEOUTS = ['tcpEstablishedTimeout', 'tcpCloseWaitTimeout', 'udpTimeout', 'udpStreamTimeout'] as const;

/**
 * `conntrack` (KubeProxyConntrackConfiguration): the timeouts are Go durations (`24h0m0s`), validated as
 * kube-proxy's validateKubeProxyConntrackConfiguration does (each must be >= 0). The sizes and tcpBeLiberal
 * are read and left alone: they do not change what a trace shows.
 */
function readConntrack(r: Reporter, path: FieldPath, v: unknown): KubeProxyConntrack | undefined {
  const ct = readObject(r, path, v, CONNTRACK_FIELDS);
  if (!ct) return undefined;
  readInt(r, [...path, 'maxPerCore'], ct['maxPerCore']);
  readInt(r, [...path, 'min'], ct['min']);
  readBool(r, [...path, 'tcpBeLiberal'], ct['tcpBeLiberal']);
  const out: Record<string, number> = {};
  for (const f of CONNTRACK_TIMEOUTS) {
    const text = readString(r, [...path, f], ct[f]);
    if (text === undefined) continue;
    const d = parseGoDuration(text);
    if ('error' in d) r.invalid([...path, f], text, d.error);
    else if (d.seconds < 0) r.invalid([...path, f], text, 'must be greater than or equal to 0');
    else out[f] = Math.floor(d.seconds);
  }
  return out;
}
