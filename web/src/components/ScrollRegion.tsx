import type { ReactNode } from 'react';

/**
 * A horizontally scrollable wrapper for wide tables on phones; focusable and labelled so that
 * keyboard users can scroll it (WCAG 2.1.1, axe scrollable-region-focusable).
 */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
