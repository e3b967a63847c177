/// <reference types="vite/client" />
/**
 * Each lesson's scenario text, bundled as it is on disk (Vite's `?raw`), so the editor shows exactly the
 * file the lesson was checked against. Node code (tests, CLI) reads `<id>.yaml` instead.
 */
import hooksTablesChains from './00-hooks-tables-chains.yaml?raw';
import clusterIP from './01-clusterip.yaml?raw';
import secondPacket from './02-second-packet.yaml?raw';
import nodePort from './03-nodeport.yaml?raw';
import localhostNodePort from './04-localhost-nodeport.yaml?raw';
import loadBalancerSourceRanges from './05-loadbalancer-source-ranges.yaml?raw';
import externalTrafficLocal from './06-external-traffic-local.yaml?raw';
import internalTrafficLocal from './07-internal-traffic-local.yaml?raw';
import sessionAffinity from './08-session-affinity.yaml?raw';
import hairpin from './09-hairpin.yaml?raw';
import noEndpoints from './10-no-endpoints.yaml?raw';
import dnsOverUdp from './11-dns-udp.yaml?raw';
import podToPod from './12-pod-to-pod.yaml?raw';
import staleUdp from './13-stale-udp.yaml?raw';
import nftablesLookup from './14-nftables-lookup.yaml?raw';
import nftablesNumgen from './15-nftables-numgen.yaml?raw';
import nftablesRejectDrop from './16-nftables-reject-drop.yaml?raw';
import switchMode from './17-switch-mode.yaml?raw';
import readYourOwnNode from './19-read-your-own-node.yaml?raw';
import ipvsClusterIP from './20-ipvs-clusterip.yaml?raw';
import ipvsPing from './21-ipvs-ping.yaml?raw';
import ipvsSchedulers from './22-ipvs-schedulers.yaml?raw';
import scale from './23-scale.yaml?raw';
import type { LessonId } from './types';

export const LESSON_SCENARIOS: Readonly<Record<LessonId, string>> = {
  '00-hooks-tables-chains': hooksTablesChains,
  '01-clusterip': clusterIP,
  '02-second-packet': secondPacket,
  '03-nodeport': nodePort,
  '04-localhost-nodeport': localhostNodePort,
  '05-loadbalancer-source-ranges': loadBalancerSourceRanges,
  '06-external-traffic-local': externalTrafficLocal,
  '07-internal-traffic-local': internalTrafficLocal,
  '08-session-affinity': sessionAffinity,
  '09-hairpin': hairpin,
  '10-no-endpoints': noEndpoints,
  '11-dns-udp': dnsOverUdp,
  '12-pod-to-pod': podToPod,
  '13-stale-udp': staleUdp,
  '14-nftables-lookup': nftablesLookup,
  '15-nftables-numgen': nftablesNumgen,
  '16-nftables-reject-drop': nftablesRejectDrop,
  '17-switch-mode': switchMode,
  '19-read-your-own-node': readYourOwnNode,
  '20-ipvs-clusterip': ipvsClusterIP,
  '21-ipvs-ping': ipvsPing,
  '22-ipvs-schedulers': ipvsSchedulers,
  '23-scale': scale,
};
