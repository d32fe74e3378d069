/**
 * Open311 GeoReport v2 (feedback.md §5) at /open311/v2/: discovery, services, service
 * definitions, requests (GET list and one, POST with api_key), tokens, and mySociety's
 * servicerequestupdates (GET window, POST). XML (text/xml) and JSON (bare arrays); errors as the
 * specification says (404 no such resource, 403 api_key, 400 everything else).
 */
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../http/errors.js';
import { formatLocal, parseInstant } from '../../core/calendar/index.js';
import { parseExtendedStatus, redactPersonalData, type AttributeValues } from '../../core/feedback/index.js';
import { categoriesChangedAt, categoryByCode, listCategories } from '../feedback/reference.js';
import { clientForKey, type Open311Client } from '../feedback/clients.js';
import { publicRequest, publicRequests, publicUpdates, recordClientUpdate, resolveToken, submitForClient } from '../feedback/public-api.js';
import type { Actor } from '../feedback/policy.js';
import {
  Open311Error,
  definitionJson,
  definitionXml,
  formatOfUrl,
  requestJson,
  requestsXml,
  sendErrors,
  sendOpen311,
  serviceJson,
  servicesXml,
  splitFile,
  type Format,
  type Open311ErrorItem,
} from './format.js';
import { el, escapeXml } from './xml.js';

export const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';
const MAX_SPAN_MS = 90 * 86_400_000;
const DEFAULT_PAGE_SIZE = 1000;

type Params = Record<string, string[]>;

