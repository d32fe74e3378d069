/**
 * Dossier codes (one-stop.md §6): `<receiving unit identifier>-YYMMDD-XXXX`, e.g.
 * `000.00.01.H55-261109-0001`. The unit identifier is an opaque string (QCVN 102 codes may be
 * printed level-1 first, `H15.50.05.13`); the date is the receipt date in Asia/Ho_Chi_Minh; the
 * sequence is the receiving unit's daily counter, zero-padded to `width` (default 4) and widened,
 * never wrapped, beyond it. Pure: the caller passes the local date and the sequence value.
 */

export interface DossierCodeParts {
  /** The receiving unit's identifier, as printed. */
  unitCode: string;
  /** The receipt date, `'YYYY-MM-DD'` (local). */
  date: string;
  /** The per-unit daily sequence (1-based). */
  seq: number;
}

/** Unit identifiers: letters, digits, dots and hyphens; must not end with the `-YYMMDD` pattern. */
const UNIT_CODE_RE = /^[A-Za-z0-9][A-Za-z0-9.-]{0,59}$/;
const CODE_RE = /^(.+)-(\d{6})-(\d{4,7})$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export class DossierCodeError extends RangeError {
  constructor(
    readonly field: 'unitCode' | 'date' | 'seq' | 'width',
    message: string,
    readonly messageVi: string,
  ) {
    super(message);
    this.name = 'DossierCodeError';
  }
}

function daysIn(year: number, month: number): number {
  return [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

function checkDate(date: string): { y: number; m: number; d: number } {
  const m = DATE_RE.exec(date);
  if (!m) throw new DossierCodeError('date', `Invalid date: ${date}`, `Ngày không hợp lệ: ${date}`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (y < 2000 || y > 2099 || mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo)) {
    throw new DossierCodeError('date', `Date out of range for a dossier code: ${date}`, `Ngày nằm ngoài phạm vi của mã hồ sơ: ${date}`);
  }
  return { y, m: mo, d };
}

/** Formats a dossier code. Throws `DossierCodeError` on invalid parts. */
export function formatDossierCode(unitCode: string, date: string, seq: number, width = 4): string {
  if (!UNIT_CODE_RE.test(unitCode) || /-\d{6}$/.test(unitCode)) {
    throw new DossierCodeError('unitCode', `Invalid unit identifier: ${unitCode}`, `Mã định danh đơn vị không hợp lệ: ${unitCode}`);
  }
  if (!Number.isInteger(width) || width < 4 || width > 7) {
    throw new DossierCodeError('width', `Sequence width must be 4–7: ${width}`, `Độ dài số thứ tự phải từ 4 đến 7: ${width}`);
  }
  if (!Number.isInteger(seq) || seq < 1 || seq > 9_999_999) {
    throw new DossierCodeError('seq', `Sequence must be a positive integer up to 9999999: ${seq}`, `Số thứ tự phải là số nguyên dương không quá 9999999: ${seq}`);
  }
  const { y, m, d } = checkDate(date);
  const yymmdd = `${String(y % 100).padStart(2, '0')}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}`;
  return `${unitCode}-${yymmdd}-${String(seq).padStart(width, '0')}`;
}

/**
 * Parses a dossier code by splitting on the last two hyphens (`^(.+)-(\d{6})-(\d{4,7})$`).
 * Returns null for anything that is not a valid code (including impossible dates).
 */
export function parseDossierCode(code: string): DossierCodeParts | null {
  if (typeof code !== 'string' || code.length > 80) return null;
  const m = CODE_RE.exec(code.trim());
  if (!m) return null;
  const unitCode = m[1];
  if (!UNIT_CODE_RE.test(unitCode)) return null;
  const yy = Number(m[2].slice(0, 2));
  const mo = Number(m[2].slice(2, 4));
  const d = Number(m[2].slice(4, 6));
  const y = 2000 + yy;
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo)) return null;
  const seq = Number(m[3]);
  if (seq < 1) return null;
  return { unitCode, date: `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`, seq };
}

/** True when `code` looks like a dossier code (for routing a search box). */
export function isDossierCode(code: string): boolean {
  return parseDossierCode(code) !== null;
}

/**
 * A public look-up secret: 8 characters from an alphabet without look-alikes, drawn from the given
 * random bytes (the caller supplies them, e.g. `crypto.randomBytes(8)`, so this stays pure).
 */
export const LOOKUP_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export function lookupSecretFrom(bytes: Uint8Array, length = 8): string {
  if (bytes.length < length) throw new RangeError('not enough random bytes');
  let s = '';
  for (let i = 0; i < length; i++) s += LOOKUP_ALPHABET[bytes[i] % LOOKUP_ALPHABET.length];
  return s;
}
