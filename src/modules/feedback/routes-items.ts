/**
 * Feedback items: submission (portal, app, staff entry), lists in the reader's scope, detail with
 * "what may I do now", every action of the transition table, and private photo originals.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { AppError, badRequest, fieldError, notFound } from '../../http/errors.js';
import { requireUser } from '../../http/context.js';
import { anonymousKeyOwner, idempotentCreate } from '../../http/idempotency.js';
import { formatLocal } from '../../core/calendar/index.js';
import {
  CHANNELS,
  FEEDBACK_STATUSES,
  MediaError,
  RATINGS,
  SUBCLASSES,
  sniffPhoto,
  type FeedbackAction,
} from '../../core/feedback/index.js';
import { audit } from '../audit.js';
import { loadCalendar } from '../calendar/service.js';
import { READING_ROLES, Scopes, type Actor } from './policy.js';
import { ITEM_SELECT } from './queries.js';
import { capabilitiesOf, performAction, submitFeedback, type SubmitInput } from './service.js';
import { MAX_PHOTOS, readStored, storePhoto, type StoredPhoto } from './storage.js';
import { detailView, listItemView } from './views.js';
import { Page, PageSize, Uuid, dayStart, nextDayStart, versionOf } from './http.js';

const ChannelSchema = Type.Union(CHANNELS.map((c) => Type.Literal(c)));

export const SubmitBody = Type.Object(
  {
    categoryCode: Type.String({ minLength: 2, maxLength: 40 }),
    title: Type.Optional(Type.String({ maxLength: 200 })),
    description: Type.String({ minLength: 1, maxLength: 4000 }),
    lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
    long: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
    address: Type.Optional(Type.String({ maxLength: 300 })),
    communeCode: Type.Optional(Type.String({ maxLength: 40 })),
    anonymous: Type.Optional(Type.Boolean()),
    contactName: Type.Optional(Type.String({ maxLength: 200 })),
    contactPhone: Type.Optional(Type.String({ maxLength: 20 })),
    contactEmail: Type.Optional(Type.String({ maxLength: 200 })),
    contactAddress: Type.Optional(Type.String({ maxLength: 300 })),
    visibility: Type.Optional(Type.Union([Type.Literal('public'), Type.Literal('private')])),
    channel: Type.Optional(ChannelSchema),
    receivingUnitId: Type.Optional(Uuid),
    attributes: Type.Optional(Type.Record(Type.String({ maxLength: 50 }), Type.Union([Type.String({ maxLength: 4000 }), Type.Array(Type.String({ maxLength: 500 }), { maxItems: 50 })]))),
    /** Honeypot: a field people never see; bots fill it in. */
    website: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);

declare module 'fastify' {
  interface FastifyRequest {
    feedbackPhotos?: { data: Buffer; name: string }[];
  }
}

/** Reads a multipart submission into the JSON shape (validated by the same schema) and its photos. */
async function readMultipart(request: FastifyRequest): Promise<void> {
  const body: Record<string, unknown> = {};
  const attributes: Record<string, string | string[]> = {};
  const photos: { data: Buffer; name: string }[] = [];
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      const data = await part.toBuffer();
      if (part.fieldname !== 'photos' && part.fieldname !== 'photo') {
        throw badRequest([fieldError(part.fieldname, `unexpected file field ${part.fieldname}; send photos`, `trường tệp ${part.fieldname} không hợp lệ; hãy gửi ảnh ở trường photos`)]);
      }
      if (data.length === 0) continue;
      if (!sniffPhoto(data)) throw badRequest([fieldError('photos', `${part.filename} is not a JPEG or PNG photo`, `${part.filename} không phải ảnh JPEG hoặc PNG`)]);
      photos.push({ data, name: part.filename ?? '' });
      if (photos.length > MAX_PHOTOS) throw badRequest([fieldError('photos', `at most ${MAX_PHOTOS} photos`, `tối đa ${MAX_PHOTOS} ảnh`)]);
      continue;
    }
    const value = typeof part.value === 'string' ? part.value : String(part.value ?? '');
    if (value === '') continue;
    const m = /^attribute\[([^\]]{1,50})\](\[\])?$/.exec(part.fieldname);
    if (m) {
      if (m[2]) attributes[m[1]] = [...((attributes[m[1]] as string[] | undefined) ?? []), value];
      else attributes[m[1]] = value;
    } else {
      body[part.fieldname] = value;
    }
  }
  if (Object.keys(attributes).length) body.attributes = attributes;
  request.body = body;
  request.feedbackPhotos = photos;
}

