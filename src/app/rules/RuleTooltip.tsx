import { useLayoutEffect, useRef } from 'react';
import type { RefObject } from 'react';
import { createPortal } from 'react-dom';
import type { RuleFormat, RulePart } from '../../worker/api';
import type { Lang } from '../i18n';
import { wholeLines } from './line-map';
import { rulesMessages } from './messages';
import { placeTooltip } from './place';
import { lineVisibleIn } from './rule-dom';
import type { ShownRule } from './useRuleHover';

interface Props {
  readonly id: string;
  readonly shown: ShownRule;
  readonly activePart: number | undefined;
  readonly format: RuleFormat;
  readonly lang: Lang;
  /** The scrolling rules text: the tooltip follows its line when it scrolls and hides when the line leaves. */
  readonly scroller: RefObject<HTMLElement | null>;
}

function rangesText(ranges: readonly { line: number; endLine: number; endCol: number }[]): string {
  return ranges
    .map((r) => {
      const { first, last } = wholeLines(r);
      return first === last ? `${first}` : `${first}–${last}`;
    })
    .join(', ');
}

/**
 * A rule in words: why kube-proxy writes it, what each option does (the one under the pointer marked),
 * and the YAML behind it. It never takes the pointer (pointer-events: none), so it cannot block the
 * wheel or catch the hover that would move it; Esc hides it (see useRuleHover).
 */
export function RuleTooltip({ id, shown, activePart, format, lang, scroller: scrollerRef }: Props) {
  const m = rulesMessages(lang);
  const box = useRef<HTMLDivElement>(null);
  const details = shown.details;
  const active: RulePart | undefined = activePart === undefined ? undefined : shown.placed[activePart]?.part;
  // `-A CHAIN` and `-m MODULE` say the same on every line (the chain and the module's options are in the
  // list already): listed only when pointed at, so the tooltip stays short enough for a 720-pixel screen.
  const parts = (details?.parts ?? []).filter((p) => p.words && ((!p.text.startsWith('-A ') && !p.text.startsWith('-m ')) || p === active));

  useLayoutEffect(() => {
    const el = box.current;
    const scroller = scrollerRef.current;
    if (!el) return;
    let frame = 0;
    const place = (): void => {
      frame = 0;
      const line = shown.el.getBoundingClientRect();
      const panel = (scroller ?? shown.el).getBoundingClientRect();
      if (!shown.el.isConnected || (scroller && !lineVisibleIn(scroller, shown.el))) {
        el.style.visibility = 'hidden';
        return;
      }
      const p = placeTooltip(
        { left: Math.max(line.left, panel.left), right: Math.min(line.right, panel.right), top: line.top, bottom: line.bottom },
        panel,
        { width: el.offsetWidth, height: el.offsetHeight },
        { width: window.innerWidth, height: window.innerHeight },
      );
      el.style.left = `${Math.round(p.left)}px`;
      el.style.top = `${Math.round(p.top)}px`;
      el.style.setProperty('--arrow', `${Math.round(p.arrow)}px`);
      el.dataset.side = p.side;
      el.style.visibility = 'visible';
    };
    place();
    const later = (): void => {
      if (frame === 0) frame = requestAnimationFrame(place);
    };
    scroller?.addEventListener('scroll', later, { passive: true });
    window.addEventListener('resize', later);
    return () => {
      if (frame !== 0) cancelAnimationFrame(frame);
      scroller?.removeEventListener('scroll', later);
      window.removeEventListener('resize', later);
    };
  }, [shown, scrollerRef, lang, activePart]);

  // The line is described by the tooltip while it is up (the line is React's; only this attribute is ours).
  useLayoutEffect(() => {
    const line = shown.el;
    line.setAttribute('aria-describedby', id);
    return () => line.removeAttribute('aria-describedby');
  }, [shown, id]);

  return createPortal(
    <div ref={box} id={id} role="tooltip" className="rule-tip" style={{ visibility: 'hidden' }} data-chain={shown.rule.chain} data-index={shown.rule.index}>
      {format === 'L' && details && <code className="rule-tip-text" title={m.asSPrints}>{details.text}</code>}
      {details?.explanation ? (
        <p className="rule-tip-why">
          <strong>{m.why}</strong> {details.explanation[lang]}
        </p>
      ) : (
        !details && <p className="rule-tip-why">{m.noDetails}</p>
      )}
      {parts.length > 0 && (
        <ul className="rule-tip-parts">
          {parts.map((p) => (
            <li key={`${p.col}`} className={p === active ? 'is-active' : undefined}>
              <code>{p.text}</code>
              <span>{p.words?.[lang]}</span>
            </li>
          ))}
        </ul>
      )}
      {details && (
        <p className="rule-tip-src">
          {details.sources.length > 0 ? m.yamlLines(rangesText(details.sources)) : m.noYaml}
          {details.service && (
            <>
              {' · '}
              {m.service} <code>{details.service}</code>
            </>
          )}
        </p>
      )}
    </div>,
    document.body,
  );
}
