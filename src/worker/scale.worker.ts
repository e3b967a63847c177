/**
 * A scale-lab worker: measures the sweep's points the page hands it, one at a time (engine/scale/sweep.ts).
 * The page runs two of these side by side, one per core, and throws them away when the sweep ends or is
 * cancelled (their heaps, hundreds of MB at 30,000 Services, go with them); the engine's own worker stays
 * free for the page's traces meanwhile.
 */
import * as Comlink from 'comlink';
import { scalePointMeasurer } from '../engine/scale/sweep';
import type { ScaleWorkerApi } from './scale-api';

const measure = scalePointMeasurer({ now: () => performance.now() });

const api: ScaleWorkerApi = {
  measure: (services, mode) => measure(services, mode),
};

Comlink.expose(api);
