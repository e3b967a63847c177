/** What the harness and an agent (agent.ts) say to each other, one JSON object a line. */

export interface Listener {
  readonly protocol: 'tcp' | 'udp';
  readonly port: number;
  /** @default '0.0.0.0' */
  readonly address?: string;
}

/** What an echo server answers: who it is, where it was reached, and whom it saw. */
export interface EchoReply {
  /** The agent's identity: `pod:NAMESPACE/NAME`, `node:NAME` or `external:IP`. */
  readonly who: string;
  /** `IP:PORT` the connection arrived at (`*:PORT` for UDP, whose socket does not learn it). */
  readonly local: string;
  /** `IP:PORT` the client appeared as. */
  readonly remote: string;
}

export interface ConnectResult {
  /**
   * `delivered`: the handshake completed (TCP) or an answer came back (UDP); `rejected`: a RST or an ICMP
   * port unreachable came back; `dropped`: nothing (or no answer to the request) came back in time;
   * `no-route`: the client's own stack found no way there (EHOSTUNREACH: no route, or ARP unanswered);
   * `error`: the client itself failed.
   */
  readonly outcome: 'delivered' | 'rejected' | 'dropped' | 'no-route' | 'error';
  readonly code?: string;
  /** The client's own `IP:PORT`. */
  readonly local: string;
  readonly reply?: EchoReply;
}

export type AgentRequest =
  | { readonly id: number; readonly op: 'listen'; readonly listeners: readonly Listener[] }
  | {
      readonly id: number;
      readonly op: 'connect';
      readonly protocol: 'tcp' | 'udp';
      readonly host: string;
      readonly port: number;
      readonly count: number;
      /** How long to wait for the handshake (TCP) or the answer (UDP) before calling it dropped. */
      readonly timeoutMs: number;
    };

export type AgentReply =
  | { readonly id: 0; readonly op: 'ready' }
  | { readonly id: number; readonly op: 'listen'; readonly errors: readonly string[] }
  | { readonly id: number; readonly op: 'connect'; readonly results: readonly ConnectResult[] }
  | { readonly id: number; readonly op: 'error'; readonly message: string };
