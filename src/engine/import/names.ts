/**
 * Reading back what `iptables -L` without `-n` prints in place of numbers: reverse-DNS names for
 * addresses and /etc/services names for ports. Only names that carry their address are read back:
 * EC2's `ip-10-56-115-164.ap-northeast-2.compute.internal` (and `ec2-3-35-1-2.….amazonaws.com`), and the
 * names a stock node answers from /etc/hosts and /etc/networks. Any other name is unreadable and reported.
 */
import { formatIpv4, parseIpv4 } from '../ipv4';
import { portByName } from '../netfilter/port-names';

/** /etc/hosts and /etc/networks on a stock node (what xtables_ipaddr_to_anyname can answer without DNS). */
const FIXED_NAMES: Readonly<Record<string, string>> = {
  localhost: '127.0.0.1',
  'localhost.localdomain': '127.0.0.1',
  loopback: '127.0.0.0',
  'link-local': '169.254.0.0',
  default: '0.0.0.0',
};

const EC2_NAME = /^(?:ip|ec2)-(\d{1,3})-(\d{1,3})-(\d{1,3})-(\d{1,3})(?:\.[A-Za-z0-9.-]+)?$/;

/** The dotted address a host name stands for, or undefined when the name does not say. */
export function addressOfName(name: string): string | undefined {
  if (parseIpv4(name) !== undefined) return name;
  const fixed = FIXED_NAMES[name.toLowerCase()];
  if (fixed) return fixed;
  const m = EC2_NAME.exec(name);
  if (m) {
    const ip = parseIpv4(`${m[1]}.${m[2]}.${m[3]}.${m[4]}`);
    return ip === undefined ? undefined : formatIpv4(ip);
  }
  return undefined;
}

/**
 * An address column of `iptables -L` (`anywhere`, `10.0.0.0/8`, `!ip-127-0-0-0.….internal/8`) as the
 * `-s`/`-d` argument it came from; undefined for "any"; `{ unresolved }` for a name we cannot read back.
 */
export function addressColumn(text: string): { readonly invert: boolean; readonly cidr?: string; readonly unresolved?: string } {
  const invert = text.startsWith('!');
  const body = invert ? text.slice(1) : text;
  if (body === 'anywhere' || body === '0.0.0.0/0') return { invert };
  const slash = body.indexOf('/');
  const host = slash === -1 ? body : body.slice(0, slash);
  const prefix = slash === -1 ? '32' : body.slice(slash + 1);
  const address = addressOfName(host);
  if (address === undefined) return { invert, unresolved: host };
  return { invert, cidr: `${address}/${prefix}` };
}

/** A port or service name (`http`, `domain`, `8080`) as the number iptables would have printed with `-n`. */
export function portOfName(text: string, proto: string): string | undefined {
  if (/^\d+$/.test(text)) return text;
  const n = portByName(text, proto);
  return n === undefined ? undefined : String(n);
}

/** The node's address when its prompt is an EC2 host name (`[root@ip-10-56-128-40 /]#`). */
export function addressOfHostname(hostname: string): string | undefined {
  const m = EC2_NAME.exec(hostname);
  return m ? addressOfName(hostname) : undefined;
}
