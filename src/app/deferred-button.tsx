import { useEffect, useLayoutEffect, useRef, useState, type ComponentType } from 'react';
import { useLabStore } from './store';
import type { Lang } from './lang';
import { useFirstScreenUsable } from './first-usable';

export interface DeferredButtonProps {
  /** The real button (with its dialog and its words): loaded once the first screen is usable, or sooner when pointed at. */
  readonly load: () => Promise<ComponentType>;
  /** The real button's visible words, so the stand-in looks the same (a test pins them to its messages). */
  readonly words: Readonly<Record<Lang, string>>;
  /** The real button's accessible name in English (DESIGN §5); in Korean its words are the name, as the real one does. */
  readonly label: string;
  readonly className?: string;
  /** Shown before the words (the real button's icon). */
  readonly icon?: string;
  /** The real button is disabled until a packet can be chosen: so is its stand-in. */
  readonly disabled?: boolean;
  readonly haspopup?: 'dialog';
}

/** The wrapper takes no box: the real button lays out as the stand-in did (the header's rules are descendant selectors). */
const DISPLAY_CONTENTS = { display: 'contents' } as const;

/**
 * A header or toolbar button whose code (a dialog, its words in both languages) is not needed for the first
 * screen. Until that code arrives, a stand-in with the same words, name and class holds its place (nothing
 * moves when the real one replaces it). Pointing at or focusing the stand-in loads it at once, as the Share
 * button's codec does; a click on the stand-in is handed to the real button when it arrives, and focus too.
 */
export function DeferredButton({ load, words, label, className, icon, disabled, haspopup }: DeferredButtonProps) {
  const lang = useLabStore((s) => s.lang);
  const usable = useFirstScreenUsable();
  const [wanted, setWanted] = useState(false);
  const [Real, setReal] = useState<ComponentType | undefined>(undefined);
  const pending = useRef<{ click: boolean; focus: boolean }>({ click: false, focus: false });
  const host = useRef<HTMLSpanElement>(null);
  const loadRef = useRef(load);

  useEffect(() => {
    if (!usable && !wanted) return;
    let live = true;
    void loadRef.current().then((component) => {
      if (live) setReal(() => component);
    });
    return () => {
      live = false;
    };
  }, [usable, wanted]);

  // The real button just replaced the stand-in: give it what the stand-in was asked for.
  useLayoutEffect(() => {
    if (!Real) return;
    const button = host.current?.querySelector('button');
    if (!button) return;
    if (pending.current.focus || pending.current.click) button.focus();
    if (pending.current.click) button.click();
    pending.current = { click: false, focus: false };
  }, [Real]);

  if (Real)
    return (
      <span ref={host} style={DISPLAY_CONTENTS}>
        <Real />
      </span>
    );
  const want = (): void => setWanted(true);
  return (
    <button
      type="button"
      className={className}
      aria-label={lang === 'en' ? label : words[lang]}
      aria-haspopup={haspopup}
      disabled={disabled}
      onPointerEnter={want}
      onFocus={() => {
        pending.current.focus = true;
        want();
      }}
      onBlur={() => {
        pending.current.focus = false;
      }}
      onClick={() => {
        pending.current.click = true;
        want();
      }}
    >
      {icon ? `${icon} ` : ''}
      {words[lang]}
    </button>
  );
}
