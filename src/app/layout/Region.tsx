import type { ReactNode } from 'react';

interface RegionProps {
  /** The accessible name (DESIGN §5): e2e tests and screen readers find the region by it. */
  readonly label: string;
  /** The visible title, in the current language. @default label */
  readonly title?: string;
  readonly className?: string;
  /** Shown in the title's row, after it: a panel's own strip of facts, where a row of height costs most. */
  readonly head?: ReactNode;
  readonly children: ReactNode;
}

/** A titled panel that is an ARIA region with a stable name. */
export function Region({ label, title, className, head, children }: RegionProps) {
  const h2 = <h2 className="panel-title">{title ?? label}</h2>;
  return (
    <section role="region" aria-label={label} className={`panel ${className ?? ''}`}>
      {head ? (
        <div className="panel-head">
          {h2}
          {head}
        </div>
      ) : (
        h2
      )}
      <div className="panel-body">{children}</div>
    </section>
  );
}

/** What a panel shows until its issue lands: says so plainly instead of faking content. */
export function NotYet({ title, text }: { readonly title: string; readonly text: string }) {
  return (
    <div className="not-yet">
      <span className="not-yet-badge">{title}</span>
      <p>{text}</p>
    </div>
  );
}
