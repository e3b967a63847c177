import { useEffect, useRef, useState } from 'react';
import { Glyph } from '../lessons/Glyph';
import { usePacketStore } from '../packet/store';
import { useLabStore } from '../store';
import { slotLesson } from '../lessons/slots';
import type { SharedState } from './codec';
import { loadCodec } from './load-codec';
import { MAX_FRAGMENT_CHARS, MAX_YAML_CHARS } from './limits';
import { shareMessages } from './messages';
import { LONG_LINK_CHARS, shareUrl } from './state';

/** Everything on screen that a link reproduces: the text, the lesson, the packet and where playback is, the view, the language. */
export function collectShareState(): SharedState {
  const lab = useLabStore.getState();
  const pk = usePacketStore.getState();
  const lesson = slotLesson(lab.slot);
  return {
    yaml: lab.scenarioText,
    ...(lesson ? { lesson } : {}),
    ...(pk.from && pk.to
      ? { packet: { from: pk.from, to: pk.to, ...(pk.via && pk.from.startsWith('external') ? { via: pk.via } : {}), ...(pk.protocol ? { protocol: pk.protocol } : {}) } }
      : {}),
    seed: pk.seed,
    step: pk.steps.length > 0 ? pk.position : 0,
    view: { ...(lab.selectedNode ? { node: lab.selectedNode } : {}), table: lab.table, format: lab.format },
    lang: lab.lang,
  };
}

type Status =
  | { readonly kind: 'copied' }
  | { readonly kind: 'long'; readonly kb: string }
  | { readonly kind: 'too-large'; readonly kb: string }
  | { readonly kind: 'failed'; readonly url: string };

const kb = (chars: number): string => (chars / 1024).toFixed(1);

/** How long "Link copied" stays; warnings stay until the next click or Dismiss. */
const COPIED_MS = 4000;

/**
 * `Copy share link` (DESIGN §5): the state into the fragment (codec.ts), the URL onto the clipboard,
 * and a status saying so — or why not. The fragment never reaches a server.
 */
export function ShareButton() {
  const lang = useLabStore((s) => s.lang);
  const m = shareMessages[lang];
  const [status, setStatus] = useState<Status>();
  const field = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (status?.kind !== 'copied') return;
    const timer = setTimeout(() => setStatus(undefined), COPIED_MS);
    return () => clearTimeout(timer);
  }, [status]);
  useEffect(() => {
    if (status?.kind === 'failed') field.current?.select();
  }, [status]);

  const copy = async (): Promise<void> => {
    const state = collectShareState();
    // Usually loaded already (pointer or focus on the button started it), so the click's activation still holds.
    const { encodeShare } = await loadCodec();
    const fragment = encodeShare(state);
    // A link the decoder would refuse is not worth copying: say so instead.
    if (fragment.length > MAX_FRAGMENT_CHARS || state.yaml.length > MAX_YAML_CHARS) {
      setStatus({ kind: 'too-large', kb: kb(Math.max(fragment.length, state.yaml.length)) });
      return;
    }
    const url = shareUrl(window.location, fragment);
    try {
      await navigator.clipboard.writeText(url);
      setStatus(url.length > LONG_LINK_CHARS ? { kind: 'long', kb: kb(url.length) } : { kind: 'copied' });
    } catch {
      setStatus({ kind: 'failed', url });
    }
  };

  const text =
    status?.kind === 'copied' ? m.copied : status?.kind === 'long' ? m.long(status.kb) : status?.kind === 'too-large' ? m.tooLarge(status.kb, kb(MAX_FRAGMENT_CHARS)) : status?.kind === 'failed' ? m.copyFailed : '';
  return (
    <div className="share">
      <button type="button" aria-label="Copy share link" title={m.copy} onPointerEnter={() => void loadCodec()} onFocus={() => void loadCodec()} onClick={() => void copy()}>
        <Glyph name="link" />{' '}
        <span className="share-long">{m.copy}</span>
        <span className="share-short">{m.copyShort}</span>
      </button>
      <div className={`share-toast${status ? ' is-shown' : ''}${status && status.kind !== 'copied' ? ' is-warning' : ''}`} role="status" aria-live="polite">
        {text && <span data-testid="share-status">{text}</span>}
        {status?.kind === 'failed' && <input ref={field} className="share-url" readOnly value={status.url} aria-label={m.linkField} onFocus={(e) => e.currentTarget.select()} />}
        {status && status.kind !== 'copied' && (
          <button type="button" onClick={() => setStatus(undefined)}>
            {m.dismiss}
          </button>
        )}
      </div>
    </div>
  );
}
