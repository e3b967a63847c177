/** Small inline icons: drawn, not font glyphs, so they show on every system (⏮ ⏸ are missing from many fonts). */
const PATHS = {
  play: 'M4 2.5v11l9-5.5z',
  pause: 'M4 2.5h3v11H4zM9 2.5h3v11H9z',
  stepForward: 'M3 2.5v11l7.5-5.5zM11 2.5h2.5v11H11z',
  nextDecision: 'M1.5 2.5v11L7 8zM7.5 2.5v11L13 8zM13 2.5h2v11h-2z',
  stepBack: 'M13 2.5v11L5.5 8zM2.5 2.5H5v11H2.5z',
  reset: 'M8 3a5 5 0 1 1-4.9 6h2.05A3 3 0 1 0 8 5v2L4.5 4 8 1z',
  send: 'M1.5 2l13 6-13 6 2.5-6z',
  clock: 'M8 1a7 7 0 1 0 0 14A7 7 0 0 0 8 1zm0 1.6a5.4 5.4 0 1 1 0 10.8A5.4 5.4 0 0 1 8 2.6zM7.2 4v4.5l3.2 2 .8-1.3-2.4-1.5V4z',
  pin: 'M8 1a4.5 4.5 0 0 0-4.5 4.5C3.5 9 8 15 8 15s4.5-6 4.5-9.5A4.5 4.5 0 0 0 8 1zm0 6.2a1.7 1.7 0 1 1 0-3.4 1.7 1.7 0 0 1 0 3.4z',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, className }: { readonly name: IconName; readonly className?: string }) {
  return (
    <svg className={`pk-icon${className ? ` ${className}` : ''}`} width="14" height="14" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} fill="currentColor" fillRule="evenodd" />
    </svg>
  );
}
