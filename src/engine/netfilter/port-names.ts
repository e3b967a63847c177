/** Port ↔ service name, as getservbyport/getservbyname answer from /etc/services (a port's name, not a Kubernetes Service). */
import { SERVICES } from './port-names-data';

type Proto = 'tcp' | 'udp' | 'sctp';

let byPort: Map<string, string> | undefined;
let byName: Map<string, number> | undefined;

function index(): void {
  byPort = new Map();
  byName = new Map();
  for (const proto of ['tcp', 'udp', 'sctp'] as const) {
    for (const line of SERVICES[proto].split('\n')) {
      const [port, ...names] = line.split(' ');
      if (!port || names.length === 0) continue;
      const key = `${port}/${proto}`;
      // The first entry for a port wins, as getservbyport returns the first match in the file.
      if (!byPort.has(key)) byPort.set(key, names[0]!);
      for (const n of names) if (!byName.has(`${n}/${proto}`)) byName.set(`${n}/${proto}`, Number(port));
    }
  }
}

export function serviceByPort(port: number, proto: string): string | undefined {
  if (!byPort) index();
  return byPort!.get(`${port}/${proto === 'udp' || proto === 'sctp' ? proto : 'tcp'}`);
}

export function portByName(name: string, proto: string): number | undefined {
  if (!byName) index();
  return byName!.get(`${name}/${(proto === 'udp' || proto === 'sctp' ? proto : 'tcp') as Proto}`);
}
