/**
 * Shape checks with TypeBox that list every error, each with its JSON path
 * (`procedures[3].variants[0].process.steps[2].budgetHours`) and a message in both languages.
 */
import type { TSchema } from 'typebox';
import Value from 'typebox/value';
import { Settings } from 'typebox/system';
import type { Issue } from '../../core/procedures/index.js';

/** Upper bound of errors gathered for one value (the body itself is bounded by the route's limit). */
const MAX_ERRORS = 2000;

interface RawError {
  keyword: string;
  schemaPath: string;
  instancePath: string;
  params: Record<string, any>;
  message: string;
}

/** '/procedures/3/name' → 'procedures[3].name', prefixed by `base`. */
export function jsonPath(pointer: string, base = ''): string {
  let out = base;
  for (const raw of pointer.split('/').slice(1)) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (/^\d+$/.test(seg)) out += `[${seg}]`;
    else out += out ? `.${seg}` : seg;
  }
  return out;
}

function valueAt(root: unknown, pointer: string): unknown {
  let node: any = root;
  for (const raw of pointer.split('/').slice(1)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = node[raw.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node;
}

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function typeMatches(schemaType: unknown, t: string): boolean {
  if (typeof schemaType !== 'string') return false;
  return schemaType === t || (schemaType === 'number' && t === 'integer');
}

function schemaAt(root: TSchema, schemaPath: string): any {
  let node: any = root;
  for (const raw of schemaPath.replace(/^#/, '').split('/').slice(1)) {
    if (node === undefined || node === null) return undefined;
    node = node[raw.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node;
}

const TYPE_VI: Record<string, string> = {
  string: 'chuỗi',
  number: 'số',
  integer: 'số nguyên',
  boolean: 'đúng/sai',
  object: 'đối tượng',
  array: 'danh sách',
  null: 'rỗng (null)',
};
const FORMAT_VI: Record<string, string> = { date: 'ngày dạng YYYY-MM-DD', 'date-time': 'thời điểm ISO 8601', uuid: 'mã định danh (uuid)', email: 'địa chỉ e-mail' };

function describeAlternatives(schema: any): { en: string; vi: string } {
  const alts: any[] = Array.isArray(schema?.anyOf) ? schema.anyOf : [];
  const values: string[] = [];
  const types: string[] = [];
  for (const a of alts) {
    if (a && 'const' in a) values.push(JSON.stringify(a.const));
    else if (Array.isArray(a?.enum)) values.push(...a.enum.map((v: unknown) => JSON.stringify(v)));
    else if (a?.type) types.push(String(a.type));
  }
  const en = [...values, ...types.map((t) => (t === 'null' ? 'null' : `a ${t}`))].join(' or ');
  const vi = [...values, ...types.map((t) => TYPE_VI[t] ?? t)].join(' hoặc ');
  return { en: en || 'an allowed form', vi: vi || 'một dạng được phép' };
}

function message(e: RawError, root: TSchema): [string, string] {
  const p = e.params ?? {};
  switch (e.keyword) {
    case 'type':
      return [`must be of type ${p.type}`, `phải có kiểu ${TYPE_VI[p.type] ?? p.type}`];
    case 'minLength':
      return p.limit === 1 ? ['must not be empty', 'không được để trống'] : [`must be at least ${p.limit} characters`, `phải có ít nhất ${p.limit} ký tự`];
    case 'maxLength':
      return [`must be at most ${p.limit} characters`, `không được dài quá ${p.limit} ký tự`];
    case 'pattern':
      return [`has an invalid format (expected ${p.pattern ?? 'the documented pattern'})`, `không đúng định dạng (mẫu ${p.pattern ?? 'theo tài liệu'})`];
    case 'format':
      return [`must be a valid ${p.format}`, `phải là ${FORMAT_VI[p.format] ?? p.format} hợp lệ`];
    case 'enum': {
      const list = (p.allowedValues ?? schemaAt(root, e.schemaPath)?.enum ?? []).join(', ');
      return [`must be one of: ${list}`, `phải là một trong: ${list}`];
    }
    case 'const':
      return [`must be ${JSON.stringify(p.allowedValue)}`, `phải bằng ${JSON.stringify(p.allowedValue)}`];
    case 'minimum':
      return [`must be ≥ ${p.limit}`, `phải lớn hơn hoặc bằng ${p.limit}`];
    case 'maximum':
      return [`must be ≤ ${p.limit}`, `phải nhỏ hơn hoặc bằng ${p.limit}`];
    case 'exclusiveMinimum':
      return [`must be > ${p.limit}`, `phải lớn hơn ${p.limit}`];
    case 'exclusiveMaximum':
      return [`must be < ${p.limit}`, `phải nhỏ hơn ${p.limit}`];
    case 'minItems':
      return [`must have at least ${p.limit} item(s)`, `phải có ít nhất ${p.limit} mục`];
    case 'maxItems':
      return [`must have at most ${p.limit} items`, `không được quá ${p.limit} mục`];
    case 'multipleOf':
      return [`must be a multiple of ${p.multipleOf}`, `phải là bội số của ${p.multipleOf}`];
    case 'anyOf': {
      const d = describeAlternatives(schemaAt(root, e.schemaPath));
      return [`must be ${d.en}`, `phải là ${d.vi}`];
    }
    default:
      return [e.message || 'is invalid', 'không hợp lệ'];
  }
}

/**
 * Every shape error of `value` against `schema`, as issues whose paths start with `base`
 * (e.g. 'procedures[3]'). Alternatives of a union are reported once, as "must be X or Y".
 */
export function shapeIssues(schema: TSchema, value: unknown, base = ''): Issue[] {
  const previous = Settings.Get().maxErrors;
  let raw: RawError[];
  try {
    Settings.Set({ maxErrors: MAX_ERRORS });
    raw = Value.Errors(schema, value) as unknown as RawError[];
  } finally {
    Settings.Set({ maxErrors: previous });
  }
  // A union whose value has the type of exactly one plain alternative (e.g. a string where
  // "string or null" is allowed) reports that alternative's own errors (pattern, length, …);
  // any other union is reported once, as "must be X or Y".
  const folded: string[] = [];
  const dropped = new Set<RawError>();
  for (const e of raw.filter((x) => x.keyword === 'anyOf')) {
    const alts: any[] = schemaAt(schema, e.schemaPath)?.anyOf ?? [];
    const t = jsonType(valueAt(value, e.instancePath));
    const plain = alts.map((a, k) => ({ a, k })).filter(({ a }) => !('const' in (a ?? {})) && !Array.isArray(a?.enum) && typeMatches(a?.type, t));
    if (plain.length === 1) {
      const keep = `${e.schemaPath}/anyOf/${plain[0].k}`;
      dropped.add(e);
      for (const x of raw) {
        if (x.schemaPath.startsWith(`${e.schemaPath}/anyOf/`) && !(x.schemaPath === keep || x.schemaPath.startsWith(`${keep}/`))) dropped.add(x);
      }
    } else folded.push(`${e.schemaPath}/anyOf/`);
  }
  const unions = folded;
  const issues: Issue[] = [];
  const seen = new Set<string>();
  const push = (path: string, code: string, en: string, vi: string) => {
    const key = `${path}|${en}`;
    if (seen.has(key)) return;
    seen.add(key);
    issues.push({ path: path || '(root)', code, message: en, messageVi: vi });
  };
  for (const e of raw) {
    if (e.keyword === 'boolean' || dropped.has(e)) continue; // the additionalProperties error names the property
    if (unions.some((u) => e.schemaPath.startsWith(u))) continue; // folded into the anyOf message
    const path = jsonPath(e.instancePath, base);
    if (e.keyword === 'required') {
      const props: string[] = e.params?.requiredProperties ?? (e.params?.missingProperty ? [e.params.missingProperty] : []);
      for (const prop of props) push(path ? `${path}.${prop}` : prop, 'required', 'is required but missing', 'là bắt buộc nhưng đang thiếu');
      continue;
    }
    if (e.keyword === 'additionalProperties') {
      const props: string[] = e.params?.additionalProperties ?? (e.params?.additionalProperty ? [e.params.additionalProperty] : []);
      for (const prop of props) push(path ? `${path}.${prop}` : prop, 'unknown_property', 'is not a known property', 'không phải là thuộc tính được phép');
      continue;
    }
    const [en, vi] = message(e, schema);
    push(path, e.keyword, en, vi);
  }
  return issues;
}

/**
 * Strings PostgreSQL cannot store (the NUL character), as issues with their JSON paths: checked
 * before writing so that such input is a 400, never a database error.
 */
export function unstorableIssues(value: unknown, base = ''): Issue[] {
  const out: Issue[] = [];
  const walk = (v: unknown, path: string, depth: number): void => {
    if (out.length >= 100 || depth > 64) return;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) {
        out.push({ path: path || '(root)', code: 'invalid_character', message: 'contains a NUL character', messageVi: 'chứa ký tự NUL không hợp lệ' });
      }
    } else if (Array.isArray(v)) {
      v.forEach((x, i) => walk(x, `${path}[${i}]`, depth + 1));
    } else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k.includes('\u0000')) out.push({ path: path || '(root)', code: 'invalid_character', message: 'has a property name with a NUL character', messageVi: 'có tên thuộc tính chứa ký tự NUL' });
        walk(x, path ? `${path}.${k}` : k, depth + 1);
      }
    }
  };
  walk(value, base, 0);
  return out;
}
