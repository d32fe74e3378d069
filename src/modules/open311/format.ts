/**
 * GeoReport v2 shapes (feedback.md §5): JSON as bare arrays (discovery and the service definition
 * are objects), XML with the specification's element names, errors exactly as the specification
 * says, all codes and ids as strings, datetimes with +07:00.
 */
import type { FastifyReply } from 'fastify';
import { formatLocal } from '../../core/calendar/index.js';
import { open311Status, redactPersonalData, truncateCoord, type FeedbackStatus } from '../../core/feedback/index.js';
import type { CategoryRow } from '../feedback/reference.js';
import { el, xmlDocument, type XmlNode } from './xml.js';

export type Format = 'xml' | 'json';

export interface Open311ErrorItem {
  code: number | string;
  description: string;
}

/** An Open311 error response: HTTP 404 (no such resource), 403 (api_key) or 400 (everything else). */
export class Open311Error extends Error {
  constructor(
    readonly statusCode: 400 | 403 | 404,
    readonly errors: Open311ErrorItem[],
  ) {
    super(errors.map((e) => e.description).join('; '));
  }
  static one(statusCode: 400 | 403 | 404, description: string, code: number | string = statusCode) {
    return new Open311Error(statusCode, [{ code, description }]);
  }
}

export function sendOpen311(reply: FastifyReply, format: Format, statusCode: number, json: unknown, xml: () => XmlNode) {
  if (format === 'json') {
    return reply.status(statusCode).header('content-type', 'application/json; charset=utf-8').send(JSON.stringify(json));
  }
  return reply.status(statusCode).header('content-type', 'text/xml; charset=utf-8').send(xmlDocument(xml()));
}

export function sendErrors(reply: FastifyReply, format: Format, err: Open311Error) {
  return sendOpen311(reply, format, err.statusCode, err.errors, () =>
    el(
      'errors',
      err.errors.map((e) => el('error', [['code', String(e.code)], ['description', e.description]])),
    ),
  );
}

/** `services.xml` → { name: 'services', format: 'xml' }; null for an unknown format. */
export function splitFile(file: string): { name: string; format: Format } | null {
  const m = /^(.+)\.(xml|json)$/.exec(file);
  return m ? { name: m[1], format: m[2] as Format } : null;
}

/** The format a path asks for (errors of unmatched paths use it too); XML by default. */
export function formatOfUrl(url: string): Format {
  const path = url.split('?')[0];
  return path.endsWith('.json') ? 'json' : 'xml';
}

// ---------------------------------------------------------------- services

export function serviceJson(c: CategoryRow) {
  return {
    service_code: c.code,
    service_name: c.name,
    description: c.description,
    metadata: c.attributes.length > 0,
    type: c.open311Type,
    keywords: c.keywords,
    group: c.fieldName,
  };
}

export function servicesXml(list: CategoryRow[]): XmlNode {
  return el(
    'services',
    list.map((c) => {
      const s = serviceJson(c);
      return el('service', [
        ['service_code', s.service_code],
        ['service_name', s.service_name],
        ['description', s.description],
        ['metadata', s.metadata],
        ['type', s.type],
        ['keywords', s.keywords],
        ['group', s.group],
      ]);
    }),
  );
}

export function definitionJson(c: CategoryRow) {
  return {
    service_code: c.code,
    attributes: [...c.attributes]
      .sort((a, b) => a.order - b.order)
      .map((a) => ({
        variable: a.variable,
        code: a.code,
        datatype: a.datatype,
        required: a.required,
        datatype_description: a.datatypeDescription ?? null,
        order: a.order,
        description: a.description,
        ...(a.values && a.values.length ? { values: a.values.map((v) => ({ key: String(v.key), name: v.name })) } : {}),
      })),
  };
}

export function definitionXml(c: CategoryRow): XmlNode {
  const d = definitionJson(c);
  return el('service_definition', [
    ['service_code', d.service_code],
    [
      'attributes',
      d.attributes.map((a) =>
        el('attribute', [
          ['variable', a.variable],
          ['code', a.code],
          ['datatype', a.datatype],
          ['required', a.required],
          ['datatype_description', a.datatype_description ?? ''],
          ['order', a.order],
          ['description', a.description],
          ...((a as any).values ? ([['values', (a as any).values.map((v: any) => el('value', [['key', v.key], ['name', v.name]]))]] as [string, any][]) : []),
        ]),
      ),
    ],
  ]);
}

// ---------------------------------------------------------------- requests

const iso = (d: Date | null | undefined) => (d ? formatLocal(d) : null);

/** status_notes: the published answer's summary, or why the item was closed. */
function statusNotes(row: any): string | null {
  const s = row.status as FeedbackStatus;
  if (row.published_at && row.answer_summary && ['published', 'closed', 'reopened'].includes(s)) return redactPersonalData(row.answer_summary, [row.contact_name]);
  if (s === 'refused') return 'Phản ánh không đủ điều kiện tiếp nhận';
  if (s === 'merged') return row.merged_into_code ? `Trùng với phản ánh ${row.merged_into_code}` : 'Trùng với phản ánh đã có';
  if (s === 'forwarded') return row.forwarded_to ? `Đã chuyển ${row.forwarded_to} giải quyết` : null;
  return null;
}

function closedAt(row: any): Date | null {
  const s = row.status as FeedbackStatus;
  if (s === 'closed') return row.closed_at;
  if (s === 'published') return row.published_at;
  if (s === 'refused') return row.refused_at;
  return null;
}

/** One request as GeoReport v2 JSON (personal data never included; coordinates truncated). */
export function requestJson(row: any, mediaUrl: string | null) {
  const status = open311Status(row.status)!;
  const description = String(row.public_description ?? '');
  const address = [row.address ? redactPersonalData(row.address, [row.contact_name]) : null, row.commune_short_name ?? row.commune_name ?? null, row.province_name ?? null]
    .filter(Boolean)
    .join(', ');
  const expected = row.status === 'reopened' && row.reopen_answer_due_at ? row.reopen_answer_due_at : row.first_answered_at ? null : row.answer_due_at;
  return {
    service_request_id: row.code as string,
    status,
    status_notes: statusNotes(row),
    service_name: row.category_name as string,
    service_code: row.category_code as string,
    description: description.length > 4000 ? description.slice(0, 3999) + '…' : description,
    agency_responsible: row.competent_unit_name as string,
    service_notice: null,
    requested_datetime: iso(row.received_at)!,
    updated_datetime: iso(status === 'closed' ? (closedAt(row) ?? row.last_public_at ?? row.updated_at) : (row.last_public_at ?? row.received_at)),
    expected_datetime: status === 'open' ? iso(expected) : null,
    address: address || null,
    address_id: row.address_id ?? null,
    zipcode: null,
    lat: row.lat === null || row.lat === undefined ? null : truncateCoord(Number(row.lat)),
    long: row.lng === null || row.lng === undefined ? null : truncateCoord(Number(row.lng)),
    media_url: mediaUrl,
  };
}

const REQUEST_FIELDS = [
  'service_request_id',
  'status',
  'status_notes',
  'service_name',
  'service_code',
  'description',
  'agency_responsible',
  'service_notice',
  'requested_datetime',
  'updated_datetime',
  'expected_datetime',
  'address',
  'address_id',
  'zipcode',
  'lat',
  'long',
  'media_url',
] as const;

export function requestsXml(list: ReturnType<typeof requestJson>[]): XmlNode {
  return el(
    'service_requests',
    list.map((r) => el('request', REQUEST_FIELDS.map((f) => [f, (r as any)[f]] as [string, any]))),
  );
}
