import { ENGINE_VERSION, KUBERNETES_RELEASE } from '../engine/version';
import type { CliIo } from './io';
import { UsageError } from './io';
import { printCommand } from './commands/print';
import { rulesCommand } from './commands/rules';
import { benchCommand } from './commands/bench';
import { spreadCommand } from './commands/spread';
import { traceCommand } from './commands/trace';
import { diffCommand } from './commands/diff';

const HELP = `kpl ${ENGINE_VERSION} — Kube Packet Lab on the command line (kube-proxy ${KUBERNETES_RELEASE}, iptables mode)

Usage:
  kpl rules FILE [--node NAME] [--table nat|filter] [--format save|S|L]
  kpl rules FILE --mode nftables [--node NAME] [--format transaction]
  kpl rules FILE --mode ipvs [--node NAME] [--format ipvsadm|stats|ipset|ip|save|S|L]
  kpl print DUMP [--table nat|filter|raw|mangle] [--format save|S|L]
  kpl trace FILE --from SRC --to DST [--via NODE] [--proto tcp|udp|icmp] [--mode iptables|nftables|ipvs|all] [--seed N] [--json] [--verbose]
  kpl trace FILE --script STEPS [--seed N] [--json] [--verbose]
  kpl spread FILE --from SRC --to DST [--via NODE] --connections N [--proto tcp|udp|icmp] [--mode iptables|nftables|ipvs] [--seed N] [--json]
  kpl trace --dump FILE --src IP[:PORT] --dst IP:PORT [--proto tcp|udp] [--in IFACE|--local] [--node-ip IP[,IP…]] [--pod-cidr CIDR] [--json]
  kpl spread --dump FILE --src IP[:PORT] --dst IP:PORT --connections N [--in IFACE|--local] [--node-ip IP[,IP…]] [--json]
  kpl diff --dump FILE SCENARIO [--node NAME] [--json]
  kpl bench [--json] [--quick] [--sizes N,N,…] [--mode iptables|nftables] [--sweep [--calibrate]]
  kpl --version | --help

STEPS is a text file, one step a line (# starts a comment):
  connect --from SRC --to DST [--via NODE] [--proto tcp|udp] [--sport N] [--keep-open]
  send --from SRC --to DST --sport N  one more request on a connection left open (--keep-open)
  wait DURATION                       30s, 2m, 1h30m, 500ms: entries expire by their timeouts
  scale DEPLOYMENT REPLICAS [--namespace NS]
  remove-endpoint IP                  the pod at IP deleted; kube-proxy deletes stale UDP entries
  conntrack [--node NAME]             conntrack -L now

Exit codes: 0 ok; 1 the scenario or the arguments are invalid (message on stderr, with file:line:col).
`;

type Command = (args: readonly string[], io: CliIo) => Promise<number>;

/** Commands by name; each lives in its own module and arrives with the issue that builds it. */
const commands: Record<string, Command> = { print: printCommand, rules: rulesCommand, trace: traceCommand, spread: spreadCommand, diff: diffCommand, bench: benchCommand };

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [first, ...rest] = argv;
  if (first === '--version' || first === '-V') {
    io.stdout(`${ENGINE_VERSION}\n`);
    return 0;
  }
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    io.stdout(HELP);
    return 0;
  }
  const command = commands[first];
  try {
    if (!command) throw new UsageError(`unknown command "${first}" (try kpl --help)`);
    return await command(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`kpl: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}
