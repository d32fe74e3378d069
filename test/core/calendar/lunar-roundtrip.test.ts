import { describe, expect, it } from 'vitest';
import { dateOfDayNumber, dayNumberOf, lunarToSolar, solarToLunar } from '../../../src/core/calendar/index.js';

describe('lunar round trip (calendar.md §3.2)', () => {
  it('solar → lunar → solar for every day of 1900–2099 (73,049 days): 0 mismatches', () => {
    const first = dayNumberOf('1900-01-01');
    const last = dayNumberOf('2099-12-31');
    let days = 0;
    const mismatches: string[] = [];
    for (let dn = first; dn <= last; dn++) {
      const date = dateOfDayNumber(dn);
      const y = Number(date.slice(0, 4));
      const m = Number(date.slice(5, 7));
      const d = Number(date.slice(8, 10));
      const l = solarToLunar(y, m, d);
      const s = lunarToSolar(l.day, l.month, l.year, l.leap);
      if (s.year !== y || s.month !== m || s.day !== d) mismatches.push(date);
      days += 1;
    }
    expect(days).toBe(73_049);
    expect(mismatches).toEqual([]);
  });
});
