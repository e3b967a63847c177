/**
 * The lab's side of a journey: `kpl trace … --json` and `kpl spread … --json` (DESIGN §4), run through the
 * CLI's own `main` in this process (the contract users and tests rely on, without a Node start per trace).
 * Only the JSON is read; nothing of the engine's internals.
 */
import { main } from '../../cli/main';

export interface LabHeader {
  readonly src: string;
  readonly sport: number;
  readonly dst: string;
  readonly dport: number;
}

export interface LabTrace {
  readonly outcome: string;
  readonly endpoint?: { readonly ip: string; readonly port: number; readonly pod?: string; readonly node?: string };
  readonly seenSource?: { readonly ip: string; readonly port: number };
  readonly packets: readonly {
    readonly label: string;
    readonly direction: string;
    readonly hops: readonly {
      readonly node?: string;
      readonly hook?: string;
      readonly table?: string;
      readonly rule?: string;
      readonly matched?: boolean;
      readonly before?: LabHeader;
      readonly ctstate?: string;
    }[];
    readonly delivered?: LabHeader;
  }[];
  readonly conntrack: Readonly<Record<string, readonly string[]>>;
}

export interface LabSpread {
  readonly connections: number;
  readonly endpoints: Readonly<Record<string, number>>;
  readonly failed: number;
  readonly failures?: Readonly<Record<string, number>>;
  readonly pods?: Readonly<Record<string, string>>;
}

/** A usage error of kpl (exit 1): e.g. `--proto icmp` before the lab has ICMP. */
export class LabRefused extends Error {}

async function run(argv: readonly string[]): Promise<string> {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: (s) => (out += s), stderr: (s) => (err += s) });
  if (code !== 0) throw new LabRefused(`kpl ${argv.join(' ')}: ${err.trim()}`);
  return out;
}

export interface LabRequest {
  readonly file: string;
  readonly from: string;
  readonly to: string;
  readonly via?: string;
  readonly protocol?: 'tcp' | 'udp' | 'icmp';
}

const connectionArgs = (r: LabRequest): string[] => [
  r.file, '--from', r.from, '--to', r.to, ...(r.via ? ['--via', r.via] : []), ...(r.protocol ? ['--proto', r.protocol] : []),
];

export async function labTrace(r: LabRequest, seed: number): Promise<LabTrace> {
  return JSON.parse(await run(['trace', ...connectionArgs(r), '--seed', String(seed), '--json'])) as LabTrace;
}

export async function labSpread(r: LabRequest, connections: number): Promise<LabSpread> {
  return JSON.parse(await run(['spread', ...connectionArgs(r), '--connections', String(connections), '--seed', '1', '--json'])) as LabSpread;
}

export async function labRules(file: string, node: string): Promise<string> {
  return run(['rules', file, '--node', node]);
}
