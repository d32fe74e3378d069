/**
 * Dossier statistics (one-stop.md §9): the standard table's columns and grouped header, rates
 * (half-up, "—" for a zero denominator), the counting invariant, periods and printed values.
 * Pure: no I/O and no clock.
 */
export * from './columns.js';
export * from './rates.js';
export * from './table.js';
export * from './period.js';
export * from './format.js';
