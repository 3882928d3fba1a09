import type { ReactNode } from 'react';

interface SectionProps {
  /** Used for the heading id, so the section is labelled by its heading. */
  id: string;
  title: string;
  /** Shown next to the title, e.g. a count. */
  meta?: ReactNode;
  /** Controls on the right of the heading row (filters, buttons). */
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
}

export function Section({ id, title, meta, actions, children, className }: SectionProps) {
  const headingId = `${id}-heading`;
  return (
    <section id={id} className={className ? `panel ${className}` : 'panel'} aria-labelledby={headingId}>
      <div className="panel-header">
        <h2 id={headingId} className="panel-title">
          {title}
          {meta !== undefined && <span className="panel-meta">{meta}</span>}
        </h2>
        {actions && <div className="panel-actions">{actions}</div>}
      </div>
      <div className="panel-body">{children}</div>
    </section>
  );
}
