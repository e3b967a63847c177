/**
 * The packet lesson's state: what to send, the worker's trace of it, and where playback is.
 * Kept apart from the scenario store (`useLabStore`): the scenario is the user's document, this is a
 * run over it. The worker decides everything about the packet; this store only holds and steps through it.
 */
import { create } from 'zustand';
import type { Choice, ConntrackChangeView, PacketChoices, TraceView } from '../../worker/api';
import { engine } from '../../worker/client';
import { MAX_SPEED, MIN_SPEED } from './clock';
import { EMPTY_SNAPSHOT, flattenSteps, snapshotOf, type ConntrackSnapshot, type StepRef } from './steps';
import { buildPlayback, EMPTY_PLAYBACK, type Playback } from './playback';
import { decisionAfter, openCurrentFold, playbackIndex, positionOfStep, rebuild, seekHop, stepBy, type Sentence } from './playback-position';

export { playbackIndex } from './playback-position';
import { loadNarration, type Narrator } from './packet-views';
import { resolveEnds, type PacketSetup } from '../lessons/packet-values';
import { refreshRules } from './refresh-rules';

export type { PacketSetup } from '../lessons/packet-values';

/** `icmp` is a ping of the destination's address (its port, if any, is left off). */
export type Protocol = 'tcp' | 'udp' | 'icmp';

export interface PacketState {
  readonly choices?: PacketChoices;
  readonly from?: string;
  readonly to?: string;
  /** Only sent when the destination offers more than one protocol. */
  readonly protocol?: Protocol;
  /** The node an external client enters through; undefined lets the worker choose. */
  readonly via?: string;
  /** Seeds the worker's random choices; the same seed and sends give the same journeys. @default 1 */
  readonly seed: number;
  /** The client's source port a lesson fixed; cleared when the user picks other ends. @default drawn from the seed */
  readonly sport?: number;
  /** A lesson's connection that stays open (no FIN); cleared when the user picks other ends. */
  readonly keepOpen?: boolean;
  /** A lesson's send in another kube-proxy mode than the scenario's; cleared when the user picks other ends. */
  readonly mode?: 'iptables' | 'nftables' | 'ipvs';
  readonly trace?: TraceView;
  /** Every hop of every packet of the connection, in order: what `position` (and share links, lessons) index. */
  readonly steps: readonly StepRef[];
  /** The position of the hop playback is on (for a folded playback step, the hop that stands for it). */
  readonly position: number;
  /** The connection cut into playback steps, what Step and the timeline move through. */
  readonly playback: Playback;
  /**
   * Fold runs of rules that did not match, play each later packet as one step, merge repeated
   * sentences; off, playback is rule by rule. @default true
   */
  readonly folded: boolean;
  /** Folds the learner opened (`Fold['key']`); they stay open until the next packet is sent. */
  readonly opened: ReadonlySet<string>;
  readonly playing: boolean;
  /** Playback speed, 0.25× to 4×. @default 1 */
  readonly speed: number;
  /** Tokens jump instead of moving. @default the system's prefers-reduced-motion */
  readonly reducedMotion: boolean;
  readonly sending: boolean;
  readonly error?: string;
  /** Connections sent since the last reset (the worker keeps conntrack and counters between them). */
  readonly sent: number;
  /** The conntrack tables as the previous connection left them: what the first packet starts from. */
  readonly baseline: ConntrackSnapshot;
  /**
   * Options a lesson or a share link selected that the cluster's choices do not list (`external:IP`,
   * `127.0.0.1:PORT`): shown in the pickers while they stay selected.
   */
  readonly extra: PacketChoices;
  /** What `configure` asked for before the pickers had choices to show it with. */
  readonly pending?: PacketSetup;
  /** The last wait or endpoint change, shown in the Conntrack panel until the next connection. */
  readonly change?: ConntrackChangeView;
  /** A wait is under way in the worker. */
  readonly waiting: boolean;
  setChoices(choices: PacketChoices): void;
  /** Sets what to send in one go, as a lesson or a share link does; the pickers then show exactly that. */
  configure(setup: PacketSetup): void;
  /** `configure` for the cluster about to load (the scenario text just changed): applied when its choices arrive. */
  configureNext(setup: PacketSetup): void;
  setSeed(seed: number): void;
  setFrom(from: string): void;
  setTo(to: string): void;
  /** A destination the learner typed (`IP:PORT`, `NODE:PORT`, an address to ping): offered as a typed option and selected. */
  setTypedTo(text: string): void;
  setProtocol(protocol: Protocol): void;
  setVia(via: string | undefined): void;
  setSpeed(speed: number): void;
  setReducedMotion(on: boolean): void;
  send(): Promise<void>;
  play(): void;
  pause(): void;
  /** Pauses, then moves `delta` playback steps (clamped to the connection). */
  step(delta: number): void;
  /** Pauses, then moves to the next playback step that changes the packet or decides its fate (or the last one). */
  nextDecision(): void;
  /** The clock's tick: one playback step forward; false (and paused) at the end. */
  advance(): boolean;
  /** Moves to a hop by position; a hop inside a fold opens that fold (a lesson or a link points at it). */
  seek(position: number): void;
  /** Moves to a playback step by index. */
  seekStep(index: number): void;
  /** Opens the current playback step's fold in place: its rules, or its packet hop by hop. */
  openFold(): void;
  setFolded(on: boolean): void;
  reset(): Promise<void>;
  /** The scenario changed: the old trace no longer describes this cluster. */
  clearTrace(): void;
  /** Lets `seconds` pass in the worker's network: the connection on screen is over, the tables age. */
  wait(seconds: number): Promise<void>;
  /** What a wait, an edit or a lesson step did to the tables: they become the next connection's starting point. */
  showChange(change: ConntrackChangeView): void;
}

