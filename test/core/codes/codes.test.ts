import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DossierCodeError, LOOKUP_ALPHABET, formatDossierCode, isDossierCode, lookupSecretFrom, parseDossierCode } from '../../../src/core/codes/index.js';

describe('dossier codes <unit>-YYMMDD-XXXX', () => {
  it('formats with the receipt date and a zero-padded daily sequence', () => {
    expect(formatDossierCode('000.00.01.H55', '2026-11-09', 1)).toBe('000.00.01.H55-261109-0001');
    expect(formatDossierCode('H15.50.05.13', '2026-10-08', 975)).toBe('H15.50.05.13-261008-0975');
    expect(formatDossierCode('000.00.01.H55', '2026-01-31', 9999)).toBe('000.00.01.H55-260131-9999');
  });

  it('widens beyond the width and never wraps', () => {
    expect(formatDossierCode('000.00.01.H55', '2026-11-09', 10000)).toBe('000.00.01.H55-261109-10000');
    expect(formatDossierCode('000.00.01.H55', '2026-11-09', 12, 6)).toBe('000.00.01.H55-261109-000012');
  });

  it('refuses invalid parts', () => {
    expect(() => formatDossierCode('000.00.01.H55', '2026-02-30', 1)).toThrow(DossierCodeError);
    expect(() => formatDossierCode('000.00.01.H55', '2026-11-09', 0)).toThrow(/Sequence/);
    expect(() => formatDossierCode('000.00.01.H55', '2026-11-09', 1.5)).toThrow(DossierCodeError);
    expect(() => formatDossierCode('bad code', '2026-11-09', 1)).toThrow(/unit identifier/);
    expect(() => formatDossierCode('000.00.01.H55', '2026-11-09', 1, 3)).toThrow(/width/);
    try {
      formatDossierCode('000.00.01.H55', '1999-12-31', 1);
    } catch (e) {
      expect((e as DossierCodeError).field).toBe('date');
      expect((e as DossierCodeError).messageVi).toContain('Ngày');
    }
  });

  it('parses by splitting on the last two hyphens', () => {
    expect(parseDossierCode('000.00.01.H55-261109-0001')).toEqual({ unitCode: '000.00.01.H55', date: '2026-11-09', seq: 1 });
    expect(parseDossierCode('H15.50.05.13-261008-0975')).toEqual({ unitCode: 'H15.50.05.13', date: '2026-10-08', seq: 975 });
    expect(parseDossierCode('G09-AB-261008-1234567')).toEqual({ unitCode: 'G09-AB', date: '2026-10-08', seq: 1234567 });
    expect(parseDossierCode('000.00.01.H55-260230-0001')).toBeNull();
    expect(parseDossierCode('000.00.01.H55-261109-001')).toBeNull();
    expect(parseDossierCode('000.00.01.H55-261109-0000')).toBeNull();
    expect(parseDossierCode('261109-0001')).toBeNull();
    expect(isDossierCode('Nguyễn Văn An')).toBe(false);
  });

  it('round-trips for any unit, date and sequence (property)', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Z0-9][A-Z0-9.]{2,20}$/),
        fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 1, max: 9_999_999 }),
        (unit, d, seq) => {
          const date = d.toISOString().slice(0, 10);
          const code = formatDossierCode(unit, date, seq);
          expect(parseDossierCode(code)).toEqual({ unitCode: unit, date, seq });
        },
      ),
    );
  });

  it('codes sort by sequence within a unit and day while the width holds', () => {
    const codes = [3, 1, 2, 10, 9999].map((n) => formatDossierCode('000.20.01.H55', '2026-11-09', n));
    expect([...codes].sort()).toEqual([1, 2, 3, 10, 9999].map((n) => formatDossierCode('000.20.01.H55', '2026-11-09', n)));
  });

  it('public look-up secrets use an alphabet without look-alikes', () => {
    const s = lookupSecretFrom(new Uint8Array([0, 1, 31, 32, 255, 100, 7, 8]));
    expect(s).toHaveLength(8);
    expect(s).toBe('AB9A9EHJ'); // 0→A, 1→B, 31→9, 32→A, 255→9, 100→E, 7→H, 8→J
    for (const ch of s) expect(LOOKUP_ALPHABET).toContain(ch);
    expect(LOOKUP_ALPHABET).not.toMatch(/[01IO]/);
    expect(() => lookupSecretFrom(new Uint8Array(3))).toThrow();
  });
});
