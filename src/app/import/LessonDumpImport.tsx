import { useState } from 'react';
import { importNode } from './import-node';
import { DUMP_EXAMPLES, type DumpExample } from '../../scenarios/dumps/index';
import { useLabStore } from '../store';
import { useImportedNode } from './imported-store';

/** A lesson that reads a notes' node dump: one button imports it, and the page's regions show that node. */
export function LessonDumpImport({ dump }: { readonly dump: DumpExample }) {
  const lang = useLabStore((s) => s.lang);
  const [busy, setBusy] = useState(false);
  const showing = useImportedNode((s) => s.showing);
  const label = lang === 'ko' ? '레슨의 노드 가져오기' : 'Import the lesson’s node';
  return (
    <p className="lesson-dump">
      <button
        type="button"
        className={`lesson-send${showing ? ' is-active' : ''}`}
        disabled={busy}
        onClick={() => {
          setBusy(true);
          void importNode(DUMP_EXAMPLES[dump])
            .then((s) => useImportedNode.getState().show(s))
            .finally(() => setBusy(false));
        }}
      >
        <span aria-hidden="true">📥 </span>
        {label}
      </button>
    </p>
  );
}
