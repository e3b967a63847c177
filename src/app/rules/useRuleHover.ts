/**
 * Which rule of the rules text is explained right now: the one under the pointer, else the one with
 * keyboard focus. The pointer waits a moment before the first tooltip (sweeping across the panel must
 * not flash one per line), then follows from line to line without closing in between; the content
 * changes only once the new rule's details are in, so the tooltip never blinks empty.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { PointerEvent as ReactPointerEvent } from 'react';
import type { RuleDetails, RuleFormat } from '../../worker/api';
import { engine } from '../../worker/client';
import { useLabStore } from '../store';
import { createDetailsCache } from './details-cache';
import { indexRuleLines, partAt, placeParts, type LineRule, type PlacedPart, type RuleLineIndex } from './line-map';
import { charAtPoint, lineOf, showParts } from './rule-dom';

/** Before the first tooltip; long enough that moving the pointer across the panel shows none. */
const OPEN_MS = 280;
/** From one line to the next while a tooltip is up: only lines the pointer rests on are asked for. */
const SWITCH_MS = 60;
/** Leaving the lines: a short grace so crossing a header or the panel's edge does not close and reopen. */
const CLOSE_MS = 160;

const cache = createDetailsCache((k) =>
  k.nft ? engine().nftLineDetails(k.node, { chain: k.chain, index: k.index, ...(k.count !== undefined ? { count: k.count } : {}) }) : engine().ruleDetails(k.node, k.table, k.chain, k.index),
);

export interface ShownRule {
  readonly line: number;
  /** The line's span: the tooltip's anchor. */
  readonly el: HTMLElement;
  readonly rule: LineRule;
  readonly details: RuleDetails | undefined;
  /** The rule's options as they sit in this line (none in `-L`). */
  readonly placed: readonly PlacedPart[];
  /** The text's lines and format it was shown for: a new text hides it. */
  readonly lines: readonly string[];
  readonly format: RuleFormat;
}

export interface RuleHover {
  readonly shown: ShownRule | undefined;
  /** The option under the pointer, an index into `shown.placed`. */
  readonly activePart: number | undefined;
  readonly onPointerMove: (e: ReactPointerEvent<HTMLElement>) => void;
  readonly onPointerLeave: () => void;
  /** A line got keyboard focus. */
  readonly focusLine: (el: HTMLElement, line: number) => void;
  /** Focus left the lines. */
  readonly blurLines: () => void;
  /** Esc: hide until another line is pointed at or focused. */
  readonly dismiss: () => void;
}

const NO_SOURCES: readonly never[] = [];

function partUnder(el: HTMLElement, placed: readonly PlacedPart[], x: number, y: number): number | undefined {
  if (placed.length === 0) return undefined;
  const ch = charAtPoint(el, x, y);
  return ch === undefined ? undefined : partAt(placed, ch);
}

