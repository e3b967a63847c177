/**
 * The process that lives inside one network namespace of the journey check (a pod, a node, an external
 * client): it runs the echo servers of that namespace and makes the client connections asked of it.
 * One agent per namespace, because a socket belongs to the namespace of the process that opens it (Node
 * cannot setns). Bundled by esbuild and run with `ip netns exec NS node agent.mjs WHO DEADLINE_MS`.
 *
 * Talks newline-delimited JSON on stdin/stdout (agent-protocol.ts). It exits when its stdin closes (the
 * harness went away) or when its deadline passes, whichever comes first: nothing it starts outlives the check.
 */
import { createSocket } from 'node:dgram';
import { connect, createServer } from 'node:net';
import { createInterface } from 'node:readline';
import type { AgentReply, AgentRequest, ConnectResult, EchoReply, Listener } from './agent-protocol';

const [who = '?', deadlineText = '300000'] = process.argv.slice(2);
setTimeout(() => process.exit(3), Number(deadlineText)).unref();

const send = (reply: AgentReply): void => {
  process.stdout.write(`${JSON.stringify(reply)}\n`);
};

const address = (a: string | undefined, p: number | undefined): string => `${a ?? '?'}:${p ?? 0}`;

function listen(l: Listener): Promise<string> {
  const host = l.address ?? '0.0.0.0';
  if (l.protocol === 'tcp') {
    const server = createServer((socket) => {
      socket.once('data', () => {
        const reply: EchoReply = { who, local: address(socket.localAddress, socket.localPort), remote: address(socket.remoteAddress, socket.remotePort) };
        socket.write(`${JSON.stringify(reply)}\n`);
      });
      socket.on('error', () => socket.destroy());
    });
    return new Promise((resolve) => {
      server.once('error', (e: NodeJS.ErrnoException) => resolve(`tcp ${host}:${l.port}: ${e.code ?? e.message}`));
      server.listen({ host, port: l.port }, () => resolve(''));
    });
  }
  const udp = createSocket('udp4');
  udp.on('message', (_msg, rinfo) => {
    const local = udp.address();
    // A UDP socket bound to 0.0.0.0 does not learn the datagram's destination address; the port still tells
    // which listener answered, and the pod's identity which endpoint.
    const reply: EchoReply = { who, local: address(host === '0.0.0.0' ? '*' : local.address, local.port), remote: address(rinfo.address, rinfo.port) };
    udp.send(`${JSON.stringify(reply)}\n`, rinfo.port, rinfo.address);
  });
  return new Promise((resolve) => {
    udp.once('error', (e: NodeJS.ErrnoException) => resolve(`udp ${host}:${l.port}: ${e.code ?? e.message}`));
    udp.bind({ address: host, port: l.port }, () => resolve(''));
  });
}

/**
 * Runs `f` after the I/O that is already waiting: Node runs expired timers before it polls for I/O, so a
 * process the machine left unscheduled past a timeout would otherwise call a connection dropped whose
 * answer is sitting in its socket.
 */
const afterPendingIo = (f: () => void): void => {
  setTimeout(() => setImmediate(f), 0);
};

/** ECONNREFUSED: a RST, or an ICMP port unreachable (what kube-proxy's REJECT sends). */
const REJECTED = new Set(['ECONNREFUSED']);
/** The sender's own stack found no way there: no route, or no neighbour answered ARP (after ~3 s). */
const NO_ROUTE = new Set(['EHOSTUNREACH', 'ENETUNREACH']);
const failure = (code: string): ConnectResult['outcome'] => (REJECTED.has(code) ? 'rejected' : NO_ROUTE.has(code) ? 'no-route' : 'error');
const REPLY_TIMEOUT_MS = 4000;

/**
 * The client's port, chosen here rather than by the kernel so that it is known even for a connection that
 * never completes (Node learns the address of a connecting socket only once it connects). Never reused by
 * this agent, so no connection meets an earlier one's TIME_WAIT.
 */
let nextPort = 33000 + (process.pid % 250) * 100;
const clientPort = (): number => {
  nextPort = nextPort >= 60999 ? 33000 : nextPort + 1;
  return nextPort;
};

