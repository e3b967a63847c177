import { useEffect, useState } from 'react';
import { engine } from '../../worker/client';
import type { PacketChoices } from '../../worker/api';

const NONE: PacketChoices = { sources: [], destinations: [] };

/** Sources and destinations the worker offers; asked again whenever the cluster changes (a new revision). */
export function useSpreadChoices(revision: number | undefined): { readonly choices: PacketChoices; readonly error?: string } {
  const [state, setState] = useState<{ choices: PacketChoices; error?: string }>({ choices: NONE });
  useEffect(() => {
    if (revision === undefined) return;
    let stale = false;
    engine()
      .choices()
      .then((choices) => {
        if (!stale) setState({ choices });
      })
      .catch((e: unknown) => {
        if (!stale) setState({ choices: NONE, error: String(e) });
      });
    return () => {
      stale = true;
    };
  }, [revision]);
  return state;
}
