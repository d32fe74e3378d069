/**
 * /api/v1/receptions (visits, sessions, conclusions, instructions, register, compliance) and the
 * public /api/v1/reception-schedule.
 */
import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { badRequest, conflict, fieldError, forbidden, notFound, staleVersion } from '../../http/errors.js';
import { idempotentCreate } from '../../http/idempotency.js';
import { addDays, localDateOf } from '../../core/calendar/index.js';
import { VISIT_MACHINE, caseStatusLabel, compliance, periodBounds, periodicRequirement, PROTECTED_FIELDS, type ProtectedField, type VisitAction } from '../../core/letters/index.js';
import { eventsOf, iso, ruleSetAt, ruleSetById, type Actor } from './common.js';
import { canViewVisit, visitUnits } from './policy.js';
import {
  completeInstruction,
  createSession,
  loadSession,
  loadVisit,
  recordVisit,
  runVisitAction,
  sessionAction,
  visitAffordances,
} from './reception-service.js';
import { viewVisit, viewVisitSummary } from './views.js';
import { sessionForm, visitForm } from './forms-service.js';
import { registerFormRoutes } from './form-routes.js';
import { registerRows, REGISTER_COLUMNS } from './register.js';
import { MAX_RECEPTION_REGISTER_PRINT_ROWS, receptionRegisterDocument } from './register-form.js';
import { renderFormPdf } from '../forms/pdf.js';
import { provinceAgency } from '../../core/forms/document.js';
import { registerWorkbook } from './exports.js';
import { auditedReveal, revealIdentity } from './protected.js';
import { env, staffActor, withVersion } from './http.js';
import { AssignableUsers, assignableStaff } from './staff.js';
import { HearingBody, IdParams, LocalDay, Obj, Opt, Paging, PartContentType, SessionBody, Text, Uuid, VisitBody } from './schemas.js';
import { visitFileRoutes } from './routes-files.js';

function viewSession(s: any) {
  return {
    id: s.id,
    unitId: s.unit_id,
    unitName: s.unit_name ?? null,
    kind: s.kind,
    leaderUserId: s.leader_user_id,
    leaderName: s.leader_name,
    leaderTitle: s.leader_title,
    isDeputy: s.is_deputy,
    deputyReason: s.deputy_reason,
    roleOfUnit: s.role_of_unit,
    scheduledOn: s.scheduled_on,
    startTime: s.start_time,
    endTime: s.end_time,
    location: s.location,
    status: s.status,
    published: s.published,
    heldAt: iso(s.held_at),
    cancelledReason: s.cancelled_reason,
    online: s.kind === 'online' ? { reason: s.online_reason, platform: s.online_platform, points: s.online_points, recordingRef: s.recording_ref, recordingSha256: s.recording_sha256, startedAt: iso(s.started_at), endedAt: iso(s.ended_at), retentionClass: s.retention_class } : null,
    notes: s.notes,
    version: s.version,
  };
}

async function visitDetail(app: FastifyInstance, actor: Actor, v: any, extra: Record<string, unknown> = {}) {
  const db = app.db;
  const docs = (await db.query('select id, seq, title, pages, original, received_at, returned_at from reception_documents where visit_id=$1 order by seq', [v.id])).rows;
  const letters = (await db.query('select id, code, status, content_type, case_id from letters where visit_id=$1 order by code', [v.id])).rows;
  const rs = await ruleSetById(db, v.rule_set_id);
  return {
    ...viewVisit(v),
    // The grounds of the visit's rule set: what a refusal may cite, and how to name the one cited.
    refusalReasons: rs.rules.reception.refusalReasons.map((g) => ({ code: g.code, label: { vi: g.labelVi, en: g.labelEn }, noticeRequired: g.noticeRequired })),
    documents: docs.map((d: any) => ({ id: d.id, seq: d.seq, title: d.title, pages: d.pages, original: d.original, receivedAt: iso(d.received_at), returnedAt: iso(d.returned_at) })),
    letters: letters.map((l: any) => ({ id: l.id, code: l.code, status: l.status, contentType: l.content_type, caseId: l.case_id })),
    allowedActions: await visitAffordances(db, actor, v),
    events: await eventsOf(db, app.config.tenantId, 'visit', v.id, VISIT_MACHINE),
    ...extra,
  };
}

