import { Type, type Static, type TSchema } from 'typebox';

/**
 * `T | null` as one JSON-schema type list (`type: ['number', 'null']`). The usual
 * `anyOf: [T, null]` is wrong under Ajv's type coercion, which the server needs for query strings:
 * the first branch coerces null to 0 (numbers) or '' (strings) and succeeds, so a cleared field
 * would be saved as 0. Schemas without a single `type` (enums, unions) keep the anyOf form, which
 * does not coerce.
 */
export function Nullable<T extends TSchema>(schema: T) {
  const type = (schema as { type?: unknown }).type;
  if (typeof type !== 'string') return Type.Union([schema, Type.Null()]);
  const out: Record<string, unknown> = { ...(schema as object), type: [type, 'null'] };
  if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
  return Type.Unsafe<Static<T> | null>(out);
}
