import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { AuthUser } from '../../core/access/roles.js';
import { isValidCitizenId, maskCitizenId } from '../../core/access/roles.js';
import { formatLocal } from '../../core/calendar/index.js';
import { DOSSIER_ACTIONS, actionFromPath, transitionOf } from '../../core/workflow/index.js';
import type { Queryable } from '../../db/types.js';
import { requireRole, requireUser } from '../../http/context.js';
import { AppError, badRequest, fieldError, forbidden, notFound } from '../../http/errors.js';
import { idempotentCreate } from '../../http/idempotency.js';
import { audit } from '../audit.js';
import { loadCalendar } from '../calendar/service.js';
import { CALENDAR_LISTENERS } from '../calendar/listeners.js';
import { getVariant } from './catalogue.js';
import { FORM_KEYS, formData, instantTextVi, type FormKeyParam } from './forms.js';
import { appointmentOf } from './engine.js';
import { buildDossierForm, type DossierFormJson } from '../../core/forms/dossier-forms.js';
import { placeOf, provinceAgency, type FormDocument } from '../../core/forms/document.js';
import { renderFormPdf } from '../forms/pdf.js';
import { STAFF_ROLES, allUnits, isApplicant, roleScopes } from './policy.js';
import { loadRules, loadStatusLabels } from './rules.js';
import {
  type ActionBody,
  type DraftBody,
  type IntakeBody,
  type ServiceActor,
  attachFile,
  dossierClock,
  createDraft,
  loadVisible,
  performAction,
  previewRecomputeOpenDossiers,
  rateDossier,
  type Rating,
  recomputeOpenDossiers,
  registerIntake,
  unitsOf,
  updateDraft,
} from './service.js';
import { EVENT_COLUMNS, fromDb, type Aggregate, type EventRow } from './types.js';
import { QUEUES, type ListQuery, detailView, durationText, dueSoonThreshold, listDossiers, listItem, publicView, queueCounts, vocabulary } from './views.js';

// ------------------------------------------------------------------ schemas

const Uuid = Type.String({ format: 'uuid' });
const Text = (max: number, min = 0) => Type.String({ maxLength: max, minLength: min });
const Count = Type.Integer({ minimum: 0, maximum: 99 });
const DateTime = Type.String({ maxLength: 40, pattern: '^\\d{4}-\\d{2}-\\d{2}([T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?)?\\s*(Z|z|[+-]\\d{2}(:?\\d{2})?)?$' });
const Version = Type.Integer({ minimum: 1 });

const Applicant = Type.Object(
  {
    kind: Type.Optional(Type.Union([Type.Literal('citizen'), Type.Literal('organisation')])),
    name: Text(200, 2),
    citizenId: Type.Optional(Type.String({ maxLength: 12 })),
    taxCode: Type.Optional(Type.String({ maxLength: 14 })),
    address: Type.Optional(Text(300)),
    phone: Type.Optional(Type.String({ maxLength: 20, pattern: '^[0-9+ ().-]{8,20}$' })),
    email: Type.Optional(Type.String({ maxLength: 200, format: 'email' })),
    representativeName: Type.Optional(Text(200)),
  },
  { additionalProperties: false },
);

const ComponentInput = Type.Object(
  {
    code: Text(60, 1),
    originals: Type.Optional(Count),
    certifiedCopies: Type.Optional(Count),
    copies: Type.Optional(Count),
    provided: Type.Optional(Type.Boolean()),
    fromDataStore: Type.Optional(Type.Boolean()),
    note: Type.Optional(Text(500)),
  },
  { additionalProperties: false },
);

const Items = Type.Array(Type.Object({ code: Text(60, 1), note: Type.Optional(Text(500)) }, { additionalProperties: false }), { minItems: 1, maxItems: 50 });
const ReturnChannel = Type.Union([Type.Literal('counter'), Type.Literal('post'), Type.Literal('online')]);