export const ACTION_SCHEMAS: Record<FeedbackAction, { path: string; summary: string; body: Record<string, any> }> = {
  refuse: { path: 'refuse', summary: 'Refuse (≤ 2 working days): reason required', body: { reason: Type.String({ minLength: 1, maxLength: 2000 }) } },
  request_supplement: {
    path: 'request-supplement',
    summary: 'Ask the sender for more information (first request ≤ 5 working days)',
    body: { reason: Type.String({ minLength: 1, maxLength: 2000 }) },
  },
  supplement: { path: 'supplement', summary: 'The sender supplies the information asked for', body: { text: Type.String({ minLength: 1, maxLength: 4000 }) } },
  classify: {
    path: 'classify',
    summary: 'Classify (NĐ 20/2008 Art. 9) or change the category',
    body: { subclass: Type.Optional(Type.Union(SUBCLASSES.map((s) => Type.Literal(s)))), categoryCode: Type.Optional(Type.String({ maxLength: 40 })), reason: Type.Optional(Type.String({ maxLength: 2000 })) },
  },
  transfer: { path: 'transfer', summary: 'Transfer to another unit, with a reason (deadlines restart at arrival)', body: { toUnitId: Uuid, reason: Type.String({ minLength: 1, maxLength: 2000 }) } },
  forward: {
    path: 'forward',
    summary: 'Forward out of competence (conduct or a regulation of another body; ≤ 5 working days)',
    body: {
      toBody: Type.String({ minLength: 2, maxLength: 300 }),
      subclass: Type.Union([Type.Literal('conduct'), Type.Literal('regulation_other')]),
      reason: Type.String({ minLength: 1, maxLength: 2000 }),
      legalBasis: Type.Optional(Type.String({ maxLength: 300 })),
    },
  },
  assign: { path: 'assign', summary: 'Assign a handler (default: yourself)', body: { handlerId: Type.Optional(Uuid), reason: Type.Optional(Type.String({ maxLength: 2000 })) } },
  answer: {
    path: 'answer',
    summary: 'Answer (≤ 15 working days); publication is due 2 working days later',
    body: { answer: Type.String({ minLength: 1, maxLength: 20000 }), summary: Type.Optional(Type.String({ maxLength: 1000 })), legalBasis: Type.Optional(Type.String({ maxLength: 300 })) },
  },
  publish: { path: 'publish', summary: 'Publish the answer on the portal (leaders)', body: {} },
  close: { path: 'close', summary: 'Close a published item', body: { reason: Type.Optional(Type.String({ maxLength: 2000 })) } },
  rate: { path: 'rate', summary: 'The sender rates the published answer (closes it)', body: { rating: Type.Union(RATINGS.map((r) => Type.Literal(r))) } },
  reopen: { path: 'reopen', summary: 'Continued complaint: reopen a published answer (counts as not satisfied)', body: { reason: Type.String({ minLength: 1, maxLength: 4000 }) } },
  merge: { path: 'merge', summary: 'Merge into another item as a duplicate', body: { targetCode: Type.String({ minLength: 6, maxLength: 30 }), reason: Type.Optional(Type.String({ maxLength: 2000 })) } },
  reclassify: {
    path: 'reclassify',
    summary: 'Reclassify as a complaint or denunciation (leaves every public endpoint)',
    body: { kind: Type.Union([Type.Literal('complaint'), Type.Literal('denunciation')]), letterRef: Type.Optional(Type.String({ maxLength: 100 })), reason: Type.String({ minLength: 1, maxLength: 2000 }) },
  },
  moderate: {
    path: 'moderate',
    summary: 'Moderate the public copy: hide, edit, make private, hide photos (the original is kept)',
    body: {
      reason: Type.String({ minLength: 1, maxLength: 2000 }),
      hidden: Type.Optional(Type.Boolean()),
      publicTitle: Type.Optional(Type.String({ maxLength: 200 })),
      publicDescription: Type.Optional(Type.String({ maxLength: 4000 })),
      visibility: Type.Optional(Type.Union([Type.Literal('public'), Type.Literal('private')])),
      hideMediaIds: Type.Optional(Type.Array(Uuid, { maxItems: 20 })),
      showMediaIds: Type.Optional(Type.Array(Uuid, { maxItems: 20 })),
    },
  },
  comment: { path: 'comment', summary: 'An internal note or a message from the sender', body: { text: Type.String({ minLength: 1, maxLength: 4000 }) } },
};

