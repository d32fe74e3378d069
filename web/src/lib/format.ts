/**
 * Dates and times are shown in Vietnam's time zone whatever the browser's, because legal times
 * (receipt, appointment) are Asia/Ho_Chi_Minh times. The API sends ISO 8601 with +07:00.
 */
const TZ = 'Asia/Ho_Chi_Minh';

function parts(iso: string): Record<string, string> | null {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return null;
  const out: Record<string, string> = {};
  for (const p of new Intl.DateTimeFormat('en-GB', {
    timeZone: TZ,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(d)) {
    out[p.type] = p.value;
  }
  return out;
}

/** '14:30, 09/11/2026' (vi) or '09/11/2026 14:30' (en). */
export function formatDateTime(iso: string | null | undefined, lang = 'vi'): string {
  if (!iso) return '';
  const p = parts(iso);
  if (!p) return iso;
  return lang === 'en' ? `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}` : `${p.hour}:${p.minute}, ${p.day}/${p.month}/${p.year}`;
}

/** '09/11/2026' from an instant or a 'YYYY-MM-DD' date. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (m) return `${m[3]}/${m[2]}/${m[1]}`;
  const p = parts(value);
  return p ? `${p.day}/${p.month}/${p.year}` : value;
}

/** Money in đồng: 1.500.000 đ */
export function formatMoney(amount: number | null | undefined): string {
  if (amount === null || amount === undefined || !Number.isFinite(amount)) return '';
  return `${new Intl.NumberFormat('vi-VN').format(amount)} đ`;
}