const IntakeSchema = Type.Object(
  {
    procedureId: Uuid,
    variantId: Type.Optional(Uuid),
    channel: Type.Optional(Type.Union([Type.Literal('counter'), Type.Literal('postal')])),
    receivingUnitId: Type.Optional(Uuid),
    competentUnitId: Type.Optional(Uuid),
    applicant: Applicant,
    summary: Type.Optional(Text(1000)),
    setsCount: Type.Optional(Type.Integer({ minimum: 1, maximum: 20 })),
    components: Type.Array(ComponentInput, { maxItems: 60 }),
    returnChannel: Type.Optional(ReturnChannel),
    returnAddress: Type.Optional(Text(300)),
    returnPhone: Type.Optional(Type.String({ maxLength: 20, pattern: '^[0-9+ ().-]{8,20}$' })),
    postal: Type.Optional(
      Type.Object(
        { operator: Text(100, 2), slipNo: Text(50, 3), handoverNo: Text(50, 1), signedAt: DateTime, senderAddress: Type.Optional(Text(300)) },
        { additionalProperties: false },
      ),
    ),
    outcome: Type.Union([Type.Literal('accept'), Type.Literal('supplement'), Type.Literal('refuse')]),
    reason: Type.Optional(Text(2000)),
    items: Type.Optional(Items),
  },
  { additionalProperties: false },
);

const DraftSchema = Type.Object(
  {
    procedureId: Uuid,
    variantId: Type.Optional(Uuid),
    receivingUnitId: Uuid,
    summary: Type.Optional(Text(1000)),
    applicant: Type.Optional(
      Type.Object(
        {
          name: Type.Optional(Text(200, 2)),
          address: Type.Optional(Text(300)),
          phone: Type.Optional(Type.String({ maxLength: 20, pattern: '^[0-9+ ().-]{8,20}$' })),
          email: Type.Optional(Type.String({ maxLength: 200, format: 'email' })),
          representativeName: Type.Optional(Text(200)),
        },
        { additionalProperties: false },
      ),
    ),
    components: Type.Optional(Type.Array(ComponentInput, { maxItems: 60 })),
    returnChannel: Type.Optional(ReturnChannel),
    returnAddress: Type.Optional(Text(300)),
    returnPhone: Type.Optional(Type.String({ maxLength: 20, pattern: '^[0-9+ ().-]{8,20}$' })),
  },
  { additionalProperties: false },
);

const DraftPatchSchema = Type.Object(
  {
    version: Version,
    summary: Type.Optional(Text(1000)),
    applicant: Type.Optional(
      Type.Object(
        {
          address: Type.Optional(Text(300)),
          phone: Type.Optional(Type.String({ maxLength: 20, pattern: '^[0-9+ ().-]{8,20}$' })),
          email: Type.Optional(Type.String({ maxLength: 200, format: 'email' })),
          representativeName: Type.Optional(Text(200)),
        },
        { additionalProperties: false },
      ),
    ),
    components: Type.Optional(Type.Array(ComponentInput, { maxItems: 60 })),
    returnChannel: Type.Optional(ReturnChannel),
    returnAddress: Type.Optional(Text(300)),
    returnPhone: Type.Optional(Type.String({ maxLength: 20, pattern: '^[0-9+ ().-]{8,20}$' })),
  },
  { additionalProperties: false },
);

const ActionSchema = Type.Object(
  {
    version: Version,
    reason: Type.Optional(Text(2000)),
    legalBasis: Type.Optional(Text(500)),
    note: Type.Optional(Text(2000)),
    justification: Type.Optional(Text(2000)),
    items: Type.Optional(Items),
    handlerId: Type.Optional(Uuid),
    toStep: Type.Optional(Text(60, 1)),
    newDueAt: Type.Optional(DateTime),
    agencies: Type.Optional(
      Type.Array(
        Type.Object(
          { unitId: Uuid, task: Text(500, 2), budgetHours: Type.Number({ exclusiveMinimum: 0, maximum: 2000 }), lead: Type.Optional(Type.Boolean()) },
          { additionalProperties: false },
        ),
        { minItems: 1, maxItems: 20 },
      ),
    ),
    mode: Type.Optional(Type.Union([Type.Literal('sequential'), Type.Literal('parallel')])),
    consultee: Type.Optional(Type.Object({ unitId: Type.Optional(Uuid), name: Text(200, 2) }, { additionalProperties: false })),
    responseWorkingDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 60 })),
    responseDueAt: Type.Optional(DateTime),
    taskId: Type.Optional(Uuid),
    answer: Type.Optional(Text(4000)),
    fees: Type.Optional(
      Type.Array(
        Type.Object(
          { code: Type.Optional(Text(60)), name: Text(200, 2), amount: Type.Number({ minimum: 0, maximum: 1e12 }), kind: Type.Optional(Type.Union([Type.Literal('phi'), Type.Literal('le_phi')])) },
          { additionalProperties: false },
        ),
        { minItems: 1, maxItems: 20 },
      ),
    ),
    payment: Type.Optional(
      Type.Object(
        { method: Type.Optional(Text(60)), reference: Type.Optional(Text(100)), online: Type.Optional(Type.Union([Type.Literal(0), Type.Literal(1), Type.Literal(2)])) },
        { additionalProperties: false },
      ),
    ),
    postal: Type.Optional(
      Type.Object(
        { operator: Text(100, 2), slipNo: Text(50, 3), address: Type.Optional(Text(300)), phone: Type.Optional(Type.String({ maxLength: 20, pattern: '^[0-9+ ().-]{8,20}$' })) },
        { additionalProperties: false },
      ),
    ),
    returnMode: Type.Optional(Type.Union([Type.Literal('counter'), Type.Literal('online')])),
    recipientName: Type.Optional(Text(200)),
    authorised: Type.Optional(Type.Boolean()),
    deliveredAt: Type.Optional(DateTime),
    notifyChannel: Type.Optional(Type.Union([Type.Literal('sms'), Type.Literal('email'), Type.Literal('portal'), Type.Literal('phone')])),
    components: Type.Optional(
      Type.Array(
        Type.Object(
          { code: Text(60, 1), provided: Type.Optional(Type.Boolean()), originals: Type.Optional(Count), certifiedCopies: Type.Optional(Count), copies: Type.Optional(Count) },
          { additionalProperties: false },
        ),
        { maxItems: 60 },
      ),
    ),
  },
  { additionalProperties: false },
);

