/** Small drawn icons for the lesson, share and classroom controls (emoji and rare symbols are missing from many fonts). */
const PATHS = {
  send: 'M1.5 2l13 6-13 6 2.5-6z',
  link: 'M6.6 9.4a2.6 2.6 0 0 0 3.7 0l2.6-2.6a2.6 2.6 0 0 0-3.7-3.7l-.9.9 1 1 .9-.9a1.2 1.2 0 0 1 1.7 1.7L9.3 8.4a1.2 1.2 0 0 1-1.7 0zM9.4 6.6a2.6 2.6 0 0 0-3.7 0L3.1 9.2a2.6 2.6 0 0 0 3.7 3.7l.9-.9-1-1-.9.9a1.2 1.2 0 0 1-1.7-1.7l2.6-2.6a1.2 1.2 0 0 1 1.7 0z',
  screen: 'M1.5 2.5h13v9h-13zM3 4v6h10V4zM5 13h6v1.5H5z',
  bars: 'M2 13.5h12V15H2zM3 8h2.5v4.5H3zM6.8 4h2.5v8.5H6.8zM10.5 6h2.5v6.5h-2.5z',
  note: 'M3 1.5h7l3 3v10H3zM4.5 3v10h7V5.5H9.5V3zM6 7h4v1H6zm0 2h4v1H6z',
  chip: 'M5 1.5h1.5v2h3v-2H11v2h1.5V5h2v1.5h-2v3h2V11h-2v1.5H11v2H9.5v-2h-3v2H5v-2H3.5V11h-2V9.5h2v-3h-2V5h2V3.5H5zM5 5v6h6V5z',
} as const;

export type GlyphName = keyof typeof PATHS;

export function Glyph({ name }: { readonly name: GlyphName }) {
  return (
    <svg className="kpl-glyph" width="1em" height="1em" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} fill="currentColor" fillRule="evenodd" />
    </svg>
  );
}