const ACTIONS: { path: string; action: VisitAction; summary: string; body: any }[] = [
  { path: 'check-in', action: 'check_in', summary: 'Receive a person registered for a leader session (enters the register)', body: Obj({}) },
  { path: 'absent', action: 'mark_absent', summary: 'A registered person did not come', body: Obj({}) },
  { path: 'refuse', action: 'refuse', summary: 'Refuse reception with a ground of the rule set (Mẫu 01/TCD within 3 working days where required)', body: Obj({ reason: Text(60, 1), note: Opt(Text(1000)) }) },
  { path: 'refusal-notice', action: 'issue_refusal_notice', summary: 'Issue the written refusal notice (Mẫu 01/TCD)', body: Obj({ noticeNo: Text(100, 1) }) },
  { path: 'hear', action: 'hear', summary: 'Record what was heard (transcript read back and signed when there is no letter); sets the 10-working-day reply due', body: Type.Object({ version: Opt(Type.Integer({ minimum: 1 })), at: Opt(Type.String({ format: 'date-time' })), ...HearingBody.properties }, { additionalProperties: false }) },
  { path: 'answer', action: 'answer', summary: 'Answer directly', body: Obj({ answerText: Text(4000, 1) }) },
  { path: 'guide', action: 'guide', summary: 'Guide the visitor to the competent body', body: Obj({ guidanceTo: Text(300, 2), docNo: Opt(Text(100)) }) },
  {
    path: 'letters',
    action: 'create_letters',
    summary: 'Create letters from the visit, one per content (mixed content split into complaint, denunciation, petition)',
    body: Obj({
      parts: Type.Array(
        Type.Object(
          {
            contentType: PartContentType,
            summary: Text(4000, 5),
            content: Opt(Text(20000)),
            respondent: Opt(Type.Object({ name: Opt(Text(200)), unit: Opt(Text(300)), userId: Opt(Uuid) }, { additionalProperties: false })),
            field: Opt(Text(100)),
            hasOriginals: Opt(Type.Boolean()),
            originals: Opt(Type.Array(Type.Object({ title: Text(300, 1) }, { additionalProperties: false }), { maxItems: 100 })),
            multiSite: Opt(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        { minItems: 1, maxItems: 10 },
      ),
    }),
  },
  {
    path: 'documents',
    action: 'receive_documents',
    summary: 'Receive documents (Giấy biên nhận, Mẫu 02/TCD): item, pages, original or copy',
    body: Obj({ documents: Type.Array(Type.Object({ title: Text(300, 1), pages: Type.Integer({ minimum: 1, maximum: 10000 }), original: Type.Boolean() }, { additionalProperties: false }), { minItems: 1, maxItems: 100 }) }),
  },
  { path: 'return-documents', action: 'return_documents', summary: 'Return original documents', body: Obj({ documentIds: Opt(Type.Array(Uuid, { maxItems: 100 })) }) },
  {
    path: 'reply',
    action: 'reply',
    summary: 'Reply within 10 working days: accepted, needs more time, refused, transferred',
    body: Obj({ kind: Type.Union(['accepted', 'needs_more_time', 'refused', 'transferred'].map((k) => Type.Literal(k))), docNo: Opt(Text(100)), handlingBody: Opt(Text(300)), handlingDocNo: Opt(Text(100)) }),
  },
  { path: 'close', action: 'close', summary: 'Close the visit', body: Obj({ followUp: Opt(Text(1000)) }) },
];

const VisitListQuery = Type.Object(
  {
    unitId: Opt(Uuid),
    kind: Opt(Type.Union(['regular', 'periodic', 'ad_hoc', 'online'].map((k) => Type.Literal(k)))),
    status: Opt(Text(40)),
    sessionId: Opt(Uuid),
    q: Opt(Text(200)),
    from: Opt(LocalDay),
    to: Opt(LocalDay),
    massGroup: Opt(Type.Boolean()),
    ...Paging,
  },
  { additionalProperties: false },
);

const reception: FastifyPluginAsync = async (app) => {
  // ---------------------------------------------------------------- public schedule
  app.get(
    '/reception-schedule',
    {
      schema: {
        tags: ['receptions'],
        summary: 'Public: the regular reception schedule of each office and the published leader sessions',
        security: [],
        querystring: Type.Object({ unitId: Opt(Uuid), from: Opt(LocalDay), to: Opt(LocalDay) }, { additionalProperties: false }),
      },
    },
    async (request) => {
      const q = request.query as any;
      const today = localDateOf(new Date());
      const from = q.from ?? today;
      const to = q.to ?? addDays(from, 62);
      if (to < from) throw badRequest([fieldError('to', 'to must not be before from', 'to không được trước from')]);
      const offices = (
        await app.db.query(
          `select o.*, u.name unit_name from reception_offices o join units u on u.id = o.unit_id where o.tenant_id=$1 and o.published and ($2::uuid is null or o.unit_id=$2) order by u.code`,
          [app.config.tenantId, q.unitId ?? null],
        )
      ).rows;
      const sessions = (
        await app.db.query(
          `select s.*, u.name unit_name from reception_sessions s join units u on u.id = s.unit_id
            where s.tenant_id=$1 and s.published and s.status <> 'cancelled' and s.scheduled_on between $2::date and $3::date and ($4::uuid is null or s.unit_id=$4)
            order by s.scheduled_on, s.start_time`,
          [app.config.tenantId, from, to, q.unitId ?? null],
        )
      ).rows;
      return {
        from,
        to,
        offices: offices.map((o: any) => ({ unitId: o.unit_id, unitName: o.unit_name, name: o.name, address: o.address, phone: o.phone, regularSchedule: o.regular_schedule })),
        sessions: sessions.map((s: any) => ({
          id: s.id,
          unitId: s.unit_id,
          unitName: s.unit_name,
          kind: s.kind,
          leaderName: s.leader_name,
          leaderTitle: s.leader_title,
          scheduledOn: s.scheduled_on,
          startTime: s.start_time,
          endTime: s.end_time,
          location: s.location,
          status: s.status,
        })),
      };
    },
  );

  // ---------------------------------------------------------------- offices
  app.put(
    '/receptions/offices/:unitId',
    {
      schema: {
        tags: ['receptions'],
        summary: 'Set a unit’s reception office and its regular schedule (published on the portal)',
        params: Type.Object({ unitId: Uuid }),
        body: Type.Object(
          { name: Text(200, 2), address: Text(300, 5), phone: Opt(Text(30)), regularSchedule: Text(1000, 5), published: Opt(Type.Boolean()), version: Opt(Type.Integer({ minimum: 1 })) },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const actor = await staffActor(app, request);
      const { unitId } = request.params as any;
      if (!actor.scopes.officer.has(unitId) && !actor.scopes.leader.has(unitId)) throw forbidden();
      const b = request.body as any;
      return app.db.tx(async (tx) => {
        const cur = (await tx.query('select version from reception_offices where tenant_id=$1 and unit_id=$2 for update', [app.config.tenantId, unitId])).rows[0];
        if (cur && b.version !== undefined && cur.version !== b.version) throw staleVersion();
        const r = (
          await tx.query(
            `insert into reception_offices(tenant_id, unit_id, name, address, phone, regular_schedule, published) values ($1,$2,$3,$4,$5,$6,$7)
             on conflict (tenant_id, unit_id) do update set name=excluded.name, address=excluded.address, phone=excluded.phone,
               regular_schedule=excluded.regular_schedule, published=excluded.published, version=reception_offices.version+1, updated_at=now()
             returning *`,
            [app.config.tenantId, unitId, b.name, b.address, b.phone ?? null, b.regularSchedule, b.published ?? true],
          )
        ).rows[0];
        return { unitId: r.unit_id, name: r.name, address: r.address, phone: r.phone, regularSchedule: r.regular_schedule, published: r.published, version: r.version };
      });
    },
  );

  // ---------------------------------------------------------------- sessions
  app.get(
    '/receptions/sessions',
    { schema: { tags: ['receptions'], summary: 'Leader and online sessions in scope', querystring: Type.Object({ unitId: Opt(Uuid), from: Opt(LocalDay), to: Opt(LocalDay), ...Paging }, { additionalProperties: false }) } },
    async (request) => {
      const actor = await staffActor(app, request);
      const q = request.query as any;
      const rows = (
        await app.db.query(
          `select s.*, u.name unit_name from reception_sessions s join units u on u.id = s.unit_id
            where s.tenant_id=$1 and s.unit_id = any($2::uuid[]) and ($3::uuid is null or s.unit_id=$3)
              and ($4::date is null or s.scheduled_on >= $4) and ($5::date is null or s.scheduled_on <= $5)
            order by s.scheduled_on desc limit $6 offset $7`,
          [app.config.tenantId, visitUnits(actor.scopes), q.unitId ?? null, q.from ?? null, q.to ?? null, q.limit ?? 50, q.offset ?? 0],
        )
      ).rows;
      return { items: rows.map(viewSession) };
    },
  );

  app.post('/receptions/sessions', { schema: { tags: ['receptions'], summary: 'Schedule a periodic, ad-hoc or online reception session', body: SessionBody } }, async (request, reply) => {
    const actor = await staffActor(app, request);
    const r = await idempotentCreate(app.db, request, actor.user, 'POST /receptions/sessions', async (tx) => {
      const s = await createSession(tx, env(app), actor, request.body as any);
      return { statusCode: 201, body: viewSession(s) };
    });
    return reply.status(r.statusCode).send(r.body);
  });

  app.get('/receptions/sessions/:id', { schema: { tags: ['receptions'], summary: 'A session with its visits, registrations and conclusion', params: IdParams } }, async (request) => {
    const actor = await staffActor(app, request);
    const s = await loadSession(app.db, app.config.tenantId, (request.params as any).id);
    if (!s || !canViewVisit(actor, s.unit_id)) throw notFound('Reception session', 'Buổi tiếp công dân');
    const visits = (await app.db.query(`select v.*, u.name unit_name from reception_visits v join units u on u.id=v.unit_id where v.session_id=$1 order by v.received_at`, [s.id])).rows;
    const conc = (await app.db.query('select * from reception_conclusions where session_id=$1', [s.id])).rows[0];
    const ins = conc
      ? (await app.db.query('select i.*, c.code case_code from reception_instructions i left join cases c on c.id = i.case_id where i.conclusion_id=$1 order by i.due_on, i.id', [conc.id])).rows
      : [];
    // The cases its visitors' letters opened: what the conclusion's instructions may refer to.
    const cases = (
      await app.db.query(
        `select distinct c.id, c.code, c.type, c.status, l.visit_id from letters l join reception_visits v on v.id = l.visit_id join cases c on c.id = l.case_id
          where l.tenant_id = $1 and v.session_id = $2 order by c.code`,
        [app.config.tenantId, s.id],
      )
    ).rows;
    return {
      ...viewSession(s),
      visits: visits.map(viewVisitSummary),
      cases: cases.map((c: any) => ({ id: c.id, code: c.code, visitId: c.visit_id, statusLabel: caseStatusLabel(c.type, c.status) })),
      conclusion: conc
        ? {
            noticeNo: conc.notice_no,
            issuedAt: iso(conc.issued_at),
            summary: conc.summary,
            instructions: ins.map((i: any) => ({ id: i.id, visitId: i.visit_id, caseId: i.case_id, caseCode: i.case_code ?? null, instruction: i.instruction, assigneeUnitId: i.assignee_unit_id, dueOn: i.due_on, status: i.status, doneAt: iso(i.done_at), overdue: i.status === 'pending' && i.due_on < localDateOf(new Date()), version: i.version })),
          }
        : null,
      events: await eventsOf(app.db, app.config.tenantId, 'session', s.id, null),
    };
  });

  const sessionActions: { path: string; action: 'hold' | 'cancel' | 'conclude'; summary: string; body: any }[] = [
    {
      path: 'hold',
      action: 'hold',
      summary: 'Record that the session was held (online: recording reference and hash required)',
      body: Obj({ startedAt: Opt(Type.String({ format: 'date-time' })), endedAt: Opt(Type.String({ format: 'date-time' })), recordingRef: Opt(Text(300)), recordingSha256: Opt(Type.String({ pattern: '^[0-9a-f]{64}$' })), retentionClass: Opt(Text(60)), points: Opt(Type.Array(Type.Any(), { maxItems: 100 })) }),
    },
    { path: 'cancel', action: 'cancel', summary: 'Cancel a scheduled session', body: Obj({ reason: Text(1000, 3) }) },
    {
      path: 'conclusion',
      action: 'conclude',
      summary: 'Leader’s conclusion notice (Thông báo kết luận) with tracked instructions',
      body: Obj({
        noticeNo: Text(100, 1),
        summary: Text(4000, 5),
        instructions: Type.Array(
          Type.Object({ visitId: Opt(Uuid), caseId: Opt(Uuid), instruction: Text(2000, 3), assigneeUnitId: Uuid, assigneeUserId: Opt(Uuid), dueOn: LocalDay }, { additionalProperties: false }),
          { maxItems: 100 },
        ),
      }),
    },
  ];
  for (const a of sessionActions) {
    app.post(`/receptions/sessions/:id/${a.path}`, { schema: { tags: ['receptions'], summary: a.summary, params: IdParams, body: a.body } }, async (request) => {
      const actor = await staffActor(app, request);
      const body = withVersion<any>(request);
      const s = await app.db.tx((tx) => sessionAction(tx, env(app), actor, (request.params as any).id, a.action, body));
      return viewSession(s);
    });
  }

  registerFormRoutes(app, {
    path: '/receptions/sessions/:id/forms/:key',
    tag: 'receptions',
    what: "the conclusion notice of a leader's reception session (Mẫu 04/TCD)",
    params: Type.Object({ id: Uuid, key: Type.Literal('conclusion_notice') }),
    load: async (request) => {
      const actor = await staffActor(app, request);
      const s = await loadSession(app.db, app.config.tenantId, (request.params as any).id);
      if (!s || !canViewVisit(actor, s.unit_id)) throw notFound('Reception session', 'Buổi tiếp công dân');
      return { form: await sessionForm(app.db, s), unitId: s.unit_id, fileStem: `buoi-tiep-${String(s.scheduled_on).slice(0, 10)}` };
    },
  });

  app.get(
    '/receptions/sessions/:id/assignable-users',
    {
      schema: {
        tags: ['receptions'],
        summary: 'Staff of a unit (and the units under it) to whom an instruction of the conclusion notice may be given; for the leaders of the session unit',
        params: IdParams,
        querystring: Type.Object({ unitId: Uuid, q: Opt(Text(100)) }, { additionalProperties: false }),
        response: { 200: AssignableUsers },
      },
    },
    async (request) => {
      const actor = await staffActor(app, request);
      const s = await loadSession(app.db, app.config.tenantId, (request.params as any).id);
      if (!s || !canViewVisit(actor, s.unit_id)) throw notFound('Reception session', 'Buổi tiếp công dân');
      if (!actor.scopes.leader.has(s.unit_id)) throw forbidden('Only a leader issues the conclusion notice', 'Chỉ lãnh đạo ban hành thông báo kết luận');
      const q = request.query as any;
      const u = (await app.db.query('select 1 from units where tenant_id=$1 and id=$2', [app.config.tenantId, q.unitId])).rowCount;
      if (!u) throw badRequest([fieldError('unitId', 'not a unit', 'không phải đơn vị')]);
      return { items: await assignableStaff(app.db, app.config.tenantId, q.unitId, [], q.q) };
    },
  );

  app.get(
    '/receptions/instructions',
    { schema: { tags: ['receptions'], summary: 'Instructions of conclusion notices assigned to units in scope: done, pending, overdue', querystring: Type.Object({ status: Opt(Type.Union([Type.Literal('pending'), Type.Literal('done'), Type.Literal('overdue')])) }, { additionalProperties: false }) } },
    async (request) => {
      const actor = await staffActor(app, request);
      const q = request.query as any;
      const units = [...new Set([...visitUnits(actor.scopes), ...actor.scopes.inspector])];
      const today = localDateOf(new Date());
      const rows = (
        await app.db.query(
          `select i.*, u.name unit_name, rc.notice_no from reception_instructions i join units u on u.id=i.assignee_unit_id join reception_conclusions rc on rc.id=i.conclusion_id
            where i.tenant_id=$1 and i.assignee_unit_id = any($2::uuid[])
              and ($3::text is null or ($3 = 'done' and i.status='done') or ($3 = 'pending' and i.status='pending' and i.due_on >= $4::date) or ($3 = 'overdue' and i.status='pending' and i.due_on < $4::date))
            order by i.due_on`,
          [app.config.tenantId, units, q.status ?? null, today],
        )
      ).rows;
      return {
        items: rows.map((i: any) => ({ id: i.id, noticeNo: i.notice_no, instruction: i.instruction, assigneeUnitId: i.assignee_unit_id, assigneeUnitName: i.unit_name, dueOn: i.due_on, status: i.status, overdue: i.status === 'pending' && i.due_on < today, doneAt: iso(i.done_at), version: i.version })),
      };
    },
  );

  app.post(
    '/receptions/instructions/:id/complete',
    { schema: { tags: ['receptions'], summary: 'Report an instruction as done', params: IdParams, body: Obj({ note: Text(2000, 3) }) } },
    async (request) => {
      const actor = await staffActor(app, request);
      const body = withVersion<any>(request);
      const r = await app.db.tx((tx) => completeInstruction(tx, env(app), actor, (request.params as any).id, body));
      return { id: r.id, status: r.status, doneAt: iso(r.done_at), version: r.version };
    },
  );

  app.get(
    '/receptions/compliance',
    {
      schema: {
        tags: ['receptions'],
        summary: 'Periodic reception by heads: sessions held vs required in the current period per unit, with a warning before the period ends',
        querystring: Type.Object({ date: Opt(LocalDay), warnDays: Opt(Type.Integer({ minimum: 0, maximum: 31 })) }, { additionalProperties: false }),
      },
    },
    async (request) => {
      const actor = await staffActor(app, request);
      const q = request.query as any;
      const date = q.date ?? localDateOf(new Date());
      const rs = await ruleSetAt(app.db, app.config.tenantId, new Date(`${date}T12:00:00+07:00`));
      const units = (await app.db.query(`select id, name, kind from units where tenant_id=$1 and id = any($2::uuid[]) and (valid_to is null or valid_to > $3::date) order by code`, [app.config.tenantId, [...new Set([...visitUnits(actor.scopes)])], date])).rows;
      const out = [];
      for (const u of units) {
        const rule = periodicRequirement(rs.rules, u.kind);
        if (!rule) continue;
        const { from, to } = periodBounds(date, rule.period);
        const n = (
          await app.db.query(
            `select count(*) filter (where status='held')::int held, count(*) filter (where status='scheduled')::int scheduled
               from reception_sessions where tenant_id=$1 and unit_id=$2 and kind='periodic' and role_of_unit='host' and not is_deputy and scheduled_on >= $3::date and scheduled_on < $4::date`,
            [app.config.tenantId, u.id, from, to],
          )
        ).rows[0];
        out.push({ unitId: u.id, unitName: u.name, level: u.kind, ...compliance(rule, date, n.held, n.scheduled, q.warnDays ?? 7), legalBasis: rule.legalBasis, evidence: rule.evidence });
      }
      return { date, ruleSet: rs.code, items: out };
    },
  );

  // ---------------------------------------------------------------- register
  const RegisterQuery = Type.Object({ unitId: Uuid, year: Type.Integer({ minimum: 2000, maximum: 2200 }) }, { additionalProperties: false });
  const loadRegister = async (request: FastifyRequest) => {
    const actor = await staffActor(app, request);
    const q = request.query as { unitId: string; year: number };
    if (!canViewVisit(actor, q.unitId)) throw forbidden();
    const unit = (
      await app.db.query(
        `select u.name, p.name parent_name, t.name tenant_name from units u join tenants t on t.id = u.tenant_id left join units p on p.id = u.parent_id where u.tenant_id=$1 and u.id=$2`,
        [app.config.tenantId, q.unitId],
      )
    ).rows[0];
    return { q, unit, rows: await registerRows(app.db, app.config.tenantId, q.unitId, q.year) };
  };
  /** The register as a printed form, with the register form of the rule set in force at the year's end (or now). */
  const registerDocumentOf = async (request: FastifyRequest) => {
    const { q, unit, rows } = await loadRegister(request);
    if (rows.length > MAX_RECEPTION_REGISTER_PRINT_ROWS) {
      throw conflict('register_too_long', `The register has ${rows.length} rows; print at most ${MAX_RECEPTION_REGISTER_PRINT_ROWS} or download the Excel file`, `Sổ có ${rows.length} dòng; chỉ in tối đa ${MAX_RECEPTION_REGISTER_PRINT_ROWS} dòng, hãy tải tệp Excel`);
    }
    const now = new Date();
    const yearEnd = new Date(Date.UTC(q.year, 11, 31, 5));
    const rs = await ruleSetAt(app.db, app.config.tenantId, yearEnd < now ? yearEnd : now).catch(() => null);
    const tenantName: string = unit?.tenant_name ?? '';
    return {
      q,
      doc: receptionRegisterDocument({
        unitName: unit?.name ?? '',
        parentName: unit?.parent_name ?? provinceAgency(tenantName),
        tenantName,
        year: q.year,
        form: rs?.rules.forms.register,
        rows,
        printedAt: now,
      }),
    };
  };
  app.get('/receptions/register', { schema: { tags: ['receptions'], summary: 'Sổ tiếp công dân (Mẫu 03/TCD): the 13 columns, CCCD masked', querystring: RegisterQuery } }, async (request) => {
    const { q, unit, rows } = await loadRegister(request);
    return { unitId: q.unitId, unitName: unit?.name ?? null, year: q.year, form: 'Mẫu 03/TCD', columns: REGISTER_COLUMNS, rows };
  });
  app.get('/receptions/register.xlsx', { schema: { tags: ['receptions'], summary: 'Sổ tiếp công dân as Excel', querystring: RegisterQuery } }, async (request, reply) => {
    const { q, unit, rows } = await loadRegister(request);
    const buf = await registerWorkbook(unit?.name ?? '', q.year, rows);
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="so-tiep-cong-dan-${q.year}.xlsx"`)
      .send(buf);
  });
  app.get(
    '/receptions/register/document',
    { schema: { tags: ['receptions'], summary: `Sổ tiếp công dân as a printed form (A4 landscape, the 13 columns; at most ${MAX_RECEPTION_REGISTER_PRINT_ROWS} rows): what the print page and the PDF draw`, querystring: RegisterQuery } },
    async (request) => (await registerDocumentOf(request)).doc,
  );
  app.get(
    '/receptions/register.pdf',
    { schema: { tags: ['receptions'], summary: 'Sổ tiếp công dân as an A4-landscape PDF', querystring: RegisterQuery, produces: ['application/pdf'] } },
    async (request, reply) => {
      const { q, doc } = await registerDocumentOf(request);
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="so-tiep-cong-dan-${q.year}.pdf"`)
        .header('cache-control', 'private, no-store')
        .send(await renderFormPdf(doc));
    },
  );

  // ---------------------------------------------------------------- visits
  app.get('/receptions', { schema: { tags: ['receptions'], summary: 'Visits in scope (CCCD masked; protected denouncers hidden)', querystring: VisitListQuery } }, async (request) => {
    const actor = await staffActor(app, request);
    const q = request.query as any;
    const params: unknown[] = [app.config.tenantId, visitUnits(actor.scopes)];
    const where = ['v.tenant_id=$1', 'v.unit_id = any($2::uuid[])'];
    const add = (sql: string, val: unknown) => {
      params.push(val);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (q.unitId) add('v.unit_id = ?', q.unitId);
    if (q.kind) add('v.kind = ?', q.kind);
    if (q.status) add('v.status = ?', q.status);
    if (q.sessionId) add('v.session_id = ?', q.sessionId);
    if (q.q) add(`(v.search_text || ' ' || vn_fold(coalesce(v.content_summary, ''))) like '%' || vn_fold(?) || '%'`, q.q);
    if (q.from) add(`v.received_at >= (?::date)::timestamp at time zone 'Asia/Ho_Chi_Minh'`, q.from);
    if (q.to) add(`v.received_at < ((?::date) + 1)::timestamp at time zone 'Asia/Ho_Chi_Minh'`, q.to);
    if (q.massGroup) where.push('v.mass_group');
    const total = (await app.db.query(`select count(*)::int n from reception_visits v where ${where.join(' and ')}`, params)).rows[0].n;
    params.push(q.limit ?? 50, q.offset ?? 0);
    const rows = (
      await app.db.query(
        `select v.*, u.name unit_name from reception_visits v join units u on u.id=v.unit_id where ${where.join(' and ')}
          order by v.received_at desc limit $${params.length - 1} offset $${params.length}`,
        params,
      )
    ).rows;
    return { total, items: rows.map(viewVisitSummary) };
  });

  app.post('/receptions', { schema: { tags: ['receptions'], summary: 'Record a visit (or a registration for a leader session); with `hearing`, what was heard', body: VisitBody } }, async (request, reply) => {
    const actor = await staffActor(app, request);
    const r = await idempotentCreate(app.db, request, actor.user, 'POST /receptions', async (tx) => {
      const v = await recordVisit(tx, env(app), actor, request.body as any);
      return { statusCode: 201, body: { id: v.id as string } };
    });
    const v = await loadVisit(app.db, app.config.tenantId, r.body.id);
    return reply.status(r.statusCode).send(await visitDetail(app, actor, v));
  });

  app.get('/receptions/:id', { schema: { tags: ['receptions'], summary: 'A visit with its documents, letters, allowed actions and events', params: IdParams } }, async (request) => {
    const actor = await staffActor(app, request);
    const v = await loadVisit(app.db, app.config.tenantId, (request.params as any).id);
    if (!v || !canViewVisit(actor, v.unit_id)) throw notFound('Visit', 'Lượt tiếp công dân');
    return visitDetail(app, actor, v);
  });

  for (const a of ACTIONS) {
    app.post(`/receptions/:id/${a.path}`, { schema: { tags: ['receptions'], summary: a.summary, params: IdParams, body: a.body } }, async (request) => {
      const actor = await staffActor(app, request);
      const body = withVersion<any>(request);
      const r = await app.db.tx((tx) => runVisitAction(tx, env(app), actor, (request.params as any).id, a.action, body));
      return visitDetail(app, actor, r.visit, r.extra);
    });
  }

  registerFormRoutes(app, {
    path: '/receptions/:id/forms/:key',
    tag: 'receptions',
    what: 'a reception form: refusal notice (Mẫu 01/TCD) or receipt of documents (Mẫu 02/TCD)',
    params: Type.Object({ id: Uuid, key: Type.Union([Type.Literal('refusal_notice'), Type.Literal('documents_receipt')]) }),
    load: async (request) => {
      const actor = await staffActor(app, request);
      const { id, key } = request.params as any;
      const v = await loadVisit(app.db, app.config.tenantId, id);
      if (!v || !canViewVisit(actor, v.unit_id)) throw notFound('Visit', 'Lượt tiếp công dân');
      return { form: await visitForm(app.db, v, key), unitId: v.unit_id, fileStem: `tiep-cong-dan-${v.register_no ?? v.id.slice(0, 8)}` };
    },
  });

  app.get(
    '/receptions/:id/visitor',
    {
      schema: {
        tags: ['receptions'],
        summary: 'Reveal a protected visitor (denouncer) to an entitled user, with a purpose; audited',
        params: IdParams,
        querystring: Type.Object({ purpose: Text(500, 1), fields: Opt(Type.String({ maxLength: 200, pattern: `^(${PROTECTED_FIELDS.join('|')})(,(${PROTECTED_FIELDS.join('|')}))*$` })), breakGlass: Opt(Type.Boolean()) }, { additionalProperties: false }),
      },
    },
    async (request) => {
      const actor = await staffActor(app, request);
      const q = request.query as any;
      const e = env(app);
      return auditedReveal(app.db, () => app.db.tx(async (tx) => {
        const v = await loadVisit(tx, e.tenantId, (request.params as any).id);
        if (!v || !canViewVisit(actor, v.unit_id)) throw notFound('Visit', 'Lượt tiếp công dân');
        if (!v.identity_id) throw forbidden('This visit has no protected identity', 'Lượt tiếp này không có thông tin được bảo vệ');
        const assigned = (
          await tx.query(`select a.user_id from case_assignments a join letters l on l.case_id = a.case_id where l.visit_id=$1 and a.ended_at is null`, [v.id])
        ).rows.map((r: any) => r.user_id);
        const identity = await revealIdentity(
          tx,
          e,
          actor,
          { entity: 'visit', entityId: v.id, caseId: null, letterId: null, identityId: v.identity_id, unitId: v.unit_id, ruleSetId: v.rule_set_id, barred: [], assignedUserIds: assigned, letterHandlerIds: [v.received_by].filter(Boolean) },
          { purpose: q.purpose, fields: q.fields ? (q.fields.split(',') as ProtectedField[]) : undefined, breakGlass: q.breakGlass },
        );
        return { visitId: v.id, identity };
      }));
    },
  );

  // Scans of the documents received (routes-files.ts).
  await visitFileRoutes(app);
};

export default reception;