const ListSchema = Type.Object(
  {
    queue: Type.Optional(Type.Union(QUEUES.map((q) => Type.Literal(q)))),
    q: Type.Optional(Text(100)),
    procedure: Type.Optional(Uuid),
    unit: Type.Optional(Uuid),
    status: Type.Optional(Text(40)),
    channel: Type.Optional(Type.Union([Type.Literal('counter'), Type.Literal('online'), Type.Literal('postal')])),
    from: Type.Optional(Type.String({ format: 'date' })),
    to: Type.Optional(Type.String({ format: 'date' })),
    sort: Type.Optional(Type.String({ pattern: '^-?(received_at|due_at|code|updated_at|submitted_at|applicant)$' })),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  },
  { additionalProperties: false },
);

const IdParams = Type.Object({ id: Uuid });
const TAGS = ['dossiers'];

// ------------------------------------------------------------------ helpers

async function actorOf(app: FastifyInstance, user: AuthUser): Promise<ServiceActor> {
  return { user, scopes: await roleScopes(app.db, user) };
}

function requireDossierUser(request: FastifyRequest): AuthUser {
  const user = requireUser(request);
  if (!user.roles.some((r) => STAFF_ROLES.includes(r.role) || r.role === 'citizen')) throw forbidden();
  return user;
}

async function viewContext(db: Queryable, tenantId: string, a: ServiceActor, agg: Aggregate, now: Date) {
  const [units, label, calendar, rules, variant] = [
    await unitsOf(db, tenantId),
    await loadStatusLabels(db, tenantId),
    await loadCalendar(db, tenantId, agg.d.calendarUnitId),
    await loadRules(db, tenantId, now),
    await getVariant(db, tenantId, agg.d.variantId),
  ];
  return {
    now,
    user: a.user,
    scopes: a.scopes,
    calendar,
    rules,
    variant,
    label,
    unitName: (id: string | null) => {
      const u = id ? units.byId.get(id) : undefined;
      return u ? { id: u.id, code: u.code, name: u.name } : null;
    },
  };
}

async function detailOf(db: Queryable, a: ServiceActor, agg: Aggregate, now: Date) {
  const ctx = await viewContext(db, a.user.tenantId, a, agg, now);
  const view = await detailView(db, agg, ctx);
  const rating = (await db.query('select rating, at from dossier_ratings where dossier_id=$1', [agg.d.id])).rows[0];
  return { ...view, rating: rating ? { rating: rating.rating, at: formatLocal(rating.at) } : null };
}

