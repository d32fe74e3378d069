import { describe, expect, it } from 'vitest';
import { parseInstant } from '../../../src/core/calendar/index.js';
import { dateTextVi, dueDateTextVi, instantTextVi } from '../../../src/modules/dossiers/forms.js';

const at = (s: string) => parseInstant(s) as Date;

describe('times printed on the forms', () => {
  it('prints Vietnam time in words', () => {
    expect(instantTextVi(at('2019-11-20T08:37'))).toBe('08 giờ 37 phút, ngày 20 tháng 11 năm 2019');
    expect(dateTextVi(at('2019-11-20T08:37'))).toBe('ngày 20 tháng 11 năm 2019');
    expect(instantTextVi(null)).toBeNull();
  });
  it('prints the end of a day-counted period as 24:00 of its last day', () => {
    expect(instantTextVi(at('2026-12-18T00:00'))).toBe('24 giờ 00 phút, ngày 17 tháng 12 năm 2026');
    expect(instantTextVi(at('2027-01-01T00:00'))).toBe('24 giờ 00 phút, ngày 31 tháng 12 năm 2026');
    expect(instantTextVi(at('2026-12-18T00:01'))).toBe('00 giờ 01 phút, ngày 18 tháng 12 năm 2026');
    expect(dueDateTextVi(at('2026-12-18T00:00'))).toBe('ngày 17 tháng 12 năm 2026');
    expect(dueDateTextVi(at('2026-12-18T16:30'))).toBe('ngày 18 tháng 12 năm 2026');
  });
});
