/**
 * Public feedback: the list and map of published answers (personal data removed), nearby reports
 * before submitting, votes, public photos, and tracking by reference + secret for anonymous senders.
 */
import crypto from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { badRequest, fieldError, notFound } from '../../http/errors.js';
import { distanceM, redactPersonalData, truncateCoord, type FeedbackAction } from '../../core/feedback/index.js';
import { formatLocal } from '../../core/calendar/index.js';
import { ITEM_SELECT, PUBLIC_VISIBLE, PUBLISHED_ONLY } from './queries.js';
import { itemForSecret, performAction, vote } from './service.js';
import { readStored } from './storage.js';
import { publicView } from './views.js';
import { ACTION_SCHEMAS, actorOf, loadDetail } from './routes-items.js';
import { Code, Page, PageSize, Uuid, versionOf } from './http.js';
import { categoryByCode } from './reference.js';

const ListQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100 })),
  category: Type.Optional(Type.String({ maxLength: 40 })),
  field: Type.Optional(Type.String({ maxLength: 40 })),
  commune: Type.Optional(Type.String({ maxLength: 40 })),
  unit: Type.Optional(Uuid),
  page: Page,
  pageSize: PageSize,
});

async function mediaOf(app: FastifyInstance, ids: string[]): Promise<Map<string, any[]>> {
  const m = new Map<string, any[]>();
  if (!ids.length) return m;
  const rows = (await app.db.query('select * from feedback_media where feedback_id = any($1::uuid[]) order by uploaded_at, id', [ids])).rows;
  for (const r of rows) m.set(r.feedback_id, [...(m.get(r.feedback_id) ?? []), r]);
  return m;
}

function listFilter(q: any, tenantId: string) {
  const where = `f.tenant_id=$1 and ${PUBLISHED_ONLY}
      and ($2::text is null or f.search_text like '%' || vn_fold($2) || '%')
      and ($3::text is null or c.code = $3)
      and ($4::text is null or c.field_code = $4)
      and ($5::text is null or co.code = $5)
      and ($6::uuid is null or f.competent_unit_id = $6)`;
  return { where, params: [tenantId, q.q ?? null, q.category ?? null, q.field ?? null, q.commune ?? null, q.unit ?? null] };
}