async function formOf(db: Queryable, tenantId: string, agg: Aggregate, key: FormKeyParam, seq?: number) {
  const units = (await db.query('select id, code, name, address, phone from units where tenant_id=$1', [tenantId])).rows;
  const byId = new Map(units.map((u: any) => [u.id, u]));
  const events = (await db.query('select * from dossier_events where dossier_id=$1 order by seq', [agg.d.id])).rows.map((e: any) => fromDb<EventRow>(EVENT_COLUMNS, e));
  const peopleIds = [...new Set(events.map((e) => e.actorId).filter(Boolean))] as string[];
  const people = new Map(
    (peopleIds.length ? (await db.query('select id, full_name, title from users where id = any($1::uuid[])', [peopleIds])).rows : []).map((u: any) => [
      u.id,
      { name: u.full_name, title: u.title },
    ]),
  );
  const forms = (await db.query(`select * from dossier_form_templates where tenant_id in ($1,'*')`, [tenantId])).rows.map((r: any) => ({
    tenantId: r.tenant_id,
    formSet: r.form_set,
    key: r.key,
    number: r.number,
    title: r.title,
    paperSize: r.paper_size,
    effectiveFrom: r.effective_from,
    effectiveTo: r.effective_to,
    legalBasis: r.legal_basis,
    evidence: r.evidence,
  }));
  const tenantName: string = (await db.query('select name from tenants where id=$1', [tenantId])).rows[0]?.name ?? '';
  const province = placeOf(tenantName);
  return formData(key, agg, {
    unit: (id) => {
      const u: any = id ? byId.get(id) : null;
      return u ? { id: u.id, code: u.code, name: u.name, address: u.address, phone: u.phone } : null;
    },
    forms,
    events,
    people,
    province,
  }, seq);
}

/** The form as a printable document (the model both the PDF and the web print page draw). */
async function formDocumentOf(db: Queryable, tenantId: string, agg: Aggregate, key: FormKeyParam, publicUrl: string, seq?: number): Promise<FormDocument> {
  const form = await formOf(db, tenantId, agg, key, seq);
  const tenantName: string = (await db.query('select name from tenants where id=$1', [tenantId])).rows[0]?.name ?? '';
  const parentAgency = provinceAgency(tenantName);
  return buildDossierForm(form as DossierFormJson, { parentAgency, publicUrl });
}

// ------------------------------------------------------------------ routes