function connectTcp(host: string, port: number, timeoutMs: number): Promise<ConnectResult> {
  return new Promise((resolve) => {
    const localPort = clientPort();
    const socket = connect({ host, port, localPort });
    let result: ConnectResult | undefined;
    let buffer = '';
    const local = (): string => address(socket.localAddress, localPort);
    const finish = (r: ConnectResult): void => {
      if (!result) result = r;
    };
    // The handshake gets timeoutMs (less than the kernel's first SYN retransmission at 1 s, so a dropped SYN
    // is sent once); once connected, the echo server's answer gets longer (it needs a process scheduled).
    let timer = setTimeout(
      () =>
        afterPendingIo(() => {
          if (!socket.connecting) return;
          finish({ outcome: 'dropped', local: local() });
          socket.destroy();
        }),
      timeoutMs,
    );
    socket.on('connect', () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        // The handshake went through but the request or its answer did not: as in the lab, the connection's
        // first failing packet decides, and a packet that vanished is a drop.
        finish({ outcome: 'dropped', code: 'connected, but the request got no answer', local: local() });
        socket.destroy();
      }, REPLY_TIMEOUT_MS);
      socket.write('hello\n');
    });
    socket.on('data', (chunk) => {
      buffer += chunk.toString();
      const line = buffer.split('\n')[0];
      if (buffer.includes('\n') && line !== undefined) {
        finish({ outcome: 'delivered', local: local(), reply: JSON.parse(line) as EchoReply });
        // The client closes first, as the lab's journey does (FIN, FIN-ACK, last ACK): TIME_WAIT stays with the client.
        socket.end();
      }
    });
    socket.on('error', (e: NodeJS.ErrnoException) => {
      const code = e.code ?? e.message;
      finish({ outcome: failure(code), code, local: local() });
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(result ?? { outcome: 'error', code: 'closed before an answer', local: '' });
    });
  });
}

function connectUdp(host: string, port: number, timeoutMs: number): Promise<ConnectResult> {
  return new Promise((resolve) => {
    const udp = createSocket('udp4');
    let done = false;
    const local = (): string => {
      try {
        const a = udp.address();
        return address(a.address, a.port);
      } catch {
        return '';
      }
    };
    const finish = (r: ConnectResult): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      udp.close();
      resolve(r);
    };
    const timer = setTimeout(() => afterPendingIo(() => finish({ outcome: 'dropped', local: local() })), timeoutMs);
    udp.on('message', (msg) => {
      const line = msg.toString().split('\n')[0] ?? '';
      finish({ outcome: 'delivered', local: local(), reply: JSON.parse(line) as EchoReply });
    });
    // On a connected UDP socket the kernel reports an ICMP port unreachable as ECONNREFUSED.
    udp.on('error', (e: NodeJS.ErrnoException) => {
      const code = e.code ?? e.message;
      finish({ outcome: failure(code), code, local: local() });
    });
    udp.bind(clientPort(), () => udp.connect(port, host, () => udp.send('hello\n')));
  });
}

async function handle(request: AgentRequest): Promise<AgentReply> {
  switch (request.op) {
    case 'listen': {
      const errors = (await Promise.all(request.listeners.map(listen))).filter((e) => e !== '');
      return { id: request.id, op: 'listen', errors };
    }
    case 'connect': {
      const results: ConnectResult[] = [];
      // One after another: each connection's conntrack entries are read before the next is made.
      for (let i = 0; i < request.count; i++) {
        results.push(request.protocol === 'tcp' ? await connectTcp(request.host, request.port, request.timeoutMs) : await connectUdp(request.host, request.port, request.timeoutMs));
      }
      return { id: request.id, op: 'connect', results };
    }
  }
}

createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() === '') return;
  const request = JSON.parse(line) as AgentRequest;
  void handle(request).then(send, (e: unknown) => send({ id: request.id, op: 'error', message: String(e) }));
});
process.stdin.on('end', () => process.exit(0));
send({ id: 0, op: 'ready' });
