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
let yamlLanguage: ReturnType<typeof configureMonacoYaml> | undefined;
let yamlFull = true;

/**
 * Above this many characters monaco-yaml's schema validation, hover and completion are turned off: its
 * worker answers a 200 KB scenario with messages the page needs most of a second to read, and the
 * engine's own diagnostics (with the API server's wording) cover validation anyway.
 */
export const FULL_YAML_SERVICE_CHARS = 64 * 1024;

/** Turns monaco-yaml's language service down for a very long text, and back up when it shrinks. */
export function fitYamlServiceTo(textLength: number): void {
  const full = textLength <= FULL_YAML_SERVICE_CHARS;
  if (!yamlLanguage || full === yamlFull) return;
  yamlFull = full;
  void yamlLanguage.update({ validate: full, hover: full, completion: full });
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
  yamlLanguage = configureMonacoYaml(monaco, {
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