const NO_EXTRA: PacketChoices = { sources: [], destinations: [] };

/** The cluster's choices plus the extra options still selected. */
function withExtra(choices: PacketChoices, extra: PacketChoices, from: string | undefined, to: string | undefined): { choices: PacketChoices; extra: PacketChoices } {
  const keep = {
    sources: extra.sources.filter((c) => c.value === from && !choices.sources.some((o) => o.value === c.value)),
    destinations: extra.destinations.filter((c) => c.value === to && !choices.destinations.some((o) => o.value === c.value)),
  };
  return { choices: { sources: [...choices.sources, ...keep.sources], destinations: [...choices.destinations, ...keep.destinations] }, extra: keep };
}

/** The cluster's own choices: `choices` without the extra options merged into it. */
function withoutExtra(choices: PacketChoices, extra: PacketChoices): PacketChoices {
  return {
    sources: choices.sources.filter((c) => !extra.sources.includes(c)),
    destinations: choices.destinations.filter((c) => !extra.destinations.includes(c)),
  };
}

/** The store fields a setup gives against `choices`. */
function applySetup(choices: PacketChoices, setup: PacketSetup): Pick<PacketState, 'choices' | 'extra' | 'from' | 'to' | 'via' | 'protocol' | 'seed' | 'sport' | 'keepOpen' | 'mode'> {
  const ends = resolveEnds(choices, setup.from, setup.to, setup.protocol);
  const extra = { sources: [...ends.extraSources], destinations: [...ends.extraDestinations] };
  const merged = withExtra(choices, extra, ends.from, ends.to);
  const protocols = protocolsOf(merged.choices, ends.to);
  const protocol = setup.protocol && (setup.protocol === 'icmp' || protocols.length === 0 || protocols.includes(setup.protocol)) ? setup.protocol : protocols[0];
  return { ...merged, from: ends.from, to: ends.to, via: setup.via, protocol, seed: setup.seed ?? 1, sport: setup.sport, keepOpen: setup.keepOpen, mode: setup.mode };
}

