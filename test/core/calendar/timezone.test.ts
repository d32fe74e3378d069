import { afterAll, describe, expect, it } from 'vitest';
import { classify, computeDue, formatLocal, toLocalParts } from '../../../src/core/calendar/index.js';
import { vectorCalendar } from './helpers.js';

// The engine must never use the server's zone: run the same computations under several TZs.
const originalTz = process.env.TZ;
afterAll(() => {
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

const ZONES = ['UTC', 'America/Los_Angeles', 'Asia/Ho_Chi_Minh', 'Pacific/Kiritimati'];

describe('time zone: results are identical on a UTC server (instants near 17:00 UTC = local midnight)', () => {
  const results: Record<string, string[]> = {};
  it.each(ZONES)('TZ=%s', (tz) => {
    process.env.TZ = tz;
    // The switch takes effect at runtime in Node: prove it, so the test is not vacuous.
    if (tz === 'UTC') expect(new Date(2026, 0, 1).getTimezoneOffset()).toBe(0);
    if (tz === 'America/Los_Angeles') expect(new Date(2026, 0, 1).getTimezoneOffset()).toBe(480);
    const cal = vectorCalendar(); // fresh tables under this TZ
    const out: string[] = [];
    for (const iso of ['2026-11-09T16:59:59Z', '2026-11-09T17:00:00Z', '2026-11-13T16:59:00Z', '2026-11-13T17:00:00Z', '2026-02-13T16:30:00Z']) {
      const r = computeDue(cal, { receivedAt: new Date(iso), amount: 1, unit: 'working_days' });
      out.push(`${formatLocal(r.clockStart)} ${formatLocal(r.due)}`);
    }
    results[tz] = out;
    expect(out).toEqual([
      '2026-11-10T07:30:00+07:00 2026-11-10T17:00:00+07:00', // Mon 23:59:59 local
      '2026-11-10T07:30:00+07:00 2026-11-10T17:00:00+07:00', // Tue 00:00 local
      '2026-11-16T07:30:00+07:00 2026-11-16T17:00:00+07:00', // Fri 23:59 local
      '2026-11-16T07:30:00+07:00 2026-11-16T17:00:00+07:00', // Sat 00:00 local
      '2026-02-23T07:30:00+07:00 2026-02-23T17:00:00+07:00', // Fri 13/02 23:30 local, then Tết
    ]);
    expect(toLocalParts(new Date('2026-11-09T17:00:00Z'))).toMatchObject({ date: '2026-11-10', hour: 0, weekday: 2 });
    // Same local date although the UTC dates differ → on time, not early.
    expect(classify(new Date('2026-11-09T17:30:00Z'), new Date('2026-11-10T08:20:00Z'))).toBe('on_time');
    // Calendar-day period: 16:59Z = Wed 23:59 local → 24:00 Fri 15/05; 17:00Z is already Thu 16/04 local.
    expect(formatLocal(computeDue(cal, { receivedAt: new Date('2026-04-15T16:59:00Z'), amount: 30, unit: 'days' }).due)).toBe('2026-05-16T00:00:00+07:00');
    expect(formatLocal(computeDue(cal, { receivedAt: new Date('2026-04-15T17:00:00Z'), amount: 30, unit: 'days' }).due)).toBe('2026-05-19T00:00:00+07:00'); // Thu 16/04 + 30 = Sat 16/05 → Mon 18/05
  });
});
