/**
 * Citizen reception and letters (reception-and-letters.md): lifecycles as transition tables,
 * classification and eligibility, duplicates, group rules, deadlines through the legal clock,
 * versioned rule sets, protection of denouncers, printable forms and report figures. Pure.
 */
export * from './types.js';
export * from './rules.js';
export * from './machine.js';
export * from './visit-machine.js';
export * from './letter-machine.js';
export * from './case-machines.js';
export * from './deadlines.js';
export * from './classification.js';
export * from './groups.js';
export * from './duplicates.js';
export * from './protect.js';
export * from './forms.js';
export * from './form-documents.js';
export * from './schedule.js';
export * from './reports.js';
export * from './event-labels.js';
