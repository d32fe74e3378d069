/**
 * A printed administrative form as data: the national heading, the issuing agency, the title and
 * a list of blocks. The PDF renderer and the web's print pages both draw this one model, so a
 * form looks the same on paper whichever way it is printed.
 */
export type FormBlock =
  | { type: 'paragraph'; text: string; bold?: boolean; italic?: boolean; align?: 'left' | 'center' | 'right' | 'justify' }
  | { type: 'fields'; items: { label: string; value: string }[] }
  | { type: 'table'; columns: string[]; rows: string[][]; widths?: number[] }
  | { type: 'signatures'; items: { title: string; note?: string; name?: string }[] }
  | { type: 'qr'; text: string; caption: string };

export interface FormDocument {
  key: string;
  formSet: string;          // e.g. 'TT 03/2025/TT-VPCP'
  formNumber: string;       // e.g. 'Mẫu số 01'
  paper: 'A4' | 'A5';
  orientation: 'portrait' | 'landscape';
  agency: { parent: string; name: string };
  docNumber?: string;       // 'Số: …'
  placeDate: string;        // 'Thái Nguyên, ngày 09 tháng 11 năm 2026'
  title: string;
  subtitle?: string;
  blocks: FormBlock[];
}

export const NATIONAL_HEADING = {
  country: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  motto: 'Độc lập - Tự do - Hạnh phúc',
};

/** The province's people's committee from the tenant's name: 'Tỉnh Thái Nguyên' → 'UBND tỉnh Thái Nguyên' ('' for ''). */
export function provinceAgency(tenantName: string): string {
  return tenantName ? `UBND ${tenantName.charAt(0).toLocaleLowerCase('vi')}${tenantName.slice(1)}` : '';
}

/** The place in a form's date line from the tenant's name: 'Tỉnh Thái Nguyên' → 'Thái Nguyên'. */
export function placeOf(tenantName: string): string {
  return tenantName.replace(/^(Tỉnh|Thành phố) /, '');
}

/** 'Thái Nguyên, ngày 09 tháng 11 năm 2026' from a local date 'YYYY-MM-DD'. */
export function placeDate(place: string, localDate: string): string {
  const [y, m, d] = localDate.split('-');
  return `${place}, ngày ${d} tháng ${m} năm ${y}`;
}

/** '08 giờ 37 phút, ngày 20/11/2019' from local parts. */
export function timeDateVi(localDate: string, hhmm: string): string {
  const [y, m, d] = localDate.split('-');
  const [h, min] = hhmm.split(':');
  return `${h} giờ ${min} phút, ngày ${d}/${m}/${y}`;
}
