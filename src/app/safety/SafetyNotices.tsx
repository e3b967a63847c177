import { useLabStore } from '../store';
import { useSaveStatus } from '../storage';
import { useEngineHealth } from './engine-health';
import { safetyMessages } from './messages';
import './safety.css';

/** Offers a text as a file download (the way out when the browser will not store it). */
function downloadScenario(text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/yaml' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = 'scenario.yaml';
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Says so when the engine had to be restarted and when an edit could not be saved (with the scenario
 * offered as a file): neither may ever happen silently.
 */
export function SafetyNotices() {
  const lang = useLabStore((s) => s.lang);
  const m = safetyMessages[lang];
  const restart = useEngineHealth((s) => s.restart);
  const dismissRestart = useEngineHealth((s) => s.dismiss);
  const failure = useSaveStatus((s) => s.failure);
  if (!restart && !failure) return null;
  return (
    <div className="safety-notices">
      {restart && (
        <div className="safety-notice" role="alert" data-testid="engine-restarted">
          <p>{m.restarted(restart)}</p>
          <button type="button" onClick={dismissRestart}>
            {m.dismiss}
          </button>
        </div>
      )}
      {failure && (
        <div className="safety-notice" role="alert" data-testid="save-failed">
          <p>{m.saveFailed(failure.reason)}</p>
          <button type="button" onClick={() => downloadScenario(failure.text)}>
            {m.download}
          </button>
        </div>
      )}
    </div>
  );
}