/** The detail of an item as the actor sees it (404 if they may not see it). */
export async function loadDetail(app: FastifyInstance, actor: Actor, id: string, now: Date) {
  const row = (await app.db.query(`${ITEM_SELECT} where f.tenant_id=$1 and f.id=$2`, [actor.tenantId, id])).rows[0];
  if (!row) throw notFound('Feedback', 'Phản ánh');
  const { caps, canRead } = await capabilitiesOf(app.db, actor, row);
  if (!canRead) throw notFound('Feedback', 'Phản ánh');
  const staff = !!actor.user && actor.user.kind === 'staff';
  const [events, media, duplicates, merged] = await Promise.all([
    app.db.query(
      `select e.*, u.full_name actor_name, un.name unit_name from feedback_events e
         left join users u on u.id = e.actor_id left join units un on un.id = e.actor_unit_id
        where e.feedback_id=$1 order by e.id`,
      [id],
    ),
    app.db.query('select * from feedback_media where feedback_id=$1 order by uploaded_at, id', [id]),
    app.db.query('select code from feedback where merged_into_id=$1 order by code', [id]),
    row.merged_into_id ? app.db.query('select code from feedback where id=$1', [row.merged_into_id]) : Promise.resolve({ rows: [] as any[] }),
  ]);
  const calendar = await loadCalendar(app.db, actor.tenantId, row.competent_unit_id);
  if (staff && row.reclassified_as === 'denunciation' && !row.anonymous) {
    await audit(app.db, { tenantId: actor.tenantId, actorId: actor.user!.id, action: 'feedback.read_protected', entity: 'feedback', entityId: id, ip: actor.ip ?? null });
  }
  return detailView(row, { caps, now, calendar, events: events.rows, media: media.rows, duplicates: duplicates.rows, mergedIntoCode: merged.rows[0]?.code ?? null, staff });
}

export function actorOf(request: FastifyRequest, extra: Partial<Actor> = {}): Actor {
  return { tenantId: request.server.config.tenantId, user: request.user, ip: request.ip, ...extra };
}

