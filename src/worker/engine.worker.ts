import * as Comlink from 'comlink';
import { ENGINE_VERSION, KUBERNETES_RELEASE } from '../engine/version';
import { outlineScenario } from '../engine/scenario-outline';
import { EngineSession } from './engine-session';
import { ImportSession } from './import-session';
import { latencyModelView } from './latency-model-view';
import { layoutChainGraph } from './chain-layout';
import type { EngineApi } from './api';
import { TEST_CLOSE_MESSAGE } from './supervisor';
import { keepLastYamlParse } from '../engine/cluster/parse-yaml';

// The page asks for the outline and the load of every text it sends: one YAML parse serves both.
keepLastYamlParse(true);

const session = new EngineSession();
const imported = new ImportSession();

// After a load the page takes in the answer (outline, summary, a render) before it asks for the rules and
// the graph: the worker builds them meanwhile (EngineSession.prefetch). A newer text coming first cancels it.
let prefetching: ReturnType<typeof setTimeout> | undefined;
const cancelPrefetch = (): void => clearTimeout(prefetching);

const api: EngineApi = {
  info: () => ({ engineVersion: ENGINE_VERSION, kubernetesRelease: KUBERNETES_RELEASE }),
  outline: (text) => {
    cancelPrefetch();
    return outlineScenario(text);
  },
  load: (text, options) => {
    cancelPrefetch();
    const summary = session.load(text, options);
    prefetching = setTimeout(() => session.prefetch(), 0);
    return summary;
  },
  advanceClock: (seconds, seed) => session.advanceClock(seconds, seed),
  removeEndpoints: (ips) => session.removeEndpoints(ips),
  rules: (node, table, format) => session.rules(node, table, format),
  chainGraph: (node, table) => session.chainGraph(node, table),
  layoutChainGraph: (graph) => layoutChainGraph(graph),
  choices: () => session.choices(),
  trace: (request) => session.trace(request),
  compareModes: (request) => session.compareModes(request),
  resetNetwork: () => session.resetNetwork(),
  // The page passes the progress callback wrapped in Comlink.proxy; each call is one small message.
  spread: async (request, onProgress) => {
    try {
      return await session.spread(request, onProgress);
    } finally {
      // The page's callback arrives as a Comlink proxy; release it so each run does not leak a port.
      (onProgress as Partial<Comlink.ProxyMarked & { [Comlink.releaseProxy]: () => void }> | undefined)?.[Comlink.releaseProxy]?.();
    }
  },
  cancelSpread: () => session.cancelSpread(),
  ruleDetails: (node, table, chain, index) => session.ruleDetails(node, table, chain, index),
  nftLineDetails: (node, line) => session.nftLineDetails(node, line),
  lessonCheck: (lessonId, text) => session.lessonCheck(lessonId, text),
  rulesFor: (node, table, format, revision) => session.rulesFor(node, table, format, revision),
  chainView: (node, table, request, revision) => session.chainView(node, table, request, revision),
  importDump: async (text, onProgress) => {
    try {
      return await imported.importDump(text, onProgress);
    } finally {
      (onProgress as Partial<Comlink.ProxyMarked & { [Comlink.releaseProxy]: () => void }> | undefined)?.[Comlink.releaseProxy]?.();
    }
  },
  importSearch: (query) => imported.importSearch(query),
  importTrace: (request) => imported.importTrace(request),
  importDiff: (text, node) => imported.importDiff(text, node),
  importChainGraph: (table, focus) => imported.importChainGraph(table, focus),
  scaleModel: () => latencyModelView(),
};

Comlink.expose(api);

// End-to-end tests kill the engine this way, to see the page restart it (supervisor.ts).
self.addEventListener('message', (e: MessageEvent<unknown>) => {
  if (e.data === TEST_CLOSE_MESSAGE) self.close();
});
