/** Starting agents (agent.ts) in the sandbox's namespaces and talking to them. */
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import type { AgentReply, AgentRequest, ConnectResult, Listener } from './agent-protocol';
import type { Sandbox } from './sandbox';

/** The agent as one plain ES module Node runs directly (a per-file TypeScript loader would cost each agent ~0.3 s). */
export async function bundleAgent(): Promise<{ path: string; dispose: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'kpl-journeys-'));
  const path = join(dir, 'agent.mjs');
  await build({ entryPoints: [join(import.meta.dirname, 'agent.ts')], outfile: path, bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'error' });
  return { path, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

type Pending = (reply: AgentReply) => void;

export class Agent {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly ready: Promise<void>;
  private stderr = '';

  constructor(
    readonly netns: string,
    readonly who: string,
    private readonly child: ChildProcessWithoutNullStreams,
  ) {
    child.stderr.on('data', (d: Buffer) => (this.stderr += d.toString()));
    let markReady: () => void = () => {};
    let fail: (e: Error) => void = () => {};
    this.ready = new Promise<void>((resolve, reject) => {
      markReady = resolve;
      fail = reject;
    });
    createInterface({ input: child.stdout }).on('line', (line) => {
      const reply = JSON.parse(line) as AgentReply;
      if (reply.op === 'ready') return markReady();
      const p = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      p?.(reply);
    });
    child.once('exit', (code) => {
      const e = new Error(`agent ${who} in ${netns} exited (${code}): ${this.stderr.trim()}`);
      fail(e);
      for (const p of this.pending.values()) p({ id: -1, op: 'error', message: e.message });
      this.pending.clear();
    });
  }

  private async request(make: (id: number) => AgentRequest): Promise<AgentReply> {
    await this.ready;
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.child.stdin.write(`${JSON.stringify(make(id))}\n`);
    });
  }

  async listen(listeners: readonly Listener[]): Promise<void> {
    if (listeners.length === 0) return;
    const reply = await this.request((id) => ({ id, op: 'listen', listeners }));
    if (reply.op === 'error') throw new Error(reply.message);
    if (reply.op === 'listen' && reply.errors.length > 0) throw new Error(`${this.who} cannot listen: ${reply.errors.join('; ')}`);
  }

  async connect(protocol: 'tcp' | 'udp', host: string, port: number, count: number, timeoutMs: number): Promise<ConnectResult[]> {
    const reply = await this.request((id) => ({ id, op: 'connect', protocol, host, port, count, timeoutMs }));
    if (reply.op === 'connect') return [...reply.results];
    throw new Error(reply.op === 'error' ? reply.message : `unexpected reply ${reply.op}`);
  }

  stop(): void {
    this.child.stdin.end();
    this.child.kill('SIGTERM');
  }
}

export function startAgent(sandbox: Sandbox, agentPath: string, netns: string, who: string, deadlineMs: number): Agent {
  return new Agent(netns, who, sandbox.spawnIn(netns, [process.execPath, agentPath, who, String(deadlineMs)]));
}
