import * as Comlink from 'comlink';
import { ENGINE_VERSION, KUBERNETES_RELEASE } from '../engine/version';
import { outlineScenario } from '../engine/scenario-outline';
import type { EngineApi } from './api';

const api: EngineApi = {
  info: () => ({ engineVersion: ENGINE_VERSION, kubernetesRelease: KUBERNETES_RELEASE }),
  outline: (text) => outlineScenario(text),
};

Comlink.expose(api);
