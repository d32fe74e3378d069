/**
 * Personal data on public output (feedback.md §2, §5.15): names shown as "Nguyễn V. A.", phone
 * numbers, e-mail addresses and ID numbers removed from public text, coordinates truncated.
 */
import { maskName } from '../access/roles.js';

export const REDACTED = {
  email: '[e-mail đã ẩn]',
  phone: '[số điện thoại đã ẩn]',
  id: '[số định danh đã ẩn]',
} as const;

const EMAIL_RE = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
// Vietnamese phone numbers: 0xx… or +84 / 84 with 9–10 digits, with optional spaces, dots or dashes.
const PHONE_RE = /(?<![\d])(?:\+?84|0)(?:[\s.-]?\d){8,10}(?![\d])/g;
// CCCD (12 digits) and old CMND (9 digits) written as one run of digits.
const ID_RE = /(?<![\d])(?:\d{12}|\d{9})(?![\d])/g;

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Removes e-mail addresses, phone numbers and ID numbers from free text, and replaces the given
 * names (the sender's) by their masked form. Public copies are made with it; moderators can
 * edit further.
 */
export function redactPersonalData(text: string, names: readonly (string | null | undefined)[] = []): string {
  let out = text.replace(EMAIL_RE, REDACTED.email).replace(ID_RE, REDACTED.id).replace(PHONE_RE, REDACTED.phone);
  for (const n of names) {
    const name = n?.trim();
    if (!name || name.split(/\s+/).length < 2) continue;
    out = out.replace(new RegExp(escapeRe(name).replace(/\s+/g, '\\s+'), 'giu'), maskName(name));
  }
  return out;
}

/** Truncates (not rounds) a coordinate to `decimals` places (4 ≈ 11 m). */
export function truncateCoord(x: number, decimals = 4): number {
  const f = 10 ** decimals;
  return Math.trunc(x * f) / f;
}

/** The sender as shown publicly. */
export function publicSender(anonymous: boolean, name: string | null | undefined): { vi: string; en: string } {
  if (anonymous || !name) return { vi: 'Ẩn danh', en: 'Anonymous' };
  const m = maskName(name);
  return { vi: m, en: m };
}

export { maskName };
