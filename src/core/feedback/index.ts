/**
 * Citizen feedback (PAKN): states, the transition table, deadline rules, satisfaction and
 * rankings, routing, privacy and photo metadata. Pure: no I/O, no reading of the clock.
 */
export * from './states.js';
export * from './machine.js';
export * from './deadlines.js';
export * from './satisfaction.js';
export * from './routing.js';
export * from './privacy.js';
export * from './media.js';
export * from './attributes.js';

/** The reference given to the sender: `PAKN-YYMMDD-NNNN` (local date of receipt, daily sequence). */
export function formatReference(localDate: string, seq: number): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(localDate) || !Number.isInteger(seq) || seq < 1) throw new RangeError('Invalid reference parts');
  return `PAKN-${localDate.slice(2, 4)}${localDate.slice(5, 7)}${localDate.slice(8, 10)}-${String(seq).padStart(4, '0')}`;
}

export const REFERENCE_RE = /^PAKN-\d{6}-\d{4,}$/;
