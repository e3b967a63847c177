import { useLabStore } from '../store';
import { READ_YOUR_NODE, type GuideAction } from './read-your-node';

/** The lesson "Read your own node" beside the import: each step's text and a button that does it. */
export function ReadYourNodeGuide({ onAction }: { readonly onAction: (a: GuideAction) => void }) {
  const lang = useLabStore((s) => s.lang);
  const show = lang === 'ko' ? '보여 주세요' : 'Show me';
  return (
    <details className="import-guide">
      <summary>📘 {READ_YOUR_NODE.title[lang]}</summary>
      <ol>
        {READ_YOUR_NODE.steps.map((s, i) => (
          <li key={i}>
            <strong>{s.title[lang]}</strong>
            <p>{s.text[lang]}</p>
            <button type="button" onClick={() => onAction(s.action)}>
              {show}
            </button>
          </li>
        ))}
      </ol>
    </details>
  );
}
