/**
 * KubeProxyConfiguration's `ipvs` block (KubeProxyIPVSConfiguration), validated as kube-proxy's
 * pkg/proxy/apis/config/validation `validateKubeProxyIPVSConfiguration` / `validateIPVSSchedulerMethod` do.
 */
import type { FieldPath, Reporter } from './diagnostics';
import { readBool, readObject, readString, readStringList } from './fields';
import type { IpvsProxyConfig } from './model';
import { readCidr } from './validate-common';

/** `ipvs.scheduler` values kube-proxy accepts (IPVSSchedulerMethod); empty means rr. */
const SCHEDULERS: readonly IpvsProxyConfig['scheduler'][] = ['rr', 'wrr', 'lc', 'wlc', 'lblc', 'lblcr', 'sh', 'dh', 'sed', 'nq', 'mh'];
const FIELDS = ['syncPeriod', 'minSyncPeriod', 'scheduler', 'excludeCIDRs', 'strictARP', 'tcpTimeout', 'tcpFinTimeout', 'udpTimeout'];

export function readIpvsConfig(r: Reporter, v: unknown): IpvsProxyConfig | undefined {
  const P: FieldPath = ['ipvs'];
  const ipvs = readObject(r, P, v, FIELDS);
  if (ipvs === undefined) return undefined;
  const text = readString(r, [...P, 'scheduler'], ipvs['scheduler']) ?? '';
  let scheduler: IpvsProxyConfig['scheduler'] = 'rr';
  if ((SCHEDULERS as readonly string[]).includes(text)) scheduler = text as IpvsProxyConfig['scheduler'];
  else if (text !== '') r.invalid([...P, 'scheduler'], text, `must be in [${SCHEDULERS.join(' ')}], blank means the default algorithm method (currently rr)`);
  const excludeCIDRs: string[] = [];
  readStringList(r, [...P, 'excludeCIDRs'], ipvs['excludeCIDRs']).forEach((c, i) => {
    const cidr = readCidr(r, [...P, 'excludeCIDRs', i], c);
    if (cidr !== undefined) excludeCIDRs.push(cidr);
  });
  for (const f of ['syncPeriod', 'minSyncPeriod', 'tcpTimeout', 'tcpFinTimeout', 'udpTimeout']) readString(r, [...P, f], ipvs[f]);
  return { scheduler, strictARP: readBool(r, [...P, 'strictARP'], ipvs['strictARP']) ?? false, excludeCIDRs };
}