export function useRuleHover(lines: readonly string[], format: RuleFormat, table: 'nat' | 'filter'): RuleHover {
  const [shown, setShownState] = useState<ShownRule>();
  const [activePart, setActivePart] = useState<number>();
  // Built on the first hover, not on every new text: most texts are never hovered.
  const index = useMemo(() => {
    let built: RuleLineIndex | undefined;
    return (line: number): LineRule | undefined => (built ??= indexRuleLines(lines, format))(line);
  }, [lines, format]);

  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  /** Bumped by every new target, so a late answer for a line the pointer has left is dropped. */
  const ask = useRef(0);
  const pointerLine = useRef<{ el: HTMLElement; line: number }>(undefined);
  /** Where the pointer last was, to find the option under it once a tooltip opens under a still pointer. */
  const pointerAt = useRef<{ x: number; y: number }>(undefined);
  const focusedLine = useRef<{ el: HTMLElement; line: number }>(undefined);
  const dismissed = useRef<number>(undefined);
  // Handlers read what is shown without re-subscribing on every change.
  const shownRef = useRef<ShownRule>(undefined);
  const setShown = useCallback((next: ShownRule | undefined): void => {
    shownRef.current = next;
    setShownState(next);
  }, []);

  const clearTimer = (): void => {
    if (timer.current !== undefined) clearTimeout(timer.current);
    timer.current = undefined;
  };

  const close = useCallback((): void => {
    clearTimer();
    ask.current++;
    setShown(undefined);
    setActivePart(undefined);
  }, [setShown]);

  const show = useCallback(
    (el: HTMLElement, line: number, delay: number): void => {
      clearTimer();
      if (dismissed.current !== undefined && dismissed.current !== line) dismissed.current = undefined;
      if (dismissed.current === line) return;
      if (shownRef.current?.line === line && shownRef.current.el === el) {
        ask.current++;
        return;
      }
      const id = ++ask.current;
      const rule = index(line);
      // A line that is no rule (a policy, a chain header) closes the tooltip, after the same grace as leaving.
      timer.current = setTimeout(() => {
        timer.current = undefined;
        if (!rule) {
          setShown(undefined);
          return;
        }
        const lab = useLabStore.getState();
        const revision = lab.summary?.revision;
        const node = lab.selectedNode;
        const place = (details: RuleDetails | undefined): void => {
          if (id !== ask.current) return;
          // nft lines are printed the same in every format: their parts are always found in the line.
          const placed = details ? placeParts(lines[line] ?? '', details.text, details.parts, rule.nft ? 'save' : format) : [];
          const p = pointerLine.current?.el === el ? pointerAt.current : undefined;
          setActivePart(p ? partUnder(el, placed, p.x, p.y) : undefined);
          setShown({ line, el, rule, details, placed, lines, format });
        };
        if (revision === undefined || !node) return place(undefined);
        cache
          .get({ revision, node, table, ...(rule.nft ? { nft: true as const } : {}), chain: rule.chain, index: rule.index, ...(rule.count !== undefined ? { count: rule.count } : {}) })
          .then(place)
          .catch(() => place(undefined));
      }, rule ? delay : Math.max(delay, CLOSE_MS));
    },
    [index, lines, format, table, setShown],
  );

  // A new text (another node, table or format, or a new cluster) moves every line: start over.
  // (What was shown for the old text is hidden below, by comparing the text it was shown for.)
  useEffect(() => {
    pointerLine.current = undefined;
    focusedLine.current = undefined;
    dismissed.current = undefined;
    shownRef.current = undefined;
    clearTimer();
    ask.current++;
  }, [lines, format, table]);
  const current = shown && shown.lines === lines && shown.format === format ? shown : undefined;

  useEffect(() => () => clearTimer(), []);

  const onPointerMove = useCallback(
    (e: ReactPointerEvent<HTMLElement>): void => {
      if (e.pointerType === 'touch') return;
      pointerAt.current = { x: e.clientX, y: e.clientY };
      const at = lineOf(e.target);
      if (!at) return;
      if (pointerLine.current?.line !== at.line || pointerLine.current.el !== at.el) {
        pointerLine.current = at;
        show(at.el, at.line, shownRef.current ? SWITCH_MS : OPEN_MS);
        return;
      }
      const cur = shownRef.current;
      if (cur && cur.line === at.line && cur.placed.length > 0) {
        const part = partUnder(at.el, cur.placed, e.clientX, e.clientY);
        setActivePart((p) => (p === part ? p : part));
      }
    },
    [show],
  );

  const onPointerLeave = useCallback((): void => {
    pointerLine.current = undefined;
    const f = focusedLine.current;
    if (f) show(f.el, f.line, CLOSE_MS);
    else {
      clearTimer();
      ask.current++;
      timer.current = setTimeout(close, CLOSE_MS);
    }
  }, [show, close]);

  const focusLine = useCallback(
    (el: HTMLElement, line: number): void => {
      focusedLine.current = { el, line };
      // The keyboard asked for this line: it wins over a resting pointer, at once.
      if (dismissed.current === line) dismissed.current = undefined;
      show(el, line, 0);
    },
    [show],
  );

  const blurLines = useCallback((): void => {
    focusedLine.current = undefined;
    if (!pointerLine.current) close();
  }, [close]);

  const dismiss = useCallback((): void => {
    if (shownRef.current) dismissed.current = shownRef.current.line;
    close();
  }, [close]);

  // Esc closes the tooltip wherever focus is (WCAG 1.4.13: dismissable without moving the pointer).
  useEffect(() => {
    if (!current) return;
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') dismiss();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [current, dismiss]);

  // The rule's options underlined in its line, the one under the pointer stronger.
  useEffect(() => {
    showParts(current?.el, current?.placed ?? [], activePart);
  }, [current, activePart]);
  useEffect(() => () => showParts(undefined, [], undefined), []);

  // The YAML behind the rule lights up in the editor while the rule is explained.
  const sources = current?.details?.sources ?? NO_SOURCES;
  useEffect(() => {
    useLabStore.getState().setHighlightedSources(sources);
  }, [sources]);
  useEffect(() => () => useLabStore.getState().setHighlightedSources(NO_SOURCES), []);

  return { shown: current, activePart, onPointerMove, onPointerLeave, focusLine, blurLines, dismiss };
}
