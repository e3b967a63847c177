/**
 * Links into the lab: `#s1.…` (the whole state, codec.ts) and `#lesson=ID`. Read once at start and on
 * every hash change; the fragment is cleared once read, so a reload shows the user's saved state instead
 * of applying the link again. A link that cannot be read says why and leaves the user's state alone.
 */
import { useEffect } from 'react';
import { create } from 'zustand';
import { DEFAULT_SCENARIO } from '../../scenarios/default';
import { usePacketStore } from '../packet/store';
import { useLabStore } from '../store';
import { firstSetup } from '../lessons/sends';
import { slotLesson, slotStorage } from '../lessons/slots';
import type { SharedState } from './codec';
import type { ShareFailure } from './error-text';
import { HEAVY_YAML_CHARS } from './limits';
import { loadCodec } from './load-codec';
import { lessonFromHash, planShare } from './state';

/** What the share notices show: a link that failed, or the question before a link takes the screen. */
interface ShareNotices {
  readonly error?: { readonly kind: 'broken'; readonly failure: ShareFailure } | { readonly kind: 'no-lesson'; readonly id: string };
  readonly confirm?: {
    readonly replacesEditedShared: boolean;
    /** Set when the link's scenario is heavy (its size in KB, one decimal): asked even without work of one's own. */
    readonly heavyKb?: string;
    readonly answer: (open: boolean) => void;
  };
  dismissError(): void;
}

export const useShareNotices = create<ShareNotices>()((set) => ({
  dismissError: () => set({ error: undefined }),
}));

function ask(replacesEditedShared: boolean, heavyKb: string | undefined): Promise<boolean> {
  return new Promise((resolve) => {
    useShareNotices.setState({
      confirm: {
        replacesEditedShared,
        ...(heavyKb !== undefined ? { heavyKb } : {}),
        answer: (open) => {
          useShareNotices.setState({ confirm: undefined });
          resolve(open);
        },
      },
    });
  });
}

function clearHash(): void {
  if (!window.location.hash) return;
  window.history.replaceState(window.history.state, '', `${window.location.pathname}${window.location.search}`);
}

/** Applies a decoded link: its scenario (asking first when the user has work of their own), view, packet and step. */
export async function applySharedState(state: SharedState): Promise<void> {
  const lab = useLabStore.getState();
  const plan = planShare(state, {
    ownText: slotStorage.ownText(),
    defaultText: DEFAULT_SCENARIO,
    lessonText: (id) => slotStorage.lessonText(id),
    lessonEdited: (id) => slotStorage.lessonEdited(id),
    ...(slotStorage.shared() ? { shared: slotStorage.shared()! } : {}),
  });
  const heavyKb = state.yaml.length > HEAVY_YAML_CHARS ? (state.yaml.length / 1024).toFixed(1) : undefined;
  if ((plan.ask || heavyKb !== undefined) && !(await ask(plan.replacesEditedShared, heavyKb))) return;
  lab.setLang(state.lang);
  if (plan.target.kind === 'shared') slotStorage.saveShared(state.yaml, plan.target.lesson);
  const lesson = slotLesson(plan.target);
  const packet = state.packet ? { ...state.packet, seed: state.seed } : lesson ? await firstSetup(lesson) : undefined;
  // Opening a slot (and the lesson machinery behind it) loads only when a link or a lesson asks for it.
  const { showSlot } = await import('../lessons/open');
  await showSlot(plan.target, state.yaml, packet);
  if (!state.packet) usePacketStore.getState().setSeed(state.seed);
  if (state.packet) {
    await usePacketStore.getState().send();
    const pk = usePacketStore.getState();
    pk.pause();
    pk.seek(state.step);
  }
  // After the seek: the node and table follow the current hop (useFollowHop); the link's view is what the sharer had last.
  const view = state.view;
  if (view.node && useLabStore.getState().summary?.nodes.some((n) => n.name === view.node)) lab.setSelectedNode(view.node);
  if (view.table) lab.setTable(view.table);
  if (view.format) lab.setFormat(view.format);
}

/** Reads whatever link the address carries; nothing a link holds can throw out of here. */
export async function openFromHash(hash: string): Promise<void> {
  try {
    await readHash(hash);
  } catch (e) {
    clearHash();
    const detail = `The share link could not be read (${e instanceof Error ? e.message : String(e)}).`;
    useShareNotices.setState({ error: { kind: 'broken', failure: { kind: 'unreadable', error: detail } } });
  }
}

async function readHash(hash: string): Promise<void> {
  const direct = lessonFromHash(hash);
  if (direct.asked !== undefined) {
    clearHash();
    if (direct.id) await (await import('../lessons/open')).openLesson(direct.id);
    else useShareNotices.setState({ error: { kind: 'no-lesson', id: direct.asked } });
    return;
  }
  const decoded = (await loadCodec()).decodeShare(hash);
  if (!decoded.ok && 'absent' in decoded) return;
  clearHash();
  if (!decoded.ok) {
    useShareNotices.setState({ error: { kind: 'broken', failure: decoded } });
    return;
  }
  useShareNotices.setState({ error: undefined });
  await applySharedState(decoded.state);
}

let started = false;

/** Mount once: opens the link the page was loaded with, and any pasted later. */
export function useShareLink(): void {
  useEffect(() => {
    const onHash = (): void => void openFromHash(window.location.hash);
    window.addEventListener('hashchange', onHash);
    // StrictMode runs effects twice in development; the link must be applied once.
    if (!started) {
      started = true;
      if (window.location.hash) onHash();
      else {
        // A reload inside a lesson: the pickers start on its first connection again.
        const lesson = slotLesson(useLabStore.getState().slot);
        if (lesson)
          void firstSetup(lesson).then((setup) => {
            // Still in that lesson (the body loads lazily): start the pickers on its first connection.
            if (setup && slotLesson(useLabStore.getState().slot) === lesson) usePacketStore.getState().configure(setup);
          });
      }
    }
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
}
