/**
 * What the page knows about the engine's health: the last restart (shown until dismissed or until the
 * next edit works). Written by useEngineSync when the supervisor restarts the worker.
 */
import { create } from 'zustand';
import type { RestartReason } from '../../worker/supervisor';

interface EngineHealth {
  readonly restart?: RestartReason;
  /** Restarts since the page opened (each shows the notice again). */
  readonly restarts: number;
  restarted(reason: RestartReason): void;
  dismiss(): void;
}

export const useEngineHealth = create<EngineHealth>()((set) => ({
  restarts: 0,
  restarted: (restart) => set((s) => ({ restart, restarts: s.restarts + 1 })),
  dismiss: () => set({ restart: undefined }),
}));
