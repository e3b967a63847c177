/**
 * The rules text's DOM side of hovering: which line an element is, which character the pointer is on,
 * and the underlines of a rule's options. The underlines use the CSS Custom Highlight API, which paints
 * ranges of a text node without touching the DOM: the lines stay React's (a ruleset can be 100,000
 * spans, rendered once per text), and nothing re-renders while the pointer moves.
 */
import type { PlacedPart } from './line-map';

/** Highlight names, styled in rules.css with `::highlight(…)`. */
const PARTS = 'kpl-rule-part';
const ACTIVE = 'kpl-rule-part-active';

/** The line span an event target is in, and its 0-based line number. */
export function lineOf(target: EventTarget | null): { readonly el: HTMLElement; readonly line: number } | undefined {
  if (!(target instanceof Element)) return undefined;
  const el = target.closest<HTMLElement>('[data-line]');
  if (!el) return undefined;
  const line = Number(el.dataset.line);
  return Number.isInteger(line) ? { el, line } : undefined;
}

/** The line's own text node: the rules panel renders each line as its text then a newline. */
function textNode(el: HTMLElement): Text | undefined {
  const first = el.firstChild;
  return first instanceof Text ? first : undefined;
}

function charContains(text: Text, offset: number, x: number): boolean {
  if (offset < 0 || offset >= text.length) return false;
  const r = document.createRange();
  r.setStart(text, offset);
  r.setEnd(text, offset + 1);
  const box = r.getBoundingClientRect();
  return x >= box.left && x < box.right;
}

/**
 * The 0-based character of the line under a point. The caret APIs answer with the caret position
 * nearest the point, which is after the character when the point is on its right half, so the
 * character before the caret is checked too.
 */
export function charAtPoint(el: HTMLElement, x: number, y: number): number | undefined {
  const text = textNode(el);
  if (!text) return undefined;
  let node: Node | undefined;
  let offset = 0;
  if (typeof document.caretPositionFromPoint === 'function') {
    const p = document.caretPositionFromPoint(x, y);
    node = p?.offsetNode;
    offset = p?.offset ?? 0;
  } else if (typeof document.caretRangeFromPoint === 'function') {
    const r = document.caretRangeFromPoint(x, y);
    node = r?.startContainer;
    offset = r?.startOffset ?? 0;
  }
  if (node !== text) return undefined;
  if (charContains(text, offset - 1, x)) return offset - 1;
  return charContains(text, offset, x) ? offset : undefined;
}

function registry(): HighlightRegistry | undefined {
  return typeof CSS !== 'undefined' && 'highlights' in CSS ? CSS.highlights : undefined;
}

/** Underlines a line's option parts (the active one stronger); no element clears them. */
export function showParts(el: HTMLElement | undefined, placed: readonly PlacedPart[], active: number | undefined): void {
  const reg = registry();
  if (!reg) return;
  reg.delete(PARTS);
  reg.delete(ACTIVE);
  const text = el ? textNode(el) : undefined;
  if (!text || placed.length === 0) return;
  const parts = new Highlight();
  const current = new Highlight();
  placed.forEach((p, i) => {
    const start = Math.min(p.start, text.length);
    const end = Math.min(p.end, text.length);
    if (end <= start) return;
    const r = new Range();
    r.setStart(text, start);
    r.setEnd(text, end);
    (i === active ? current : parts).add(r);
  });
  reg.set(PARTS, parts);
  reg.set(ACTIVE, current);
}

/** Scrolls a line into view inside its scroller, vertically only and only when it is out of view. */
export function revealLineIn(scroller: HTMLElement, line: HTMLElement): void {
  const top = line.offsetTop - scroller.offsetTop;
  if (top < scroller.scrollTop) scroller.scrollTop = top;
  else if (top + line.offsetHeight > scroller.scrollTop + scroller.clientHeight) scroller.scrollTop = top + line.offsetHeight - scroller.clientHeight;
}

/** Whether any of a line is inside its scroller's visible box (the tooltip hides when its line scrolls away). */
export function lineVisibleIn(scroller: HTMLElement, line: HTMLElement): boolean {
  const a = scroller.getBoundingClientRect();
  const b = line.getBoundingClientRect();
  return b.bottom > a.top && b.top < a.bottom;
}
