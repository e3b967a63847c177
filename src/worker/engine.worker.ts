import * as Comlink from 'comlink';
import { ENGINE_VERSION, KUBERNETES_RELEASE } from '../engine/version';
import { outlineScenario } from '../engine/scenario-outline';
import { EngineSession } from './engine-session';
import type { EngineApi } from './api';

const session = new EngineSession();

const api: EngineApi = {
  info: () => ({ engineVersion: ENGINE_VERSION, kubernetesRelease: KUBERNETES_RELEASE }),
  outline: (text) => outlineScenario(text),
  load: (text) => session.load(text),
  rules: (node, table, format) => session.rules(node, table, format),
  chainGraph: (node, table) => session.chainGraph(node, table),
  choices: () => session.choices(),
  trace: (request) => session.trace(request),
  resetNetwork: () => session.resetNetwork(),
  // The page passes the progress callback wrapped in Comlink.proxy; each call is one small message.
  spread: (request, onProgress) => session.spread(request, onProgress),
  cancelSpread: () => session.cancelSpread(),
  ruleDetails: (node, table, chain, index) => session.ruleDetails(node, table, chain, index),
};

Comlink.expose(api);
