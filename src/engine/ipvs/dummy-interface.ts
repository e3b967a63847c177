/**
 * kube-ipvs0: the dummy interface kube-proxy creates (`netlink.LinkAdd(&netlink.Dummy{…})`, never set up)
 * and binds every service address to as a /32 (`EnsureAddressBind`), so that the routing decision
 * delivers packets for a VIP locally, where IPVS takes them (and the node answers ARP and ping for them).
 * `ip addr show kube-ipvs0` as iproute2 6.1 prints it.
 */

export interface DummyInterface {
  /** The ifindex: whatever the node's next free index was when kube-proxy first started. */
  readonly index: number;
  readonly name: string;
  /** A dummy device gets a random MAC (`eth_hw_addr_random`); the lab derives one from the node's name. */
  readonly mac: string;
  /** /32 addresses in the order they were bound. */
  readonly addresses: readonly string[];
}

/** `ip addr show DEV`: a down dummy (flags BROADCAST,NOARP, qdisc noop, no queue) and its /32s. */
export function printIpAddrShow(dev: DummyInterface): string {
  const lines = [
    `${dev.index}: ${dev.name}: <BROADCAST,NOARP> mtu 1500 qdisc noop state DOWN group default `,
    `    link/ether ${dev.mac} brd ff:ff:ff:ff:ff:ff`,
  ];
  for (const a of dev.addresses) lines.push(`    inet ${a}/32 scope global ${dev.name}`, '       valid_lft forever preferred_lft forever');
  return `${lines.join('\n')}\n`;
}

/** A locally administered unicast MAC from a 32-bit seed and a 16-bit tail, stable for a node. */
export function macFromSeed(seed: number, tail: number): string {
  const bytes = [0x02 | ((seed >>> 24) & 0xfc), (seed >>> 16) & 0xff, (seed >>> 8) & 0xff, seed & 0xff, (tail >>> 8) & 0xff, tail & 0xff];
  return bytes.map((b) => b.toString(16).padStart(2, '0')).join(':');
}
