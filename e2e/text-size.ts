import type { Locator } from '@playwright/test';

/** The smallest text drawn in a part of the page, as the eye sees it. */
export interface SmallestText {
  /** On-screen size in CSS px: the computed font size times every scale on the way to the screen. */
  readonly size: number;
  /** The text drawn at that size (trimmed, at most 80 characters). */
  readonly text: string;
  /** How many text runs were measured (a test can check it measured something). */
  readonly measured: number;
}

/**
 * Measures every visible run of text inside `region` (HTML and SVG) and returns the smallest on-screen
 * size. The size is what reaches the screen, not what the stylesheet says: the computed font-size
 * times the CSS transforms (React Flow's viewport `scale()`, a `scale` property) and `zoom` of the element
 * and all its ancestors; for SVG text, times the SVG's own user-space scale (viewBox), read from
 * getScreenCTM(), which already includes the HTML above it. Text hidden by `display`, `visibility`,
 * `content-visibility` or opacity 0 is not drawn and not counted; text scrolled out of view is (it is
 * drawn at the same size when scrolled to). Undefined when the region holds no visible text.
 */
export async function smallestText(region: Locator): Promise<SmallestText | undefined> {
  return region.evaluate((root: Element) => {
    /** The vertical scale of a CSS transform (the length of the matrix's y column). */
    const transformScale = (value: string): number => {
      if (!value || value === 'none') return 1;
      const m = new DOMMatrixReadOnly(value);
      return Math.hypot(m.m21, m.m22, m.m23);
    };
    /** The `scale` property: "none", "s", "sx sy" or "sx sy sz". */
    const scaleProperty = (value: string): number => {
      if (!value || value === 'none') return 1;
      const parts = value.split(/\s+/).map(Number.parseFloat);
      return parts[1] ?? parts[0] ?? 1;
    };
    const htmlScale = (el: Element): number => {
      let scale = 1;
      for (let n: Element | null = el; n; n = n.parentElement) {
        const cs = getComputedStyle(n);
        scale *= transformScale(cs.transform) * scaleProperty(cs.scale);
      }
      // currentCSSZoom is the zoom of the element with all its ancestors'.
      const zoom = (el as Element & { currentCSSZoom?: number }).currentCSSZoom ?? 1;
      return scale * zoom;
    };
    const svgScale = (el: SVGGraphicsElement): number => {
      const m = el.getScreenCTM();
      return m ? Math.hypot(m.c, m.d) : 1;
    };

    let best: { size: number; text: string } | undefined;
    let measured = 0;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = (node.textContent ?? '').trim();
      const el = node.parentElement;
      if (!text || !el) continue;
      if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true, contentVisibilityAuto: true })) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      if (range.getClientRects().length === 0) continue;
      const fontSize = Number.parseFloat(getComputedStyle(el).fontSize);
      const scale = el instanceof SVGGraphicsElement ? svgScale(el) : htmlScale(el);
      const size = fontSize * scale;
      measured++;
      if (!best || size < best.size) best = { size: Math.round(size * 100) / 100, text: text.slice(0, 80) };
    }
    return best ? { ...best, measured } : undefined;
  });
}
