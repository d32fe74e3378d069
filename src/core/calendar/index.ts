/**
 * The legal clock (calendar.md): Vietnamese lunar calendar, statutory holidays, working
 * calendars, deadlines, pauses, classification and remaining-time displays. Pure: no I/O, no
 * reading of the clock (pass `now` in).
 */
export * from './types.js';
export * from './time.js';
export * from './lunar.js';
export * from './holidays.js';
export * from './official-schedules.js';
export * from './working-calendar.js';
export * from './deadline.js';
export * from './pauses.js';
export * from './classify.js';
export * from './remaining.js';
export * from './step-budget.js';
export * from './recompute.js';
