import { useEffect, useMemo, useRef, useState } from 'react';
import { engine } from '../../worker/client';
import type { CompareModesResponse, TraceRequest } from '../../worker/api';
import { useLabStore } from '../store';
import { usePacketStore } from '../packet/store';
import { withCodeSpans } from '../packet/code-spans';
import { compareMessages } from './messages';
import { pickedRequest } from './request';
import { ModeColumn } from './ModeColumn';
import './compare.css';

/**
 * The pickers' packet in the three kube-proxy modes: the worker runs each on a network of its own and
 * sums up the first packet (compare-modes.ts); this shows one narrow column per mode and the differences.
 */
export function CompareModesDialog({ onClose }: { readonly onClose: () => void }) {
  const lang = useLabStore((s) => s.lang);
  const m = compareMessages[lang];
  // A string, so the selector's value is stable between renders; parsed once per change.
  const key = usePacketStore((s) => {
    const r = pickedRequest(s);
    return r ? JSON.stringify(r) : '';
  });
  const request = useMemo(() => (key ? (JSON.parse(key) as TraceRequest) : undefined), [key]);
  // The answer with the request it answers: a stale one is never shown for another packet.
  const [result, setResult] = useState<{ readonly key: string; readonly response: CompareModesResponse } | undefined>();
  const response = result?.key === key ? result.response : undefined;
  const closeButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    closeButton.current?.focus();
  }, []);
  useEffect(() => {
    if (!request) return;
    let cancelled = false;
    const asked = JSON.stringify(request);
    engine()
      .compareModes(request)
      .then((response) => {
        if (!cancelled) setResult({ key: asked, response });
      })
      .catch((e: unknown) => {
        if (!cancelled) setResult({ key: asked, response: { ok: false, error: String(e) } });
      });
    return () => {
      cancelled = true;
    };
  }, [request]);

  const comparison = response?.ok ? response.comparison : undefined;
  return (
    <div
      className="cmp-backdrop"
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
      }}
    >
      <div className="cmp-dialog" role="dialog" aria-modal="true" aria-label={lang === 'en' ? 'Compare modes' : m.button} aria-describedby="cmp-intro">
        <header className="cmp-head">
          <h2>{withCodeSpans(m.title)}</h2>
          {request && <p className="cmp-packet">{withCodeSpans(m.packet(request.from, request.to, request.protocol === 'icmp'))}</p>}
          <button ref={closeButton} type="button" onClick={onClose}>
            {m.close}
          </button>
        </header>
        <p id="cmp-intro" className="cmp-intro">
          {m.intro}
        </p>
        {!request && <p role="status">{m.noPacket}</p>}
        {request && !response && <p role="status">{m.loading}</p>}
        {response && !response.ok && (
          <p role="alert" className="cmp-error">
            <code>{response.error}</code>
          </p>
        )}
        {comparison && (
          <>
            <div className="cmp-columns">
              {comparison.modes.map((s) => (
                <ModeColumn key={s.mode} summary={s} differences={comparison.differences} m={m} />
              ))}
            </div>
            <section className="cmp-differences" aria-labelledby="cmp-differences-title">
              <h3 id="cmp-differences-title">{m.differencesTitle}</h3>
              {comparison.differences.length === 0 ? (
                <p>{m.noDifferences}</p>
              ) : (
                <ul>
                  {comparison.differences.map((d) => (
                    <li key={d.kind} data-kind={d.kind}>
                      <strong>≠ {m.kind[d.kind]}</strong> {withCodeSpans(lang === 'en' ? d.en : d.ko)}
                    </li>
                  ))}
                </ul>
              )}
            </section>
          </>
        )}
      </div>
    </div>
  );
}