function systemReducedMotion(): boolean {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** Protocols a destination value is offered with (DNS: udp and tcp). */
export function protocolsOf(choices: PacketChoices | undefined, to: string | undefined): Protocol[] {
  const out: Protocol[] = [];
  for (const d of choices?.destinations ?? []) {
    if (d.value === to && (d.protocol === 'tcp' || d.protocol === 'udp') && !out.includes(d.protocol)) out.push(d.protocol);
  }
  return out;
}

/** The protocols the picker offers for a destination: its own (tcp for a typed one, or both), and a ping. */
export function protocolOptions(choices: PacketChoices | undefined, to: string | undefined): Protocol[] {
  const offered = protocolsOf(choices, to);
  const typedHasPort = to !== undefined && /:[^:]+$/.test(to);
  if (offered.length > 0) return [...offered, 'icmp'];
  return typedHasPort ? ['tcp', 'udp', 'icmp'] : ['icmp'];
}

/** What the worker is asked to reach: a ping goes to the destination's address (`svc.ns:9000` → `svc.ns`). */
export function destinationFor(to: string, protocol: Protocol | undefined): string {
  return protocol === 'icmp' ? to.replace(/:[^:]*$/, '') : to;
}

/**
 * A first pick that shows something worth seeing: a Service of the scenario's own (not the implicit
 * kubernetes / kube-dns) and a client pod of its own. Lessons usually declare the servers first and the
 * client after them, so the last own pod is the likeliest client.
 */
function defaults(c: PacketChoices): { from?: string; to?: string } {
  const system = (v: string): boolean => v.startsWith('kube-system/') || v.endsWith('.kube-system') || /\.kube-system:/.test(v) || v.startsWith('kubernetes.default:');
  const pods = c.sources.filter((s) => s.group === 'pod' && !system(s.value));
  const services = c.destinations.filter((d) => d.group === 'service' && !system(d.value));
  const from = pods[pods.length - 1]?.value ?? c.sources[0]?.value;
  const to = services[0]?.value ?? c.destinations[0]?.value;
  return { ...(from ? { from } : {}), ...(to ? { to } : {}) };
}

const clamp = (n: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, n));

/** The sentences merged playback steps are compared by; loaded with the first trace (packet-views.ts). */
let narrator: Narrator | undefined;
const sentence = (): Sentence => {
  const n = narrator;
  return n ? (packet, hop) => n('en', packet, hop) : undefined;
};