export async function publicRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    '/public/feedback',
    { schema: { tags: ['public'], summary: 'Published feedback and answers (names masked; no contact details)', security: [], querystring: ListQuery } },
    async (request) => {
      const q = request.query as any;
      const page = q.page ?? 1;
      const pageSize = q.pageSize ?? 20;
      const { where, params } = listFilter(q, app.config.tenantId);
      const total = (await app.db.query(`select count(*)::int n from (${ITEM_SELECT} where ${where}) x`, params)).rows[0].n;
      const rows = (await app.db.query(`${ITEM_SELECT} where ${where} order by f.published_at desc, f.id limit ${pageSize} offset ${(page - 1) * pageSize}`, params)).rows;
      const media = await mediaOf(app, rows.map((r: any) => r.id));
      return { total, page, pageSize, items: rows.map((r: any) => publicView(r, media.get(r.id) ?? [])) };
    },
  );

  app.get(
    '/public/feedback/map',
    {
      schema: {
        tags: ['public'],
        summary: 'Published feedback with a location as GeoJSON (coordinates truncated to 4 decimals)',
        security: [],
        querystring: Type.Object({ category: Type.Optional(Type.String({ maxLength: 40 })), field: Type.Optional(Type.String({ maxLength: 40 })), commune: Type.Optional(Type.String({ maxLength: 40 })) }),
      },
    },
    async (request, reply) => {
      const { where, params } = listFilter(request.query, app.config.tenantId);
      const rows = (await app.db.query(`${ITEM_SELECT} where ${where} and f.lat is not null and f.lng is not null order by f.published_at desc limit 5000`, params)).rows;
      const features = rows.map((r: any) => {
        const v = publicView(r);
        return {
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [truncateCoord(Number(r.lng)), truncateCoord(Number(r.lat))] },
          properties: { code: v.code, title: v.title, status: v.status, statusLabel: v.statusLabel.vi, category: v.category.name, field: v.category.fieldName, unit: v.unit, publishedAt: v.publishedAt, likes: v.votes.likes, dislikes: v.votes.dislikes },
        };
      });
      return reply.header('content-type', 'application/geo+json; charset=utf-8').send({ type: 'FeatureCollection', features });
    },
  );

  app.get(
    '/public/feedback/nearby',
    {
      schema: {
        tags: ['public'],
        summary: 'Published reports near a point (within the category’s duplicate radius), to avoid duplicates',
        security: [],
        querystring: Type.Object({
          lat: Type.Number({ minimum: -90, maximum: 90 }),
          long: Type.Number({ minimum: -180, maximum: 180 }),
          category: Type.Optional(Type.String({ maxLength: 40 })),
          radius: Type.Optional(Type.Integer({ minimum: 10, maximum: 5000 })),
        }),
      },
    },
    async (request) => {
      const q = request.query as { lat: number; long: number; category?: string; radius?: number };
      let radius = q.radius ?? 500;
      if (q.category && !q.radius) {
        const c = await categoryByCode(app.db, app.config.tenantId, q.category);
        if (!c) throw badRequest([fieldError('category', `unknown category ${q.category}`, `không có lĩnh vực mã ${q.category}`)]);
        radius = c.duplicateRadiusM;
      }
      // A bounding box first (1° of latitude ≈ 111 km), then the exact distance.
      const dLat = radius / 111_000;
      const dLng = radius / (111_000 * Math.cos((q.lat * Math.PI) / 180));
      const rows = (
        await app.db.query(
          `${ITEM_SELECT} where f.tenant_id=$1 and ${PUBLISHED_ONLY} and f.lat between $2 and $3 and f.lng between $4 and $5
             and ($6::text is null or c.code = $6) order by f.published_at desc limit 500`,
          [app.config.tenantId, q.lat - dLat, q.lat + dLat, q.long - dLng, q.long + dLng, q.category ?? null],
        )
      ).rows;
      const items = rows
        .map((r: any) => ({ r, d: distanceM(q.lat, q.long, Number(r.lat), Number(r.lng)) }))
        .filter((x) => x.d <= radius)
        .sort((a, b) => a.d - b.d)
        .slice(0, 50)
        .map((x) => ({ ...publicView(x.r), distanceM: Math.round(x.d) }));
      return { radiusM: radius, items };
    },
  );

  app.get(
    '/public/feedback/track',
    {
      schema: {
        tags: ['public'],
        summary: 'Follow your own feedback with its reference and tracking secret (no account needed)',
        security: [],
        querystring: Type.Object({ code: Code, secret: Type.String({ minLength: 10, maxLength: 100 }) }),
      },
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
    },
    async (request) => {
      const { code, secret } = request.query as { code: string; secret: string };
      const id = await itemForSecret(app.db, app.config.tenantId, code, secret);
      if (!id) throw notFound('Feedback', 'Phản ánh');
      return loadDetail(app, actorOf(request, { trackedItemId: id }), id, new Date());
    },
  );

  // The sender's own actions without an account (reference + secret).
  for (const action of ['supplement', 'rate', 'reopen', 'comment'] as FeedbackAction[]) {
    const spec = ACTION_SCHEMAS[action];
    app.post(
      `/public/feedback/:code/${spec.path}`,
      {
        schema: {
          tags: ['public'],
          summary: `${spec.summary} — as the sender, with the tracking secret`,
          security: [],
          params: Type.Object({ code: Code }),
          body: Type.Object({ secret: Type.String({ minLength: 10, maxLength: 100 }), version: Type.Optional(Type.Integer({ minimum: 1 })), ...spec.body }, { additionalProperties: false }),
        },
        config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
      },
      async (request) => {
        const { code } = request.params as { code: string };
        const { secret, ...body } = request.body as any;
        const id = await itemForSecret(app.db, app.config.tenantId, code, secret);
        if (!id) throw notFound('Feedback', 'Phản ánh');
        const now = new Date();
        const actor = actorOf(request, { trackedItemId: id });
        await performAction(app.db, actor, id, action, { ...body, version: versionOf(request, body) }, now);
        return loadDetail(app, actor, id, now);
      },
    );
  }

  app.post(
    '/public/feedback/:code/vote',
    {
      schema: {
        tags: ['public'],
        summary: 'Like or dislike a published answer: one vote per user (signed in) or device (deviceId)',
        security: [],
        params: Type.Object({ code: Code }),
        body: Type.Object(
          { vote: Type.Union([Type.Literal('like'), Type.Literal('dislike')]), deviceId: Type.Optional(Type.String({ minLength: 16, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$' })) },
          { additionalProperties: false },
        ),
      },
      config: { rateLimit: { max: 30, timeWindow: '10 minutes' } },
    },
    async (request: FastifyRequest) => {
      const { code } = request.params as { code: string };
      const b = request.body as { vote: 'like' | 'dislike'; deviceId?: string };
      let key: string;
      if (request.user) key = `user:${request.user.id}`;
      else if (b.deviceId) key = `device:${crypto.createHash('sha256').update(b.deviceId).digest('hex')}`;
      else throw badRequest([fieldError('deviceId', 'deviceId is required when not signed in', 'cần deviceId khi chưa đăng nhập')]);
      const r = await vote(app.db, app.config.tenantId, code, key, b.vote, new Date(), PUBLISHED_ONLY);
      return { code, ...r, dissatisfied: r.dislikes > r.likes };
    },
  );

  app.get(
    '/public/feedback/media/:id',
    { schema: { tags: ['public'], summary: 'A public photo (metadata removed)', security: [], params: Type.Object({ id: Uuid }) } },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const m = (
        await app.db.query(
          `select m.* from feedback_media m join feedback f on f.id = m.feedback_id
            where m.id=$1 and f.tenant_id=$2 and not m.hidden and m.public_path is not null and ${PUBLIC_VISIBLE}`,
          [id, app.config.tenantId],
        )
      ).rows[0];
      if (!m) throw notFound('Photo', 'Ảnh');
      const data = readStored(app.config.filesDir, m.public_path);
      if (!data) throw notFound('Photo', 'Ảnh');
      return reply.header('content-type', m.mime).header('cache-control', 'public, max-age=3600').send(data);
    },
  );

  app.get(
    '/public/feedback/:code',
    { schema: { tags: ['public'], summary: 'One published item', security: [], params: Type.Object({ code: Code }) } },
    async (request) => {
      const { code } = request.params as { code: string };
      const row = (await app.db.query(`${ITEM_SELECT} where f.tenant_id=$1 and f.code=$2 and ${PUBLISHED_ONLY}`, [app.config.tenantId, code])).rows[0];
      if (!row) throw notFound('Feedback', 'Phản ánh');
      const media = await mediaOf(app, [row.id]);
      const timeline = (
        await app.db.query(`select at, public_note, extended_status from feedback_events where feedback_id=$1 and is_public order by id`, [row.id])
      ).rows.map((e: any) => ({ at: formatLocal(e.at), note: e.public_note ? redactPersonalData(e.public_note, [row.contact_name]) : null, status: e.extended_status }));
      return { ...publicView(row, media.get(row.id) ?? []), timeline };
    },
  );
}
