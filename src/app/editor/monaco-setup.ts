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

/** YAML for a scenario of ordinary size, plain text for a very long one (and back when it shrinks). */
export function fitLanguageTo(model: monaco.editor.ITextModel): void {
  const language = model.getValueLength() <= YAML_LANGUAGE_MAX_CHARS ? 'yaml' : 'plaintext';
  if (model.getLanguageId() !== language) monaco.editor.setModelLanguage(model, language);
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
