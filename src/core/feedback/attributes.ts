/**
 * Category questions (Open311 service-definition attributes, feedback.md §5.4) and validation of
 * the answers a sender gives (`attribute[code]=value`, multi-valued `attribute[code][]=…`).
 */
import { parseInstant } from '../calendar/index.js';

export const ATTRIBUTE_DATATYPES = ['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'] as const;
export type AttributeDatatype = (typeof ATTRIBUTE_DATATYPES)[number];

export interface CategoryAttribute {
  code: string;
  datatype: AttributeDatatype;
  required: boolean;
  /** false = information shown to the user, no input. */
  variable: boolean;
  /** Positive and unique within the category; 1 is shown first. */
  order: number;
  description: string;
  datatypeDescription?: string | null;
  values?: { key: string; name: string }[];
}

export interface AttributeProblem {
  field: string;
  message: string;
  messageVi: string;
}

/** Problems with a category's attribute definitions (for the administrator's save). */
export function checkAttributeDefinitions(defs: readonly CategoryAttribute[]): AttributeProblem[] {
  const out: AttributeProblem[] = [];
  const codes = new Set<string>();
  const orders = new Set<number>();
  defs.forEach((d, i) => {
    const f = `attributes.${i}`;
    if (codes.has(d.code)) out.push({ field: `${f}.code`, message: `duplicate attribute code ${d.code}`, messageVi: `mã câu hỏi ${d.code} bị trùng` });
    codes.add(d.code);
    if (orders.has(d.order)) out.push({ field: `${f}.order`, message: `order ${d.order} is used twice`, messageVi: `thứ tự ${d.order} bị trùng` });
    orders.add(d.order);
    const list = d.datatype === 'singlevaluelist' || d.datatype === 'multivaluelist';
    if (list && !(d.values && d.values.length > 0)) {
      out.push({ field: `${f}.values`, message: 'a list attribute needs values', messageVi: 'câu hỏi dạng danh sách cần có các lựa chọn' });
    }
    if (!list && d.values && d.values.length > 0) {
      out.push({ field: `${f}.values`, message: 'only list attributes have values', messageVi: 'chỉ câu hỏi dạng danh sách mới có lựa chọn' });
    }
    if (!d.variable && d.required) {
      out.push({ field: `${f}.required`, message: 'an information-only attribute cannot be required', messageVi: 'mục chỉ để thông tin không thể là bắt buộc' });
    }
  });
  return out;
}

export type AttributeValues = Record<string, string | string[]>;

/**
 * Checks the answers against the definitions and returns them normalised (lists as arrays,
 * numbers as strings of numbers). Unknown codes are refused, so a typo never passes silently.
 */
export function validateAttributeValues(
  defs: readonly CategoryAttribute[],
  values: AttributeValues,
): { values: AttributeValues; problems: AttributeProblem[] } {
  const problems: AttributeProblem[] = [];
  const out: AttributeValues = {};
  const byCode = new Map(defs.map((d) => [d.code, d]));
  for (const code of Object.keys(values)) {
    if (!byCode.has(code)) problems.push({ field: `attribute[${code}]`, message: `unknown attribute ${code}`, messageVi: `không có câu hỏi mã ${code}` });
  }
  for (const d of defs) {
    if (!d.variable) continue;
    const field = `attribute[${d.code}]`;
    const raw = values[d.code];
    const list = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map((v) => String(v).trim()).filter((v) => v !== '');
    if (list.length === 0) {
      if (d.required) problems.push({ field, message: `${field} is required`, messageVi: `${field} là bắt buộc (${d.description})` });
      continue;
    }
    if (d.datatype !== 'multivaluelist' && list.length > 1) {
      problems.push({ field, message: `${field} takes one value`, messageVi: `${field} chỉ nhận một giá trị` });
      continue;
    }
    const v = list[0];
    switch (d.datatype) {
      case 'number':
        if (!/^-?\d+(\.\d+)?$/.test(v)) problems.push({ field, message: `${field} must be a number`, messageVi: `${field} phải là số` });
        else out[d.code] = v;
        break;
      case 'datetime':
        if (!parseInstant(v)) problems.push({ field, message: `${field} must be an ISO 8601 date-time`, messageVi: `${field} phải là thời điểm ISO 8601` });
        else out[d.code] = v;
        break;
      case 'string':
        if (v.length > 500 || /[\r\n]/.test(v)) problems.push({ field, message: `${field} must be one line of at most 500 characters`, messageVi: `${field} phải là một dòng, tối đa 500 ký tự` });
        else out[d.code] = v;
        break;
      case 'text':
        if (v.length > 4000) problems.push({ field, message: `${field} must be at most 4000 characters`, messageVi: `${field} không được dài quá 4000 ký tự` });
        else out[d.code] = v;
        break;
      case 'singlevaluelist':
      case 'multivaluelist': {
        const keys = new Set((d.values ?? []).map((x) => x.key));
        const bad = list.filter((x) => !keys.has(x));
        if (bad.length) {
          problems.push({ field, message: `${field} must be one of: ${[...keys].join(', ')}`, messageVi: `${field} phải là một trong: ${[...keys].join(', ')}` });
        } else {
          out[d.code] = d.datatype === 'multivaluelist' ? [...new Set(list)] : v;
        }
        break;
      }
    }
  }
  return { values: out, problems };
}