export async function itemRoutes(app: FastifyInstance): Promise<void> {
  // Anonymous submissions: Alaveteli-style per-address limits (feedback.md §4.10); signed-in users are exempt.
  const anonymousOnly = (req: FastifyRequest) => !!req.user;
  app.post(
    '/feedback',
    {
      schema: {
        tags: ['feedback'],
        summary: 'Submit feedback (JSON, or multipart with up to 5 photos in "photos"); anonymous where the category allows it',
        security: [],
        body: SubmitBody,
      },
      config: { rateLimit: { max: 6, timeWindow: '1 hour', allowList: anonymousOnly } },
      onRequest: [app.rateLimit({ max: 2, timeWindow: '5 minutes', allowList: anonymousOnly })],
      preValidation: async (request) => {
        if (request.isMultipart()) await readMultipart(request);
      },
    },
    async (request, reply) => {
      const b = request.body as any;
      if (b.website) {
        throw new AppError(400, 'rejected_as_spam', 'The submission was rejected', 'Phản ánh không được chấp nhận', [
          fieldError('website', 'this field must be left empty', 'trường này phải để trống'),
        ]);
      }
      const channel = b.channel ?? 'portal';
      let photos: StoredPhoto[] = [];
      try {
        photos = (request.feedbackPhotos ?? []).map((p) => storePhoto(app.config.filesDir, p.data, p.name));
      } catch (err) {
        if (err instanceof MediaError) throw badRequest([fieldError('photos', err.message, err.messageVi)]);
        throw err;
      }
      const input: SubmitInput = {
        categoryCode: b.categoryCode,
        title: b.title,
        description: b.description,
        lat: b.lat,
        lng: b.long,
        address: b.address,
        communeCode: b.communeCode,
        anonymous: b.anonymous,
        contactName: b.contactName,
        contactPhone: b.contactPhone,
        contactEmail: b.contactEmail,
        contactAddress: b.contactAddress,
        visibility: b.visibility,
        channel,
        attributes: b.attributes,
        receivingUnitId: b.receivingUnitId,
      };
      const now = new Date();
      const actor = actorOf(request);
      const create = async (tx: any) => {
        const s = await submitFeedback(tx, actor, input, photos, now);
        return {
          statusCode: 201,
          body: {
            id: s.id,
            code: s.code,
            trackingSecret: s.trackingSecret,
            status: s.status,
            receivedAt: formatLocal(s.receivedAt),
            answerDueAt: formatLocal(s.answerDueAt),
            message: `Đã tiếp nhận phản ánh. Mã tra cứu: ${s.code}. Vui lòng giữ mã bí mật để theo dõi nếu bạn gửi ẩn danh.`,
            messageEn: `Feedback received. Reference: ${s.code}. Keep the tracking secret to follow it if you sent it anonymously.`,
          },
        };
      };
      const r = await idempotentCreate(app.db, request, request.user ?? anonymousKeyOwner(app.config.tenantId), 'POST /feedback', create);
      return reply.status(r.statusCode).send(r.body);
    },
  );

  app.get(
    '/feedback',
    {
      schema: {
        tags: ['feedback'],
        summary: 'Feedback in your scope (staff: your units; citizens: your own)',
        querystring: Type.Object({
          status: Type.Optional(Type.String({ maxLength: 300 })),
          category: Type.Optional(Type.String({ maxLength: 40 })),
          unit: Type.Optional(Uuid),
          class: Type.Optional(Type.Union([Type.Literal('regulation'), Type.Literal('conduct')])),
          channel: Type.Optional(ChannelSchema),
          overdue: Type.Optional(Type.Boolean()),
          q: Type.Optional(Type.String({ maxLength: 100 })),
          from: Type.Optional(Type.String({ maxLength: 10 })),
          to: Type.Optional(Type.String({ maxLength: 10 })),
          page: Page,
          pageSize: PageSize,
        }),
      },
    },
    async (request) => {
      const user = requireUser(request);
      const q = request.query as any;
      const statuses = q.status ? String(q.status).split(',').map((s: string) => s.trim()).filter(Boolean) : null;
      const bad = (statuses ?? []).filter((s: string) => !(FEEDBACK_STATUSES as readonly string[]).includes(s));
      if (bad.length) throw badRequest([fieldError('status', `unknown status ${bad.join(', ')}`, `trạng thái không hợp lệ: ${bad.join(', ')}`)]);
      const from = q.from ? dayStart(q.from, 'from') : null;
      const to = q.to ? nextDayStart(q.to, 'to') : null;
      const page = q.page ?? 1;
      const pageSize = q.pageSize ?? 50;
      const staff = user.kind === 'staff';
      const scope = staff ? await new Scopes(app.db, user).of(READING_ROLES) : [];
      const now = new Date();
      const where = `f.tenant_id=$1
          and (case when $2 then (f.competent_unit_id = any($3::uuid[]) or f.receiving_unit_id = any($3::uuid[])) else f.submitter_user_id = $4 end)
          and ($5::text[] is null or f.status = any($5::text[]))
          and ($6::text is null or c.code = $6)
          and ($7::uuid is null or f.competent_unit_id = $7)
          and ($8::text is null or f.class = $8)
          and ($9::text is null or f.channel = $9)
          and ($10::timestamptz is null or f.received_at >= $10)
          and ($11::timestamptz is null or f.received_at < $11)
          and ($12::text is null or f.search_text like '%' || vn_fold($12) || '%')
          and (not $13 or (
               (f.status in ('received','supplement_requested','supplemented','assigned') and f.reopen_count = 0 and f.answer_due_at < $14)
            or (f.status in ('received','supplement_requested','supplemented','assigned','reopened') and f.reopen_count > 0 and f.reopen_answer_due_at < $14)
            or (f.status = 'answered' and f.publish_due_at < $14)))`;
      const params = [user.tenantId, staff, scope, user.id, statuses, q.category ?? null, q.unit ?? null, q.class ?? null, q.channel ?? null, from, to, q.q ?? null, !!q.overdue, now];
      const total = (await app.db.query(`select count(*)::int n from feedback f join feedback_categories c on c.id=f.category_id where ${where}`, params)).rows[0].n;
      const rows = (
        await app.db.query(`${ITEM_SELECT} where ${where} order by f.received_at desc, f.id limit ${pageSize} offset ${(page - 1) * pageSize}`, params)
      ).rows;
      return { total, page, pageSize, items: rows.map((r: any) => listItemView(r, now, { staff })) };
    },
  );

  app.get(
    '/feedback/:id',
    { schema: { tags: ['feedback'], summary: 'One item with its timeline, dues and the actions you may take now', params: Type.Object({ id: Uuid }) } },
    async (request) => {
      requireUser(request);
      const { id } = request.params as { id: string };
      return loadDetail(app, actorOf(request), id, new Date());
    },
  );

  app.get(
    '/feedback/:id/media/:mediaId',
    { schema: { tags: ['feedback'], summary: 'A photo as uploaded (staff of the unit and the sender)', params: Type.Object({ id: Uuid, mediaId: Uuid }) } },
    async (request, reply) => {
      requireUser(request);
      const { id, mediaId } = request.params as { id: string; mediaId: string };
      const row = (await app.db.query('select * from feedback where tenant_id=$1 and id=$2', [app.config.tenantId, id])).rows[0];
      if (!row) throw notFound('Feedback', 'Phản ánh');
      const { canRead } = await capabilitiesOf(app.db, actorOf(request), row);
      if (!canRead) throw notFound('Feedback', 'Phản ánh');
      const m = (await app.db.query('select * from feedback_media where id=$1 and feedback_id=$2', [mediaId, id])).rows[0];
      if (!m?.original_path) throw notFound('Photo', 'Ảnh');
      const data = readStored(app.config.filesDir, m.original_path);
      if (!data) throw notFound('Photo', 'Ảnh');
      return reply.header('content-type', m.mime).header('cache-control', 'private, no-store').send(data);
    },
  );

  for (const [action, spec] of Object.entries(ACTION_SCHEMAS) as [FeedbackAction, (typeof ACTION_SCHEMAS)[FeedbackAction]][]) {
    app.post(
      `/feedback/:id/${spec.path}`,
      {
        schema: {
          tags: ['feedback'],
          summary: spec.summary,
          params: Type.Object({ id: Uuid }),
          body: Type.Object({ version: Type.Optional(Type.Integer({ minimum: 1 })), ...spec.body }, { additionalProperties: false }),
        },
      },
      async (request) => {
        requireUser(request);
        const { id } = request.params as { id: string };
        const body = (request.body ?? {}) as any;
        const now = new Date();
        const actor = actorOf(request);
        await performAction(app.db, actor, id, action, { ...body, version: versionOf(request, body) }, now);
        return loadDetail(app, actor, id, now);
      },
    );
  }
}
