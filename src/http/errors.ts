/** Errors in the API's single shape: {"error": {"code", "message", "messageVi", "fields"}}. */

export interface FieldError {
  field: string;
  message: string;
  messageVi: string;
}

export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly messageVi: string,
    readonly fields: FieldError[] = [],
  ) {
    super(message);
  }

  toJSON() {
    return { error: { code: this.code, message: this.message, messageVi: this.messageVi, fields: this.fields } };
  }
}

export const badRequest = (fields: FieldError[], message = 'Invalid input', messageVi = 'Dữ liệu không hợp lệ') =>
  new AppError(400, 'validation_failed', message, messageVi, fields);

export const fieldError = (field: string, message: string, messageVi: string): FieldError => ({ field, message, messageVi });

export const unauthorized = () =>
  new AppError(401, 'unauthenticated', 'Sign-in required', 'Cần đăng nhập để tiếp tục');

export const forbidden = (message = 'You may not do this', messageVi = 'Bạn không có quyền thực hiện thao tác này') =>
  new AppError(403, 'forbidden', message, messageVi);

export const notFound = (what = 'Record', whatVi = 'Bản ghi') =>
  new AppError(404, 'not_found', `${what} not found`, `Không tìm thấy ${whatVi.toLowerCase()}`);

/** 409: an illegal transition or a stale version; the message says why. */
export const conflict = (code: string, message: string, messageVi: string) => new AppError(409, code, message, messageVi);

export const staleVersion = () =>
  conflict(
    'stale_version',
    'The record was changed by someone else; reload it and try again',
    'Hồ sơ đã được người khác cập nhật; hãy tải lại và thử lại',
  );

const KEYWORD_VI: Record<string, (p: any) => [string, string]> = {
  required: () => ['is required', 'là bắt buộc'],
  type: (p) => [`must be of type ${p.type}`, `phải có kiểu ${typeVi(p.type)}`],
  maxLength: (p) => [`must be at most ${p.limit} characters`, `không được dài quá ${p.limit} ký tự`],
  minLength: (p) => [`must be at least ${p.limit} characters`, `phải có ít nhất ${p.limit} ký tự`],
  pattern: () => [`has an invalid format`, `không đúng định dạng`],
  format: (p) => [`must be a valid ${p.format}`, `phải là ${formatVi(p.format)} hợp lệ`],
  enum: (p) => [`must be one of: ${p.allowedValues?.join(', ')}`, `phải là một trong: ${p.allowedValues?.join(', ')}`],
  const: (p) => [`must be ${p.allowedValue}`, `phải bằng ${p.allowedValue}`],
  minimum: (p) => [`must be ≥ ${p.limit}`, `phải lớn hơn hoặc bằng ${p.limit}`],
  maximum: (p) => [`must be ≤ ${p.limit}`, `phải nhỏ hơn hoặc bằng ${p.limit}`],
  exclusiveMinimum: (p) => [`must be > ${p.limit}`, `phải lớn hơn ${p.limit}`],
  exclusiveMaximum: (p) => [`must be < ${p.limit}`, `phải nhỏ hơn ${p.limit}`],
  minItems: (p) => [`must have at least ${p.limit} items`, `phải có ít nhất ${p.limit} mục`],
  maxItems: (p) => [`must have at most ${p.limit} items`, `không được quá ${p.limit} mục`],
  additionalProperties: (p) => [`has an unknown field '${p.additionalProperty}'`, `có trường không hợp lệ '${p.additionalProperty}'`],
  anyOf: () => [`does not match any allowed form`, `không khớp dạng nào được phép`],
  oneOf: () => [`does not match exactly one allowed form`, `không khớp đúng một dạng được phép`],
};

function typeVi(t: string): string {
  return ({ string: 'chuỗi', number: 'số', integer: 'số nguyên', boolean: 'đúng/sai', object: 'đối tượng', array: 'danh sách', null: 'rỗng' } as Record<string, string>)[t] ?? t;
}
function formatVi(f: string): string {
  return ({ 'date-time': 'thời điểm', date: 'ngày', email: 'địa chỉ e-mail', uuid: 'mã định danh', uri: 'địa chỉ URL' } as Record<string, string>)[f] ?? f;
}

/** Turns Ajv errors (from Fastify's validation) into field errors in both languages. */
export function fromValidation(errors: any[], context: string): AppError {
  const fields: FieldError[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    let field = String(e.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
    if (e.keyword === 'required') field = field ? `${field}.${e.params.missingProperty}` : e.params.missingProperty;
    if (!field) field = context;
    const [en, vi] = (KEYWORD_VI[e.keyword] ?? (() => [e.message ?? 'is invalid', 'không hợp lệ']))(e.params ?? {});
    const key = `${field}|${en}`;
    if (seen.has(key)) continue;
    seen.add(key);
    fields.push({ field, message: `${field} ${en}`, messageVi: `${field} ${vi}` });
  }
  return badRequest(fields);
}
