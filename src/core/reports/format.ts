/** Printed values of the register and the exports: local dates and masked phone numbers. */
import { toLocalParts } from '../calendar/index.js';

const pad2 = (n: number) => String(n).padStart(2, '0');

/** `'05/10/2026 09:30'` in Asia/Ho_Chi_Minh; '' for no instant. */
export function formatDateTimeVi(instant: Date | null | undefined): string {
  if (!instant) return '';
  const p = toLocalParts(instant);
  return `${pad2(p.day)}/${pad2(p.month)}/${p.year} ${pad2(p.hour)}:${pad2(p.minute)}`;
}

/**
 * A deadline: like formatDateTimeVi, but an end-of-day deadline (local midnight, calendar.md §5)
 * reads `'15/12/2026 24:00'`, the last day the citizen has, not `'16/12/2026 00:00'`.
 */
export function formatDeadlineVi(instant: Date | null | undefined): string {
  if (!instant) return '';
  const p = toLocalParts(instant);
  if (p.hour !== 0 || p.minute !== 0) return formatDateTimeVi(instant);
  const q = toLocalParts(new Date(instant.getTime() - 60_000));
  return `${pad2(q.day)}/${pad2(q.month)}/${q.year} 24:00`;
}

/** `'0912345678'` -> `'*******678'`: only the last three digits stay. */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return phone ?? null;
  const digits = phone.replace(/\s+/g, '');
  return digits.length <= 3 ? '*'.repeat(digits.length) : '*'.repeat(digits.length - 3) + digits.slice(-3);
}

/** "Địa chỉ, số điện thoại" of the register: the two joined, either may be missing. */
export function addressAndPhone(address: string | null | undefined, phone: string | null | undefined): string {
  return [address?.trim(), phone?.trim()].filter((s) => !!s).join(' – ');
}
