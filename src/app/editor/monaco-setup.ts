/**
 * Monaco, fully bundled and offline. Imported only by the lazily loaded editor panel, so the
 * first paint never waits for Monaco's ~3.6 MB.
 */
import * as monaco from 'monaco-editor';
import { configureMonacoYaml } from 'monaco-yaml';
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker?worker';
import YamlWorker from './yaml.worker?worker';
import { scenarioJsonSchema } from '../../engine/cluster/schema';

/** The model's URI; the schema's `fileMatch` points at it. */
export const SCENARIO_URI = monaco.Uri.parse('file:///scenario.yaml');

let configured = false;
/**
 * Above this many characters the scenario is shown as plain text: colouring a 200 KB text and
 * monaco-yaml's answers about it (markers, folding, symbols) hold the page for most of a second, and the
 * engine's own diagnostics (with the API server's wording) still mark the errors.
 */
export const YAML_LANGUAGE_MAX_CHARS = 64 * 1024;

/**
 * What the editor stops doing for a very long text: each of these walks the whole model (or decorates
 * every indented block) on the main thread after every keystroke. Folding alone put ~1,500 regions into the
 * decorations that every frame of a 6,000-line scenario reads; sticky scroll and bracket pairs parse the
 * text again on each edit.
 */
const LONG_TEXT_OPTIONS: monaco.editor.IEditorOptions = {
  folding: false,
  stickyScroll: { enabled: false },
  bracketPairColorization: { enabled: false },
  matchBrackets: 'never',
  guides: { bracketPairs: false, indentation: false },
  occurrencesHighlight: 'off',
  selectionHighlight: false,
  links: false,
};
const ORDINARY_OPTIONS: monaco.editor.IEditorOptions = {
  folding: true,
  stickyScroll: { enabled: true },
  bracketPairColorization: { enabled: true },
  matchBrackets: 'always',
  guides: { bracketPairs: false, indentation: true },
  occurrencesHighlight: 'singleFile',
  selectionHighlight: true,
  links: true,
};

/** Whether `model` holds a text too long for the YAML language and the editor's per-keystroke extras. */
export function isLongText(model: monaco.editor.ITextModel): boolean {
  return model.getValueLength() > YAML_LANGUAGE_MAX_CHARS;
}

/** Editors now set up for a long text (options are only changed when this changes: recomputing them lays the editor out again). */
const longEditors = new WeakSet<monaco.editor.ICodeEditor>();

function fitEditor(editor: monaco.editor.ICodeEditor, long: boolean): void {
  if (long === longEditors.has(editor)) return;
  if (long) longEditors.add(editor);
  else longEditors.delete(editor);
  editor.updateOptions(long ? LONG_TEXT_OPTIONS : ORDINARY_OPTIONS);
}

/**
 * A long text's language: plain text without brackets. Monaco's bracket-pair tree, once anything asked
 * the model for brackets (colouring the default scenario did), is rebuilt for every new text and never
 * switched off; over a 250 KB shared link of `{…}` and `[…]` its parse was the page's longest task
 * (~60 ms of CPU plus its garbage). With no brackets in the language there is nothing for it to pair.
 */
const LONG_TEXT_LANGUAGE = 'kpl-long-text';
let longLanguage = false;
function registerLongLanguage(): void {
  if (longLanguage) return;
  longLanguage = true;
  monaco.languages.register({ id: LONG_TEXT_LANGUAGE });
  monaco.languages.setLanguageConfiguration(LONG_TEXT_LANGUAGE, { brackets: [], autoClosingPairs: [], surroundingPairs: [] });
}

function fit(model: monaco.editor.ITextModel, long: boolean): void {
  if (long) registerLongLanguage();
  const language = long ? LONG_TEXT_LANGUAGE : 'yaml';
  if (model.getLanguageId() !== language) monaco.editor.setModelLanguage(model, language);
  for (const editor of monaco.editor.getEditors()) if (editor.getModel() === model) fitEditor(editor, long);
}

/**
 * YAML for a scenario of ordinary size, plain text for a very long one (and back when it shrinks); for a
 * long one the editors showing it also drop their whole-text extras (LONG_TEXT_OPTIONS).
 */
export function fitLanguageTo(model: monaco.editor.ITextModel): void {
  fit(model, isLongText(model));
}

/**
 * Replaces the model's text (a lesson, a shared link), switching to plain text first when the new text
 * is long: set after the text, YAML would colour and bracket-match 250 KB once before being switched off.
 */
export function setScenarioValue(model: monaco.editor.ITextModel, text: string): void {
  if (text.length > YAML_LANGUAGE_MAX_CHARS) fit(model, true);
  model.setValue(text);
}

export function setupMonaco(): typeof monaco {
  if (configured) return monaco;
  configured = true;
  // Only two workers exist: Monaco's own and monaco-yaml's. Nothing is fetched from a CDN.
  window.MonacoEnvironment = {
    getWorker(_workerId: string, label: string): Worker {
      return label === 'yaml' ? new YamlWorker() : new EditorWorker();
    },
  };
  configureMonacoYaml(monaco, {
    // Never download schemas: ours is bundled, and the page must work offline.
    enableSchemaRequest: false,
    validate: true,
    completion: true,
    hover: true,
    schemas: [
      {
        // The URI only names the schema; ending in .json keeps monaco-yaml from treating it as a download.
        uri: 'file:///kube-packet-lab/scenario.schema.json',
        fileMatch: [SCENARIO_URI.toString()],
        schema: scenarioJsonSchema as never,
      },
    ],
  });
  return monaco;
}