const dossiers: FastifyPluginAsync = async (app) => {
  const now = () => dossierClock.now();

  app.get('/dossiers/workflow', { schema: { tags: TAGS, summary: 'States, actions (transition table) and queues, with labels' } }, async (request) => {
    requireUser(request);
    return vocabulary();
  });

  app.post(
    '/dossiers',
    {
      schema: {
        tags: TAGS,
        summary: 'Register a dossier at the counter or from the post (counter officers); outcome accept → Mẫu 01, supplement → Mẫu 02, refuse → Mẫu 03',
        description: 'Send an Idempotency-Key header: a retry returns the first response. Postal: the hand-over record signing time is the legal submission time.',
        body: IntakeSchema,
      },
    },
    async (request, reply) => {
      const user = requireRole(request, 'counter_officer');
      const a = await actorOf(app, user);
      const body = request.body as IntakeBody;
      const r = await idempotentCreate(app.db, request, user, 'POST /dossiers', async (tx) => {
        const { agg, formKey } = await registerIntake(tx, a, body, now());
        const detail = await detailOf(tx, a, agg, now());
        const form = await formOf(tx, user.tenantId, agg, formKey as FormKeyParam);
        return { statusCode: 201, body: { dossier: detail, form } };
      });
      return reply.status(r.statusCode).header('idempotent-replayed', String(r.replayed)).send(r.body);
    },
  );

  app.get(
    '/dossiers/appointment',
    {
      schema: {
        tags: TAGS,
        summary: 'Live appointment for the counter screen: the receipt and return times that accepting this procedure now would print on Mẫu 01 (a dry run of intake; nothing is written)',
        querystring: Type.Object(
          {
            procedureId: Uuid,
            variantId: Type.Optional(Uuid),
            receivingUnitId: Type.Optional(Uuid),
            channel: Type.Optional(Type.Union([Type.Literal('counter'), Type.Literal('postal')])),
            postalSignedAt: Type.Optional(DateTime),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const user = requireRole(request, 'counter_officer');
      const a = await actorOf(app, user);
      const q = request.query as { procedureId: string; variantId?: string; receivingUnitId?: string; channel?: 'counter' | 'postal'; postalSignedAt?: string };
      const body: IntakeBody = {
        procedureId: q.procedureId,
        variantId: q.variantId,
        receivingUnitId: q.receivingUnitId,
        channel: q.channel,
        applicant: { name: 'Xem trước' },
        components: [],
        outcome: 'accept',
        postal: q.channel === 'postal' ? { operator: 'Xem trước', slipNo: 'Xem trước', handoverNo: '0', signedAt: q.postalSignedAt ?? '' } : undefined,
      } as IntakeBody;
      const { agg } = await registerIntake(app.db, a, body, now(), { dryRun: true });
      const d = agg.d;
      const due = appointmentOf(d);
      return {
        receivedAt: d.receivedAt ? formatLocal(d.receivedAt) : null,
        clockStart: d.clockStart ? formatLocal(d.clockStart) : null,
        appointmentAt: due ? formatLocal(due) : null,
        appointmentTextVi: instantTextVi(due),
        provisional: d.dueProvisional,
        legalDuration: { amount: d.durationAmount, unit: d.durationUnit, textVi: durationText(d) },
        procedureName: d.procedureName,
      };
    },
  );

  app.post(
    '/dossiers/drafts',
    { schema: { tags: TAGS, summary: 'Start an online dossier (citizens); it stays a draft until submitted', body: DraftSchema } },
    async (request, reply) => {
      const user = requireRole(request, 'citizen');
      const a = await actorOf(app, user);
      const r = await idempotentCreate(app.db, request, user, 'POST /dossiers/drafts', async (tx) => {
        const agg = await createDraft(tx, a, request.body as DraftBody, now());
        return { statusCode: 201, body: await detailOf(tx, a, agg, now()) };
      });
      return reply.status(r.statusCode).send(r.body);
    },
  );

  app.patch(
    '/dossiers/:id',
    { schema: { tags: TAGS, summary: 'Edit a draft (its applicant; send the version read)', params: IdParams, body: DraftPatchSchema } },
    async (request) => {
      const user = requireRole(request, 'citizen');
      const a = await actorOf(app, user);
      const { id } = request.params as { id: string };
      return app.db.tx(async (tx) => detailOf(tx, a, await updateDraft(tx, a, id, request.body as any, now()), now()));
    },
  );

  app.post(
    '/dossiers/:id/submit',
    {
      schema: {
        tags: TAGS,
        summary: 'Submit a draft (citizens): the code is assigned; the counter then accepts, requests a supplement or refuses',
        description: 'Send an Idempotency-Key header: a retry returns the first response.',
        params: IdParams,
        body: Type.Object({ version: Version }, { additionalProperties: false }),
      },
    },
    async (request, reply) => {
      const user = requireDossierUser(request);
      const a = await actorOf(app, user);
      const { id } = request.params as { id: string };
      const r = await idempotentCreate(app.db, request, user, `POST /dossiers/${id}/submit`, async (tx) => {
        const agg = await performAction(tx, a, id, 'submit', request.body as ActionBody, now());
        return { statusCode: 200, body: await detailOf(tx, a, agg, now()) };
      });
      return reply.status(r.statusCode).send(r.body);
    },
  );

  app.post(
    '/dossiers/:id/actions/:action',
    {
      schema: {
        tags: TAGS,
        summary: 'Take an action of the transition table (see GET /dossiers/workflow); send the version read',
        description: `Actions (kebab-case in the path): ${DOSSIER_ACTIONS.map((x) => x.replace(/_/g, '-')).join(', ')}. Stale version → 409 stale_version; illegal transition → 409 with the reason.`,
        params: Type.Object({ id: Uuid, action: Type.String({ maxLength: 40, pattern: '^[a-z][a-z_-]*$' }) }),
        body: ActionSchema,
      },
    },
    async (request) => {
      const user = requireDossierUser(request);
      const a = await actorOf(app, user);
      const { id, action: raw } = request.params as { id: string; action: string };
      const action = actionFromPath(raw);
      const def = transitionOf(action);
      if (!def) throw new AppError(404, 'unknown_action', `Unknown action: ${raw}`, `Không có thao tác: ${raw}`);
      const result = await app.db.tx(async (tx) => {
        const agg = await performAction(tx, a, id, action, request.body as ActionBody, now());
        const detail = await detailOf(tx, a, agg, now());
        const form = def.form && def.form !== 'register' ? await formOf(tx, user.tenantId, agg, def.form as FormKeyParam) : null;
        return { dossier: detail, form };
      });
      return result;
    },
  );

  app.get('/dossiers/queue-counts', { schema: { tags: TAGS, summary: 'Counts of the work queues for the menu (scoped to the user’s units)' } }, async (request) => {
    const user = requireRole(request, ...STAFF_ROLES);
    const scope = [...allUnits(await roleScopes(app.db, user))];
    const rules = await loadRules(app.db, user.tenantId, now());
    const t = now();
    const { soon } = await dueSoonThreshold(app.db, user, scope, rules, t);
    return queueCounts(app.db, user, scope, t, soon);
  });

  app.get(
    '/dossiers',
    { schema: { tags: TAGS, summary: 'Dossiers visible to the user, by work queue and filters (citizen IDs masked)', querystring: ListSchema } },
    async (request) => {
      const user = requireRole(request, ...STAFF_ROLES);
      const scope = [...allUnits(await roleScopes(app.db, user))];
      const q = request.query as ListQuery;
      const t = now();
      const rules = await loadRules(app.db, user.tenantId, t);
      const { soon } = await dueSoonThreshold(app.db, user, scope, rules, t);
      const { rows, total } = await listDossiers(app.db, user, scope, q, t, soon);
      const units = await unitsOf(app.db, user.tenantId);
      const label = await loadStatusLabels(app.db, user.tenantId);
      const unitName = (id: string | null) => {
        const u = id ? units.byId.get(id) : undefined;
        return u ? { id: u.id, code: u.code, name: u.name } : null;
      };
      return { items: rows.map((d) => listItem(d, { now: t, label, unitName }, { maskId: true })), total, page: q.page ?? 1, pageSize: Math.min(q.pageSize ?? 20, 100) };
    },
  );

  app.get(
    '/me/dossiers',
    {
      schema: {
        tags: TAGS,
        summary: 'The signed-in citizen’s dossiers (online ones and those registered under their CCCD)',
        querystring: Type.Object(
          { status: Type.Optional(Text(40)), page: Type.Optional(Type.Integer({ minimum: 1 })), pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })) },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const user = requireRole(request, 'citizen');
      const q = request.query as ListQuery;
      const t = now();
      const { rows, total } = await listDossiers(app.db, user, [], { ...q, sort: '-updated_at' }, t, t, { citizenOnly: true });
      const units = await unitsOf(app.db, user.tenantId);
      const label = await loadStatusLabels(app.db, user.tenantId);
      const unitName = (id: string | null) => {
        const u = id ? units.byId.get(id) : undefined;
        return u ? { id: u.id, code: u.code, name: u.name } : null;
      };
      return { items: rows.map((d) => listItem(d, { now: t, label, unitName }, { maskId: true })), total, page: q.page ?? 1, pageSize: q.pageSize ?? 20 };
    },
  );

  app.get(
    '/applicants/:citizenId/dossiers',
    {
      schema: {
        tags: TAGS,
        summary: 'An applicant’s dossiers by CCCD, for the counter (counter officers only; every look-up is logged)',
        params: Type.Object({ citizenId: Type.String({ maxLength: 20 }) }),
      },
    },
    async (request) => {
      const user = requireRole(request, 'counter_officer');
      const { citizenId } = request.params as { citizenId: string };
      if (!isValidCitizenId(citizenId)) throw badRequest([fieldError('citizenId', 'citizenId must be 12 digits', 'Số CCCD phải gồm 12 chữ số')]);
      const scope = [...allUnits(await roleScopes(app.db, user))];
      const t = now();
      const { rows, total } = await listDossiers(app.db, user, scope, { pageSize: 100, sort: '-received_at' }, t, t, { applicantCitizenId: citizenId });
      await audit(app.db, {
        tenantId: user.tenantId,
        actorId: user.id,
        action: 'applicant.lookup',
        entity: 'applicant',
        entityId: maskCitizenId(citizenId),
        ip: request.ip,
        data: { results: total },
      });
      const units = await unitsOf(app.db, user.tenantId);
      const label = await loadStatusLabels(app.db, user.tenantId);
      const unitName = (id: string | null) => {
        const u = id ? units.byId.get(id) : undefined;
        return u ? { id: u.id, code: u.code, name: u.name } : null;
      };
      const latest = rows[0];
      return {
        applicant: latest
          ? { name: latest.applicantName, address: latest.applicantAddress, phone: latest.applicantPhone, email: latest.applicantEmail, citizenId: maskCitizenId(citizenId) }
          : null,
        items: rows.map((d) => listItem(d, { now: t, label, unitName }, { maskId: true })),
        total,
      };
    },
  );

  app.get('/dossiers/:id', { schema: { tags: TAGS, summary: 'A dossier: steps (control slip), timeline, remaining time and the actions this user may take', params: IdParams } }, async (request) => {
    const user = requireDossierUser(request);
    const a = await actorOf(app, user);
    const { id } = request.params as { id: string };
    const agg = await loadVisible(app.db, a, id, false);
    return detailOf(app.db, a, agg, now());
  });

  app.get(
    '/dossiers/:id/handlers',
    { schema: { tags: TAGS, summary: 'Who may be assigned to handle the dossier now: specialists and leaders of the unit holding it (for the leader’s "assign")', params: IdParams } },
    async (request) => {
      const user = requireDossierUser(request);
      if (user.kind !== 'staff') throw forbidden('Only staff may list handlers', 'Chỉ cán bộ được xem danh sách người xử lý');
      const a = await actorOf(app, user);
      const { id } = request.params as { id: string };
      const agg = await loadVisible(app.db, a, id, false);
      const holder = agg.d.holderUnitId;
      if (!holder) return { items: [] };
      // A grant at the holding unit or at any unit above it covers the holding unit (auth/scope.ts).
      const r = await app.db.query(
        `with recursive up as (
           select id, parent_id from units where id = $2 and tenant_id = $1
           union
           select u.id, u.parent_id from units u join up on u.id = up.parent_id where u.tenant_id = $1
         )
         select us.id, us.full_name, us.title, array_agg(distinct r.role order by r.role) as roles
           from user_roles r join users us on us.id = r.user_id
          where r.tenant_id = $1 and r.role in ('specialist','leader') and r.unit_id in (select id from up) and us.active
          group by us.id, us.full_name, us.title
          order by bool_or(r.role = 'specialist') desc, us.full_name`,
        [user.tenantId, holder],
      );
      return { items: r.rows.map((x: any) => ({ id: x.id, fullName: x.full_name, title: x.title, roles: x.roles })) };
    },
  );

  app.get(
    '/dossiers/:id/forms/:key',
    {
      schema: {
        tags: TAGS,
        summary: 'Data of a printed form: receipt (Mẫu 01), supplement_request (02), intake_refusal (03), apology_extension (04), stop_notice (05), control_slip (06)',
        params: Type.Object({ id: Uuid, key: Type.Union(FORM_KEYS.map((k) => Type.Literal(k))) }),
        querystring: Type.Object({ event: Type.Optional(Type.Integer({ minimum: 1 })) }, { additionalProperties: false }),
      },
    },
    async (request) => {
      const user = requireDossierUser(request);
      const a = await actorOf(app, user);
      const { id, key } = request.params as { id: string; key: FormKeyParam };
      const { event } = request.query as { event?: number };
      const agg = await loadVisible(app.db, a, id, false);
      return formOf(app.db, user.tenantId, agg, key, event);
    },
  );

  const FormParams = Type.Object({ id: Uuid, key: Type.Union(FORM_KEYS.map((k) => Type.Literal(k))) });
  const FormQuery = Type.Object({ event: Type.Optional(Type.Integer({ minimum: 1 })) }, { additionalProperties: false });

  app.get(
    '/dossiers/:id/forms/:key/document',
    { schema: { tags: TAGS, summary: 'A printed form as a document (national heading, agency, title, blocks, QR): what the print page and the PDF draw', params: FormParams, querystring: FormQuery } },
    async (request) => {
      const user = requireDossierUser(request);
      const a = await actorOf(app, user);
      const { id, key } = request.params as { id: string; key: FormKeyParam };
      const agg = await loadVisible(app.db, a, id, false);
      return formDocumentOf(app.db, user.tenantId, agg, key, app.config.publicUrl, (request.query as { event?: number }).event);
    },
  );

  app.get(
    '/dossiers/:id/forms/:key/pdf',
    { schema: { tags: TAGS, summary: 'A printed form as a PDF (A4 or A5 as the form prescribes)', params: FormParams, querystring: FormQuery, produces: ['application/pdf'] } },
    async (request, reply) => {
      const user = requireDossierUser(request);
      const a = await actorOf(app, user);
      const { id, key } = request.params as { id: string; key: FormKeyParam };
      const agg = await loadVisible(app.db, a, id, false);
      const doc = await formDocumentOf(app.db, user.tenantId, agg, key, app.config.publicUrl, (request.query as { event?: number }).event);
      const pdf = await renderFormPdf(doc);
      const name = `${(agg.d.code ?? 'ho-so').replace(/[^A-Za-z0-9.-]/g, '-')}-${key}.pdf`;
      return reply.type('application/pdf').header('content-disposition', `attachment; filename="${name}"`).send(pdf);
    },
  );

  app.post(
    '/dossiers/:id/files',
    {
      schema: {
        tags: TAGS,
        summary: 'Upload a file to a component (multipart field "file"; ?component=CODE); type sniffed, size-limited, checksummed',
        params: IdParams,
        querystring: Type.Object({ component: Text(60, 1) }, { additionalProperties: false }),
        consumes: ['multipart/form-data'],
      },
    },
    async (request, reply) => {
      const user = requireDossierUser(request);
      const a = await actorOf(app, user);
      const { id } = request.params as { id: string };
      const { component } = request.query as { component: string };
      if (!request.isMultipart()) throw badRequest([fieldError('file', 'send the file as multipart/form-data in the field "file"', 'Cần gửi tệp dạng multipart/form-data trong trường "file"')]);
      const part = await request.file({ limits: { fileSize: app.config.maxUploadBytes, files: 1 } });
      if (!part || part.fieldname !== 'file') throw badRequest([fieldError('file', 'file is required', 'Cần chọn tệp')]);
      const buf = await part.toBuffer();
      const { agg, fileId } = await attachFile(app.db, app.config.filesDir, a, id, component, buf, part.filename, now());
      const detail = await detailOf(app.db, a, agg, now());
      return reply.status(201).send({ fileId, dossier: detail });
    },
  );

  app.post(
    '/dossiers/:id/rating',
    {
      schema: {
        tags: TAGS,
        summary: 'Rate the service once the result is returned (the applicant; once per dossier)',
        params: IdParams,
        body: Type.Object(
          { rating: Type.Union([Type.Literal('very_satisfied'), Type.Literal('satisfied'), Type.Literal('dissatisfied')]), comment: Type.Optional(Text(1000)) },
          { additionalProperties: false },
        ),
      },
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const user = requireRole(request, 'citizen');
      const a = await actorOf(app, user);
      const { id } = request.params as { id: string };
      const b = request.body as { rating: string; comment?: string };
      const row = await app.db.tx(async (tx) => {
        const agg = await loadVisible(tx, a, id, true);
        if (!isApplicant(user, agg)) throw forbidden('Only the applicant may rate this dossier', 'Chỉ người nộp hồ sơ được đánh giá');
        return rateDossier(tx, agg, { rating: b.rating as Rating, channel: 'online', comment: b.comment ?? null, ratedBy: user.id }, now());
      });
      return reply.status(201).send({ rating: row.rating, at: formatLocal(row.at) });
    },
  );

  app.get(
    '/public/dossiers/:code',
    {
      schema: {
        tags: TAGS,
        summary: 'Public tracking by dossier code (no sign-in): status, plain-language timeline, appointment; the name masked',
        security: [],
        params: Type.Object({ code: Type.String({ minLength: 10, maxLength: 80, pattern: '^[A-Za-z0-9.-]+$' }) }),
      },
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
    },
    async (request) => {
      const { code } = request.params as { code: string };
      const view = await publicView(app.db, app.config.tenantId, code);
      if (!view) throw notFound('Dossier', 'Hồ sơ');
      return view;
    },
  );
};

// The calendar asks every capability with open deadlines to recompute after a change (calendar.md §2.4).
if (!CALENDAR_LISTENERS.some((l) => l.name === 'dossiers')) {
  const impact = (c: { id: string; code: string | null; oldDue: Date | null; newDue: Date | null; appliedDue: Date | null }) => ({
    kind: 'dossier',
    id: c.id,
    code: c.code,
    oldDue: c.oldDue ? formatLocal(c.oldDue) : '',
    newDue: c.newDue ? formatLocal(c.newDue) : '',
    appliedDue: c.appliedDue ? formatLocal(c.appliedDue) : '',
  });
  CALENDAR_LISTENERS.push({
    name: 'dossiers',
    apply: async (db, tenantId, changeId) => (await recomputeOpenDossiers(db, tenantId, null, changeId)).map(impact),
    preview: async (db, tenantId, calendarFor) => (await previewRecomputeOpenDossiers(db, tenantId, null, calendarFor)).map(impact),
  });
}

export default dossiers;