function isHttpUrl(u: string): boolean {
  try {
    const url = new URL(u);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** application/x-www-form-urlencoded → every value of every key (repeated keys kept). */
export function parseForm(body: string): Params {
  const out: Params = {};
  for (const [k, v] of new URLSearchParams(body)) (out[k] ??= []).push(v);
  return out;
}

function queryParams(request: FastifyRequest): Params {
  const out: Params = {};
  const q = request.query as Record<string, string | string[] | undefined>;
  for (const [k, v] of Object.entries(q ?? {})) {
    if (v === undefined) continue;
    out[k] = Array.isArray(v) ? v.map(String) : [String(v)];
  }
  return out;
}

/** An optional argument: an empty value counts as absent (§5.1). */
function opt(p: Params, key: string): string | null {
  const v = p[key]?.find((x) => x.trim() !== '');
  return v === undefined ? null : v.trim();
}

function bad(description: string, code: number | string = 400): Open311Error {
  return Open311Error.one(400, description, code);
}

function parseDate(p: Params, key: string): Date | null {
  const v = opt(p, key);
  if (v === null) return null;
  const d = parseInstant(v);
  if (!d) throw bad(`${key} must be a W3C date-time, e.g. 2026-11-09T10:00:00+07:00`);
  return d;
}

function paging(p: Params): { limit: number; offset: number } {
  const page = opt(p, 'page');
  const size = opt(p, 'page_size');
  const pageN = page === null ? 1 : Number(page);
  const sizeN = size === null ? DEFAULT_PAGE_SIZE : Number(size);
  const errors: Open311ErrorItem[] = [];
  if (!Number.isInteger(pageN) || pageN < 1) errors.push({ code: 400, description: 'page must be a positive integer' });
  if (!Number.isInteger(sizeN) || sizeN < 1 || sizeN > 1000) errors.push({ code: 400, description: 'page_size must be an integer from 1 to 1000' });
  if (errors.length) throw new Open311Error(400, errors);
  return { limit: sizeN, offset: (pageN - 1) * sizeN };
}

/** The window [start, end]: at most 90 days; defaults as the specification says. */
function window(p: Params, now: Date, defaultMs: number, bothOrNeither: boolean): { from: Date; to: Date } {
  const start = parseDate(p, 'start_date');
  const end = parseDate(p, 'end_date');
  if (bothOrNeither && (start === null) !== (end === null)) throw bad('start_date and end_date must be given together');
  let from: Date;
  let to: Date;
  if (start && end) {
    from = start;
    to = end;
  } else if (start) {
    from = start;
    to = new Date(start.getTime() + MAX_SPAN_MS);
  } else if (end) {
    to = end;
    from = new Date(end.getTime() - MAX_SPAN_MS);
  } else {
    to = now;
    from = new Date(now.getTime() - defaultMs);
  }
  if (to < from) throw bad('end_date must not be before start_date');
  if (to.getTime() - from.getTime() > MAX_SPAN_MS) throw bad('The span between start_date and end_date may not exceed 90 days');
  return { from, to };
}

const open311: FastifyPluginAsync = async (app: FastifyInstance) => {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 256 * 1024 }, (_req, body, done) => {
    try {
      done(null, parseForm(String(body)));
    } catch (err) {
      done(err as Error, undefined);
    }
  });

  // Every error of this API in the specification's shape.
  app.setErrorHandler((err: any, request, reply) => {
    const format = formatOfUrl(request.url);
    if (err instanceof Open311Error) return sendErrors(reply, format, err);
    if (err instanceof AppError) {
      const status = err.statusCode === 404 ? 404 : err.statusCode === 403 ? 403 : 400;
      const items: Open311ErrorItem[] = err.fields.length
        ? err.fields.map((f) => ({ code: status, description: `${f.field}: ${f.message}` }))
        : [{ code: err.statusCode === 409 ? err.code : status, description: err.message }];
      return sendErrors(reply, format, new Open311Error(status, items));
    }
    if (err.statusCode === 429) return sendErrors(reply, format, Open311Error.one(400, 'Too many requests; try again later', 429));
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return sendErrors(reply, format, bad('POST bodies must be application/x-www-form-urlencoded'));
    if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) return sendErrors(reply, format, bad(err.message));
    request.log.error(err);
    return sendErrors(reply, format, bad('The service is temporarily unavailable', 'internal'));
  });
  app.setNotFoundHandler((request, reply) => sendErrors(reply, formatOfUrl(request.url), Open311Error.one(404, 'No such resource')));

  let portalDomain: string | null = null;
  async function jurisdiction(p: Params): Promise<void> {
    const j = opt(p, 'jurisdiction_id');
    if (j === null) return;
    if (portalDomain === null) {
      const r = await app.db.query('select portal_domain from tenants where id=$1', [app.config.tenantId]);
      portalDomain = (r.rows[0]?.portal_domain as string | null) ?? '';
    }
    if (j.toLowerCase() !== portalDomain.toLowerCase()) throw Open311Error.one(404, `jurisdiction_id ${j} not found`);
  }

  async function requireClient(p: Params): Promise<Open311Client> {
    const key = opt(p, 'api_key');
    if (!key) throw Open311Error.one(403, 'api_key is required');
    const client = await clientForKey(app.db, key);
    if (!client || client.tenantId !== app.config.tenantId) throw Open311Error.one(403, 'api_key is invalid or revoked');
    const j = opt(p, 'jurisdiction_id');
    if (j && client.jurisdictions.length && !client.jurisdictions.includes(j)) throw Open311Error.one(403, `api_key is not valid for jurisdiction ${j}`);
    return client;
  }

  const baseUrl = (request: FastifyRequest) => `${request.protocol}://${request.host}${app.prefix}`;
  const publicApiBase = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

  /** POST bodies are form-encoded (§5.1); anything else is a 400. */
  const formBody = (request: FastifyRequest): Params => {
    const ct = String(request.headers['content-type'] ?? '').toLowerCase();
    if (!ct.startsWith('application/x-www-form-urlencoded')) throw bad('POST bodies must be application/x-www-form-urlencoded; charset=utf-8');
    return (request.body ?? {}) as Params;
  };

  const file = (request: FastifyRequest): { name: string; format: Format } => {
    const f = splitFile((request.params as { file: string }).file);
    if (!f) throw Open311Error.one(404, 'No such resource: use .xml or .json');
    return f;
  };

  // ---------------------------------------------------------------- handlers
  async function discovery(request: FastifyRequest, reply: FastifyReply, format: Format) {
    await jurisdiction(queryParams(request));
    const changed = (await categoriesChangedAt(app.db, app.config.tenantId)) ?? new Date(0);
    const changeset = formatLocal(changed).slice(0, 16).replace('T', ' ');
    const d = {
      changeset,
      contact: 'Văn phòng UBND tỉnh Thái Nguyên – bộ phận tiếp nhận phản ánh, kiến nghị; e-mail: open311@thainguyen.gov.vn',
      key_service: 'Khóa API do quản trị hệ thống cấp (POST /api/v1/open311-clients); liên hệ open311@thainguyen.gov.vn',
      endpoints: [{ specification: SPECIFICATION, url: baseUrl(request), changeset, type: 'production', formats: ['text/xml', 'application/json'] }],
    };
    return sendOpen311(reply, format, 200, d, () =>
      el('discovery', [
        ['changeset', d.changeset],
        ['contact', d.contact],
        ['key_service', d.key_service],
        [
          'endpoints',
          d.endpoints.map((e) =>
            el('endpoint', [
              ['specification', e.specification],
              ['url', e.url],
              ['changeset', e.changeset],
              ['type', e.type],
              ['formats', e.formats.map((f) => el('format', f))],
            ]),
          ),
        ],
      ]),
    );
  }

  async function services(request: FastifyRequest, reply: FastifyReply, format: Format) {
    await jurisdiction(queryParams(request));
    const list = await listCategories(app.db, app.config.tenantId);
    return sendOpen311(reply, format, 200, list.map(serviceJson), () => servicesXml(list));
  }

  async function listRequests(request: FastifyRequest, reply: FastifyReply, format: Format) {
    const p = queryParams(request);
    await jurisdiction(p);
    const { limit, offset } = paging(p);
    const ids = opt(p, 'service_request_id');
    let rows: any[];
    if (ids) {
      rows = await publicRequests(app.db, {
        tenantId: app.config.tenantId,
        ids: ids.split(',').map((s) => s.trim()).filter(Boolean),
        serviceCodes: null,
        from: new Date(0),
        to: new Date(),
        statuses: null,
        limit,
        offset,
      });
    } else {
      const { from, to } = window(p, new Date(), MAX_SPAN_MS, false);
      const statusArg = opt(p, 'status');
      let statuses: ('open' | 'closed')[] | null = null;
      if (statusArg) {
        const list = statusArg.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
        const wrong = list.filter((s) => s !== 'open' && s !== 'closed');
        if (wrong.length) throw bad(`status must be open, closed or a comma list of them (got ${wrong.join(', ')})`);
        statuses = list as ('open' | 'closed')[];
      }
      const codes = opt(p, 'service_code');
      rows = await publicRequests(app.db, {
        tenantId: app.config.tenantId,
        ids: null,
        serviceCodes: codes ? codes.split(',').map((s) => s.trim()).filter(Boolean) : null,
        from,
        to,
        statuses,
        limit,
        offset,
      });
    }
    const list = rows.map((r) => requestJson(r, r.public_media_id ? `${publicApiBase(request)}/api/v1/public/feedback/media/${r.public_media_id}` : null));
    return sendOpen311(reply, format, 200, list, () => requestsXml(list));
  }

  async function createRequest(request: FastifyRequest, reply: FastifyReply, format: Format) {
    const p = formBody(request);
    await jurisdiction(p);
    const client = await requireClient(p);
    const code = opt(p, 'service_code');
    if (!code) throw bad('service_code is required');
    const category = await categoryByCode(app.db, app.config.tenantId, code);
    if (!category || !category.active) throw Open311Error.one(404, `service_code ${code} not found`);
    if (client.serviceCodes.length && !client.serviceCodes.includes(code)) throw Open311Error.one(403, `api_key is not valid for service ${code}`);
    const errors: Open311ErrorItem[] = [];
    const latS = opt(p, 'lat');
    const longS = opt(p, 'long');
    const address = opt(p, 'address_string');
    const addressId = opt(p, 'address_id');
    let lat: number | null = null;
    let lng: number | null = null;
    if ((latS === null) !== (longS === null)) errors.push({ code: 400, description: 'lat and long must be given together' });
    if (latS !== null && longS !== null) {
      lat = Number(latS);
      lng = Number(longS);
      if (!Number.isFinite(lat) || lat < -90 || lat > 90) errors.push({ code: 400, description: 'lat must be a WGS84 latitude' });
      if (!Number.isFinite(lng) || lng < -180 || lng > 180) errors.push({ code: 400, description: 'long must be a WGS84 longitude' });
    }
    if (latS === null && longS === null && !address && !addressId) errors.push({ code: 400, description: 'A location is required: lat and long, address_string or address_id' });
    const description = opt(p, 'description');
    if (!description) errors.push({ code: 400, description: 'description is required' });
    else if (description.length > 4000) errors.push({ code: 400, description: 'description must be at most 4000 characters' });
    const mediaUrls = (p.media_url ?? []).map((u) => u.trim()).filter(Boolean);
    for (const u of mediaUrls) {
      if (!isHttpUrl(u)) errors.push({ code: 400, description: `media_url ${u.slice(0, 100)} is not an http(s) URL` });
    }
    if (mediaUrls.length > 10) errors.push({ code: 400, description: 'at most 10 media_url values' });
    const attributes: AttributeValues = {};
    for (const [k, values] of Object.entries(p)) {
      const m = /^attribute\[([^\]]+)\](\[\])?$/.exec(k);
      if (!m) continue;
      const vals = values.filter((v) => v.trim() !== '');
      if (!vals.length) continue;
      attributes[m[1]] = m[2] || vals.length > 1 ? vals : vals[0];
    }
    if (errors.length) throw new Open311Error(400, errors);
    const first = opt(p, 'first_name');
    const last = opt(p, 'last_name');
    const name = [last, first].filter((x) => x && x !== '-').join(' ').trim() || null;
    const email = opt(p, 'email');
    const phone = opt(p, 'phone');
    const actor: Actor = { tenantId: app.config.tenantId, user: null, clientId: client.id, ip: request.ip };
    const { submitted, token } = await submitForClient(
      app.db,
      actor,
      {
        categoryCode: code,
        description: description!,
        lat,
        lng,
        address,
        addressId,
        anonymous: !name && !email && !phone,
        contactName: name,
        contactEmail: email,
        contactPhone: phone,
        channel: 'app',
        attributes,
        externalMediaUrls: mediaUrls,
        open311: { clientId: client.id, accountId: opt(p, 'account_id'), deviceId: opt(p, 'device_id') },
      },
      category.open311Type === 'batch',
      new Date(),
    );
    const notice = `Đã tiếp nhận phản ánh ${submitted.code}; hạn trả lời ${formatLocal(submitted.answerDueAt)}`;
    const accountId = opt(p, 'account_id');
    const item = token
      ? { token, service_notice: notice, account_id: accountId }
      : { service_request_id: submitted.code, service_notice: notice, account_id: accountId };
    return sendOpen311(reply, format, 200, [item], () =>
      el('service_requests', [
        el('request', [
          ...(token ? ([['token', token]] as [string, string][]) : ([['service_request_id', submitted.code]] as [string, string][])),
          ['service_notice', notice],
          ['account_id', accountId],
        ]),
      ]),
    );
  }

  async function listUpdates(request: FastifyRequest, reply: FastifyReply, format: Format) {
    const p = queryParams(request);
    await jurisdiction(p);
    if (opt(p, 'api_key')) await requireClient(p);
    const { from, to } = window(p, new Date(), 24 * 3600_000, true);
    const { limit, offset } = paging(p);
    const rows = await publicUpdates(app.db, app.config.tenantId, from, to, limit, offset);
    const list = rows.map((e: any) => ({
      update_id: String(e.id),
      service_request_id: e.code as string,
      status: (e.extended_status ?? 'open') as string,
      updated_datetime: formatLocal(e.at),
      description: e.public_note ? redactPersonalData(e.public_note, [e.contact_name]) : '',
      media_url: '',
      external_status_code: e.action as string,
    }));
    return sendOpen311(reply, format, 200, list, () =>
      el(
        'service_request_updates',
        list.map((u) =>
          el('request_update', [
            ['update_id', u.update_id],
            ['service_request_id', u.service_request_id],
            ['status', u.status],
            ['updated_datetime', u.updated_datetime],
            ['description', u.description],
            ['media_url', u.media_url],
            ['external_status_code', u.external_status_code],
          ]),
        ),
      ),
    );
  }

  async function postUpdate(request: FastifyRequest, reply: FastifyReply, format: Format) {
    const p = formBody(request);
    await jurisdiction(p);
    const client = await requireClient(p);
    const errors: Open311ErrorItem[] = [];
    for (const k of ['service_request_id', 'update_id', 'status', 'updated_datetime', 'description']) {
      if (!opt(p, k)) errors.push({ code: 400, description: `${k} is required` });
    }
    const statusS = opt(p, 'status');
    const status = statusS ? parseExtendedStatus(statusS) : null;
    if (statusS && !status) errors.push({ code: 400, description: `status ${statusS} is not a known status` });
    const when = opt(p, 'updated_datetime') ? parseInstant(opt(p, 'updated_datetime')!) : null;
    if (opt(p, 'updated_datetime') && !when) errors.push({ code: 400, description: 'updated_datetime must be a W3C date-time' });
    const description = opt(p, 'description');
    if (description && description.length > 4000) errors.push({ code: 400, description: 'description must be at most 4000 characters' });
    const clientUpdateId = opt(p, 'update_id');
    if (clientUpdateId && clientUpdateId.length > 100) errors.push({ code: 400, description: 'update_id must be at most 100 characters' });
    if (errors.length) throw new Open311Error(400, errors);
    const actor: Actor = { tenantId: app.config.tenantId, user: null, clientId: client.id, ip: request.ip };
    const r = await recordClientUpdate(
      app.db,
      actor,
      { code: opt(p, 'service_request_id')!, clientUpdateId: clientUpdateId!, status: status!, description: description!, updatedAt: when! },
      new Date(),
    );
    return sendOpen311(reply, format, 200, [{ update_id: r.updateId }], () =>
      el('service_request_updates', [el('request_update', [['update_id', r.updateId]])]),
    );
  }

  // ---------------------------------------------------------------- routes
  app.get('/', { schema: { hide: true } }, async (request, reply) => {
    const base = baseUrl(request);
    const links = ['discovery', 'services', 'requests', 'servicerequestupdates']
      .map((n) => `<li><a href="${escapeXml(`${base}/${n}.xml`)}">${n}.xml</a> · <a href="${escapeXml(`${base}/${n}.json`)}">${n}.json</a></li>`)
      .join('');
    return reply
      .header('content-type', 'text/html; charset=utf-8')
      .send(
        `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Open311 GeoReport v2 – motcua</title></head><body><h1>Open311 GeoReport v2</h1><p>Giao diện lập trình tiếp nhận phản ánh theo <a href="${SPECIFICATION}">GeoReport v2</a>. Gửi phản ánh (POST requests) cần khóa API do quản trị hệ thống cấp.</p><ul>${links}</ul></body></html>`,
      );
  });

  app.get('/:file', { schema: { hide: true } }, async (request, reply) => {
    const f = file(request);
    switch (f.name) {
      case 'discovery':
        return discovery(request, reply, f.format);
      case 'services':
        return services(request, reply, f.format);
      case 'requests':
        return listRequests(request, reply, f.format);
      case 'servicerequestupdates':
        return listUpdates(request, reply, f.format);
      default:
        throw Open311Error.one(404, 'No such resource');
    }
  });

  app.post('/:file', { schema: { hide: true }, config: { rateLimit: { max: 120, timeWindow: '1 minute' } } }, async (request, reply) => {
    const f = file(request);
    switch (f.name) {
      case 'requests':
        return createRequest(request, reply, f.format);
      case 'servicerequestupdates':
        return postUpdate(request, reply, f.format);
      default:
        throw Open311Error.one(404, 'No such resource');
    }
  });

  app.get('/services/:file', { schema: { hide: true } }, async (request, reply) => {
    const f = file(request);
    await jurisdiction(queryParams(request));
    const c = await categoryByCode(app.db, app.config.tenantId, f.name);
    if (!c || !c.active) throw Open311Error.one(404, `service_code ${f.name} not found`);
    return sendOpen311(reply, f.format, 200, definitionJson(c), () => definitionXml(c));
  });

  app.get('/requests/:file', { schema: { hide: true } }, async (request, reply) => {
    const f = file(request);
    await jurisdiction(queryParams(request));
    const row = await publicRequest(app.db, app.config.tenantId, f.name);
    if (!row) throw Open311Error.one(404, `service_request_id ${f.name} not found`);
    const list = [requestJson(row, row.public_media_id ? `${publicApiBase(request)}/api/v1/public/feedback/media/${row.public_media_id}` : null)];
    return sendOpen311(reply, f.format, 200, list, () => requestsXml(list));
  });

  app.get('/tokens/:file', { schema: { hide: true } }, async (request, reply) => {
    const f = file(request);
    await jurisdiction(queryParams(request));
    const t = await resolveToken(app.db, app.config.tenantId, f.name);
    if (!t) throw Open311Error.one(404, `token ${f.name} not found`);
    const item = { service_request_id: t.code, token: t.token };
    return sendOpen311(reply, f.format, 200, [item], () =>
      el('service_requests', [el('request', [['service_request_id', t.code], ['token', t.token]])]),
    );
  });
};

export default open311;
