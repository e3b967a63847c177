/**
 * Switching what the editor holds: the user's own scenario, a lesson, a shared link's scenario.
 * Every switch goes through `showSlot`, which saves nothing over another slot (lessons/slots.ts) and
 * puts the text into Monaco when the editor is already on screen.
 */
import { LESSON_IDS } from '../../scenarios/lessons/catalog';
import type { LessonId } from '../../scenarios/lessons/types';
import { usePacketStore, type PacketSetup } from '../packet/store';
import { useLabStore } from '../store';
import { OWN, slotStorage, type Slot } from './slots';
import { LESSON_SCENARIOS } from '../../scenarios/lessons/scenarios';
import { useLessonStore } from './lesson-store';
import { firstSetup } from './sends';

/**
 * The editor panel reads the store's text when it mounts and writes every edit back; it does not
 * follow later store changes. So when Monaco is already up, the new text goes into its model too
 * (whose change event saves it into the slot just opened).
 */
async function putInEditor(text: string): Promise<void> {
  // Only when the editor chunk is loaded already: otherwise it will mount with the store's text.
  if (!document.querySelector('[data-testid="editor-host"] .monaco-editor')) return;
  const { setupMonaco, setScenarioValue, SCENARIO_URI } = await import('../editor/monaco-setup');
  const model = setupMonaco().editor.getModel(SCENARIO_URI);
  if (model && model.getValue() !== text) setScenarioValue(model, text);
}

/**
 * Resolves once the worker has the cluster of the text just set and the pickers its choices, or the
 * text turned out invalid (the summary came back without a new cluster), or after `timeoutMs`.
 */
function scenarioSettled(timeoutMs = 10_000): Promise<void> {
  const before = usePacketStore.getState().choices;
  const summaryBefore = useLabStore.getState().summary;
  return new Promise((resolve) => {
    let unsubLab = (): void => {};
    let unsubPacket = (): void => {};
    const done = (): void => {
      clearTimeout(timer);
      unsubLab();
      unsubPacket();
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    unsubPacket = usePacketStore.subscribe((s) => {
      if (s.choices !== before && !s.pending) done();
    });
    unsubLab = useLabStore.subscribe((s) => {
      // Errors: the worker keeps the last valid cluster, so no new choices will come.
      if (s.summary !== summaryBefore && s.summary?.revision === summaryBefore?.revision) done();
    });
  });
}

/**
 * Opens `slot` with `text`, then sets up the packet once the pickers know the new cluster. Resolves
 * when the pickers show `packet` (or immediately without one).
 */
export async function showSlot(slot: Slot, text: string, packet?: PacketSetup): Promise<void> {
  const lab = useLabStore.getState();
  const changed = lab.scenarioText !== text;
  lab.openSlot(slot, text);
  useLessonStore.getState().forgetRun();
  await putInEditor(text);
  if (!packet) return;
  if (!changed) {
    usePacketStore.getState().configure(packet);
    return;
  }
  usePacketStore.getState().configureNext(packet);
  await scenarioSettled();
  // Still pending: the text had errors (no new choices came); show the setup against what is there.
  if (usePacketStore.getState().pending) usePacketStore.getState().configure(packet);
}

/** Opens a lesson with the learner's earlier edits, or its own scenario (`fresh`: "Reset lesson"). */
export async function openLesson(id: LessonId, options: { readonly fresh?: boolean } = {}): Promise<void> {
  if (options.fresh) slotStorage.resetLesson(id);
  const text = options.fresh ? LESSON_SCENARIOS[id] : slotStorage.lessonText(id);
  await showSlot({ kind: 'lesson', id }, text, await firstSetup(id));
}

export async function openOwn(): Promise<void> {
  await showSlot(OWN, slotStorage.ownText());
}

/** Back to the last share link's scenario (the picker offers it while one is saved). */
export async function openShared(): Promise<void> {
  const shared = slotStorage.shared();
  if (!shared) return openOwn();
  await showSlot({ kind: 'shared', ...(shared.lesson ? { lesson: shared.lesson } : {}) }, shared.yaml, shared.lesson ? await firstSetup(shared.lesson) : undefined);
}

/** What the Scenario picker's value means: `own`, `shared` or a lesson id. */
export async function openPickerValue(value: string): Promise<void> {
  if (value === 'own') return openOwn();
  if (value === 'shared') return openShared();
  const lesson = LESSON_IDS.find((id) => id === value);
  if (lesson) return openLesson(lesson);
}
