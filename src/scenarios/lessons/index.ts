/**
 * The built-in lessons, in teaching order. Everything a lesson says is checked against the engine by
 * lessons.test.ts (see check.ts). Their scenario texts are in `./scenarios` (bundled by Vite), or on
 * disk as `<id>.yaml` beside this file for Node.
 */
import { hooksTablesChains } from './00-hooks-tables-chains';
import { clusterIP } from './01-clusterip';
import { secondPacket } from './02-second-packet';
import { nodePort } from './03-nodeport';
import { localhostNodePort } from './04-localhost-nodeport';
import { loadBalancerSourceRanges } from './05-loadbalancer-source-ranges';
import { externalTrafficLocal } from './06-external-traffic-local';
import { internalTrafficLocal } from './07-internal-traffic-local';
import { sessionAffinity } from './08-session-affinity';
import { hairpin } from './09-hairpin';
import { noEndpoints } from './10-no-endpoints';
import { dnsOverUdp } from './11-dns-udp';
import { podToPod } from './12-pod-to-pod';
import { staleUdp } from './13-stale-udp';
import { nftablesLookup } from './14-nftables-lookup';
import { nftablesNumgen } from './15-nftables-numgen';
import { nftablesRejectDrop } from './16-nftables-reject-drop';
import { switchMode } from './17-switch-mode';
import { readYourOwnNode } from './19-read-your-own-node';
import { ipvsClusterIP } from './20-ipvs-clusterip';
import { ipvsPing } from './21-ipvs-ping';
import { ipvsSchedulers } from './22-ipvs-schedulers';
import { scale } from './23-scale';
import type { Lesson } from './types';

export type * from './types';
export { LESSON_IDS } from './types';

export const LESSONS: readonly Lesson[] = [
  hooksTablesChains,
  clusterIP,
  secondPacket,
  nodePort,
  localhostNodePort,
  loadBalancerSourceRanges,
  externalTrafficLocal,
  internalTrafficLocal,
  sessionAffinity,
  hairpin,
  noEndpoints,
  dnsOverUdp,
  podToPod,
  staleUdp,
  nftablesLookup,
  nftablesNumgen,
  nftablesRejectDrop,
  switchMode,
  readYourOwnNode,
  ipvsClusterIP,
  ipvsPing,
  ipvsSchedulers,
  scale,
];

export function lessonById(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}
