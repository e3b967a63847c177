/** What the journey check sends, and what it concludes. */

export interface JourneyCase {
  /** Unique within its scenario. */
  readonly id: string;
  /** `--from` (DESIGN §4): a pod, a node (a process on it) or `external[:IP]`. */
  readonly from: string;
  /** `--to`: `IP:PORT`, a Service `NAME[.NAMESPACE][:PORT]`, `NODE:PORT`; for ICMP an address (`IP`, `NODE`). */
  readonly to: string;
  readonly via?: string;
  /** @default 'tcp' */
  readonly protocol?: 'tcp' | 'udp' | 'icmp';
  /** Connections compared one by one (each with its conntrack entries). @default 1 */
  readonly connections?: number;
  /**
   * A feature the lab does not have yet (closed ports, ICMP, RELATED): the case runs, and a disagreement is
   * reported as pending with this reason instead of counting against the lab.
   */
  readonly pending?: string;
}

export interface ScenarioSuite {
  /** For reports: `default.yaml`, `lesson 05-loadbalancer-source-ranges`, `random #12 (seed …)`. */
  readonly name: string;
  /** The scenario file kpl reads. */
  readonly file: string;
  readonly cases: readonly JourneyCase[];
}

export interface Difference {
  /** `outcome`, `endpoint`, `source seen`, `masquerade`, `conntrack NODE`, `endpoints over N connections`. */
  readonly fact: string;
  readonly kernel: string;
  readonly lab: string;
  /** Set when the difference is a feature the lab does not have yet (the journey is then pending, not disagreeing). */
  readonly pending?: string;
}

export interface JourneyResult {
  readonly scenario: string;
  readonly id: string;
  /** The kpl command that shows the lab's side. */
  readonly command: string;
  readonly status: 'agree' | 'disagree' | 'pending';
  readonly differences: readonly Difference[];
  /** A disagreement whose cause is known (a lab bug already described): still counted as disagreeing. */
  readonly known?: string;
  /** Why it is pending, or a harness note. */
  readonly note?: string;
  /** Connections actually sent to the kernel. */
  readonly sent: number;
}