export const usePacketStore = create<PacketState>()((set, get) => ({
  seed: 1,
  steps: [],
  position: 0,
  playback: EMPTY_PLAYBACK,
  folded: true,
  opened: new Set(),
  playing: false,
  speed: 1,
  reducedMotion: systemReducedMotion(),
  sending: false,
  sent: 0,
  baseline: EMPTY_SNAPSHOT,
  extra: NO_EXTRA,
  waiting: false,
  setChoices: (fresh) =>
    set((s) => {
      if (s.pending) return { ...applySetup(fresh, s.pending), pending: undefined };
      const { choices, extra } = withExtra(fresh, s.extra, s.from, s.to);
      const offered = (v: string | undefined, list: readonly Choice[]): boolean => v !== undefined && list.some((c) => c.value === v);
      const d = defaults(choices);
      const from = offered(s.from, choices.sources) ? s.from : d.from;
      const to = offered(s.to, choices.destinations) ? s.to : d.to;
      const protocols = protocolsOf(choices, to);
      const protocol = s.protocol && (s.protocol === 'icmp' || protocols.includes(s.protocol)) ? s.protocol : protocols[0];
      return { choices, extra, from, to, protocol };
    }),
  configure: (setup) =>
    set((s) => (s.choices ? { ...applySetup(withoutExtra(s.choices, s.extra), setup), pending: undefined } : { pending: setup, from: setup.from, to: setup.to, via: setup.via, protocol: setup.protocol, seed: setup.seed ?? 1, sport: setup.sport, keepOpen: setup.keepOpen, mode: setup.mode })),
  configureNext: (setup) => set({ pending: setup }),
  setSeed: (seed) => set({ seed }),
  setFrom: (from) => set({ from, sport: undefined, keepOpen: undefined, mode: undefined }),
  // A new destination starts on its own first protocol (DNS: udp), as the pickers list it.
  setTo: (to) => set((s) => ({ to, protocol: protocolsOf(s.choices, to)[0], keepOpen: undefined, mode: undefined })),
  setTypedTo: (text) =>
    set((s) => {
      const value = text.trim();
      if (value === '' || !s.choices) return {};
      const known = s.choices.destinations.some((c) => c.value === value);
      const typed: Choice = { value, group: 'typed' };
      const extra = known ? s.extra : { ...s.extra, destinations: [...s.extra.destinations.filter((c) => c.group !== 'typed'), typed] };
      const base = withoutExtra(s.choices, s.extra);
      const { choices, extra: kept } = withExtra(base, extra, s.from, value);
      // An address without a port can only be pinged; a port keeps the protocol chosen (a ping becomes tcp).
      const offered = protocolsOf(choices, value);
      const protocol: Protocol = !/:[^:]+$/.test(value) ? 'icmp' : offered[0] ?? (s.protocol === 'udp' ? 'udp' : 'tcp');
      return { choices, extra: kept, to: value, protocol };
    }),
  setProtocol: (protocol) => set({ protocol }),
  setVia: (via) => set({ via }),
  setSpeed: (speed) => set({ speed: clamp(speed, MIN_SPEED, MAX_SPEED) }),
  setReducedMotion: (reducedMotion) => set({ reducedMotion }),
  send: async () => {
    const s = get();
    if (!s.from || !s.to || s.sending) return;
    set({ sending: true, playing: false, error: undefined, change: undefined });
    const protocols = protocolsOf(s.choices, s.to);
    // Sent when it is a choice: a ping, a destination offered over two protocols, or a typed one.
    const chosen = s.protocol === 'icmp' || (s.protocol && protocols.length !== 1) ? s.protocol : undefined;
    try {
      const res = await engine().trace({
        from: s.from,
        to: destinationFor(s.to, s.protocol),
        seed: s.seed,
        ...(s.sport !== undefined ? { sport: s.sport } : {}),
        ...(s.keepOpen ? { keepOpen: true } : {}),
        ...(s.mode ? { mode: s.mode } : {}),
        ...(s.via && s.from.startsWith('external') ? { via: s.via } : {}),
        ...(chosen ? { protocol: chosen } : {}),
      });
      if (!res.ok) {
        set({ sending: false, error: res.error });
        return;
      }
      // Repeated sentences merge once narration has loaded; a send never fails for want of it.
      narrator ??= await loadNarration().catch(() => undefined);
      const prev = get().trace;
      const last = prev?.packets[prev.packets.length - 1];
      const steps = flattenSteps(res.trace);
      const opened: ReadonlySet<string> = new Set();
      const said = sentence();
      const playback = buildPlayback(res.trace, { folded: get().folded, opened, ...(said ? { sentence: said } : {}) });
      set((cur) => ({
        sending: false,
        trace: res.trace,
        steps,
        playback,
        opened,
        position: 0,
        playing: playback.steps.length > 1,
        sent: cur.sent + 1,
        baseline: last ? snapshotOf(last) : cur.baseline,
      }));
      await refreshRules();
    } catch (e) {
      set({ sending: false, error: String(e) });
    }
  },
  play: () => {
    const s = get();
    if (s.playback.steps.length === 0) return;
    // Play at the end starts over, as media players do.
    set({ playing: true, position: playbackIndex(s) >= s.playback.steps.length - 1 ? positionOfStep(s.playback, 0) : s.position });
  },
  pause: () => set({ playing: false }),
  step: (delta) => set((s) => ({ playing: false, position: stepBy(s, delta) })),
  nextDecision: () => set((s) => ({ playing: false, position: decisionAfter(s) })),
  advance: () => {
    const s = get();
    const last = s.playback.steps.length - 1;
    const index = playbackIndex(s);
    if (index >= last) {
      set({ playing: false });
      return false;
    }
    const atEnd = index + 1 >= last;
    set({ position: positionOfStep(s.playback, index + 1), playing: !atEnd });
    return !atEnd;
  },
  seek: (to) => set((s) => seekHop(s, to, sentence())),
  seekStep: (index) => set((s) => ({ position: positionOfStep(s.playback, index) })),
  openFold: () => set((s) => ({ ...openCurrentFold(s, sentence()), playing: false })),
  setFolded: (on) => set((s) => rebuild(s, on, s.opened, sentence())),
  reset: async () => {
    set({ playing: false });
    await engine().resetNetwork();
    set({ trace: undefined, steps: [], playback: EMPTY_PLAYBACK, opened: new Set(), position: 0, error: undefined, sent: 0, baseline: EMPTY_SNAPSHOT, change: undefined });
    await refreshRules();
  },
  clearTrace: () => set({ trace: undefined, steps: [], playback: EMPTY_PLAYBACK, opened: new Set(), position: 0, playing: false, error: undefined, sent: 0, baseline: EMPTY_SNAPSHOT, change: undefined }),
  wait: async (seconds) => {
    if (get().waiting) return;
    set({ waiting: true, playing: false });
    try {
      const change = await engine().advanceClock(seconds, get().seed);
      if (change) get().showChange(change);
    } catch (e) {
      set({ error: String(e) });
    } finally {
      set({ waiting: false });
    }
  },
  // `sent` counts the change too, so Reset (which empties the tables) stays offered while entries are shown.
  showChange: (change) => set((s) => ({ trace: undefined, steps: [], playback: EMPTY_PLAYBACK, opened: new Set(), position: 0, playing: false, baseline: change.tables, change, sent: Math.max(s.sent, 1) })),
}));
