/**
 * The procedure catalogue's pure rules (one-stop.md §3): shapes, process-definition validation
 * (ordered and parallel steps, Σ budgets ≤ legal time, transitions), catalogue rules and the
 * canonical forms used for storage, comparison and export. No I/O.
 */
export * from './types.js';
export * from './process.js';
export * from './catalogue.js';
