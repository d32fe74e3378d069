/** Reference instant of the test demo data: Mon 09/11/2026 09:00 in Hà Nội. */
export const TEST_NOW = new Date('2026-11-09T02:00:00Z');
