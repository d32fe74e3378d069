/**
 * Folds Vietnamese text for diacritic-insensitive matching: 'Đăng ký khai sinh' -> 'dang ky khai sinh'.
 * The same folding as the database's vn_fold(), so client-side filters agree with server search.
 */
export function fold(s: string | null | undefined): string {
  if (!s) return '';
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** True when every word of the folded query occurs in the folded text. */
export function matches(text: string, query: string): boolean {
  const q = fold(query);
  if (!q) return true;
  const t = fold(text);
  return q.split(' ').every((w) => t.includes(w));
}
