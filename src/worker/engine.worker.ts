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
};

Comlink.expose(api);
