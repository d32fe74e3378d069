/** /api/v1/cases: complaints, denunciations, petitions — verification, decisions, clocks, forms, protected identity. */
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { Type } from 'typebox';
import { forbidden, notFound } from '../../http/errors.js';
import { caseMachine, COMPLEX_CRITERIA_LABELS, PROTECTED_FIELDS, type CaseAction, type ProtectedField } from '../../core/letters/index.js';
import { eventsOf, iso, ruleSetById, type Actor } from './common.js';
import { canViewCase, caseCaps, caseUnits, caseVisibilitySql } from './policy.js';
import { assignmentsOf, caseAffordances, loadCase, runCaseAction } from './cases-service.js';
import { viewCase, viewCaseSummary } from './views.js';
import { caseForm } from './forms-service.js';
import { registerFormRoutes } from './form-routes.js';
import { auditedReveal, revealIdentity } from './protected.js';
import { env, staffActor, withVersion } from './http.js';
import { IdParams, Obj, Opt, Paging, Text, Uuid } from './schemas.js';
import { casesWorkbook } from './exports.js';
import { AssignableUsers, assignableStaff } from './staff.js';

const CaseListQuery = Type.Object(
  {
    q: Opt(Text(200)),
    type: Opt(Type.Union([Type.Literal('complaint'), Type.Literal('denunciation'), Type.Literal('petition')])),
    status: Opt(Text(40)),
    unitId: Opt(Uuid),
    overdue: Opt(Type.Boolean()),
    assignedToMe: Opt(Type.Boolean()),
    ...Paging,
  },
  { additionalProperties: false },
);

async function listCases(app: FastifyInstance, actor: Actor, q: any, limit: number, offset: number) {
  const params: unknown[] = [app.config.tenantId, actor.user.id, caseUnits(actor.scopes)];
  const where = ['c.tenant_id = $1', caseVisibilitySql(2, 3)];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (q.q) add(`c.search_text like '%' || vn_fold(?) || '%'`, q.q);
  if (q.type) add('c.type = ?', q.type);
  if (q.status) add('c.status = ?', q.status);
  if (q.unitId) add('c.unit_id = ?', q.unitId);
  if (q.overdue) where.push('c.resolved_at is null and c.end_kind is null and c.due_at < now()');
  if (q.assignedToMe) where.push('exists (select 1 from case_assignments a2 where a2.case_id = c.id and a2.user_id = $2 and a2.ended_at is null)');
  const total = (await app.db.query(`select count(*)::int n from cases c where ${where.join(' and ')}`, params)).rows[0].n;
  params.push(limit, offset);
  const rows = (
    await app.db.query(
      `select c.*, u.name unit_name from cases c join units u on u.id = c.unit_id where ${where.join(' and ')}
        order by c.accepted_at desc, c.code desc limit $${params.length - 1} offset $${params.length}`,
      params,
    )
  ).rows;
  return { total, rows };
}

async function caseDetail(app: FastifyInstance, actor: Actor, c: any, extra: Record<string, unknown> = {}) {
  const db = app.db;
  const asg = await assignmentsOf(db, c.id);
  const suspensions = (await db.query('select * from case_suspensions where case_id=$1 order by id', [c.id])).rows;
  const extensions = (await db.query('select * from case_extensions where case_id=$1 order by seq', [c.id])).rows;
  const letters = (await db.query('select id, code, status, content_type, linked, received_at from letters where case_id=$1 order by received_at', [c.id])).rows;
  const children = (await db.query('select id, code, instance, status, unit_id from cases where parent_case_id=$1', [c.id])).rows;
  const rs = await ruleSetById(db, c.rule_set_id);
  return {
    ...viewCase(c),
    assignments: asg.map((a) => ({ userId: a.user_id, name: a.full_name, role: a.role, assignedAt: iso(a.assigned_at) })),
    suspensions: suspensions.map((s: any) => ({
      suspendedAt: iso(s.suspended_at),
      ground: s.ground,
      decisionNo: s.decision_no,
      noticeDueAt: iso(s.notice_due_at),
      dueBefore: iso(s.due_before),
      resumedAt: iso(s.resumed_at),
      resumeDecisionNo: s.resume_decision_no,
      dueAfter: iso(s.due_after),
    })),
    extensionDecisions: extensions.map((x: any) => ({ seq: x.seq, days: x.days, decisionNo: x.decision_no, reason: x.reason, at: iso(x.at), dueBefore: iso(x.due_before), dueAfter: iso(x.due_after) })),
    letters: letters.map((l: any) => ({ id: l.id, code: l.code, status: l.status, contentType: l.content_type, linked: l.linked, receivedAt: iso(l.received_at) })),
    secondInstance: children.map((x: any) => ({ id: x.id, code: x.code, instance: x.instance, status: x.status })),
    // The criteria of the case's rule set (what record_complexity accepts), with their names.
    complexCriteria: Object.fromEntries(rs.rules.complaints.complexCriteria.map((k) => [k, COMPLEX_CRITERIA_LABELS[k] ?? { vi: k, en: k }])),
    allowedActions: await caseAffordances(db, actor, c),
    events: await eventsOf(db, app.config.tenantId, 'case', c.id, caseMachine(c.type)),
    ...extra,
  };
}

const ACTIONS: { path: string; action: CaseAction; summary: string; body: any }[] = [
  { path: 'assign', action: 'assign', summary: 'Assign a resolver, verifier, inspector or named supervisor (never the denounced person)', body: Obj({ userId: Uuid, role: Type.Union(['resolver', 'verifier', 'inspector', 'supervisor'].map((r) => Type.Literal(r))) }) },
  {
    path: 'complexity',
    action: 'record_complexity',
    summary: 'Record the complexity decision (criteria, document); longer periods apply only when recorded',
    body: Obj({ complex: Opt(Type.Boolean()), especiallyComplex: Opt(Type.Boolean()), criteria: Type.Array(Text(60, 1), { maxItems: 10 }), docNo: Opt(Text(100)) }),
  },
  { path: 'start-verification', action: 'start_verification', summary: 'Start verification', body: Obj({}) },
  { path: 'dialogue', action: 'hold_dialogue', summary: 'Hold the dialogue (minutes)', body: Obj({ minutes: Opt(Text(4000)) }) },
  { path: 'suspend', action: 'suspend', summary: 'Suspend a complaint (Mẫu 14a; notice within 3 working days)', body: Obj({ reason: Text(1000, 3), decisionNo: Text(100, 1) }) },
  { path: 'resume', action: 'resume', summary: 'Resume (Mẫu 14b): the full period runs again from the resumption', body: Obj({ decisionNo: Text(100, 1) }) },
  { path: 'extend', action: 'extend', summary: 'Extend a denunciation (≤ 1, or ≤ 2 if especially complex; each ≤ 30 days)', body: Obj({ days: Type.Integer({ minimum: 1, maximum: 365 }), decisionNo: Text(100, 1), reason: Text(1000, 3) }) },
  { path: 'decide', action: 'decide', summary: 'Decide a complaint (Quyết định giải quyết khiếu nại)', body: Obj({ decisionNo: Text(100, 1), result: Type.Union(['upheld', 'partly_upheld', 'rejected'].map((r) => Type.Literal(r))) }) },
  { path: 'conclude', action: 'conclude', summary: 'Conclude a denunciation (Kết luận nội dung tố cáo)', body: Obj({ conclusionNo: Text(100, 1), result: Type.Union(['true', 'partly_true', 'false'].map((r) => Type.Literal(r))) }) },
  { path: 'handle-conclusion', action: 'handle_conclusion', summary: 'Handle the conclusion of a denunciation', body: Obj({ note: Opt(Text(2000)), result: Opt(Type.Union(['true', 'partly_true', 'false'].map((r) => Type.Literal(r)))) }) },
  { path: 'answer', action: 'answer', summary: 'Answer a petition in writing', body: Obj({ docNo: Text(100, 1) }) },
  { path: 'withdraw', action: 'withdraw', summary: 'Record a written withdrawal (and whether it was coerced)', body: Obj({ document: Text(300, 1), coerced: Opt(Type.Boolean()) }) },
  { path: 'terminate', action: 'terminate', summary: 'Terminate (đình chỉ) with its ground', body: Obj({ reason: Text(1000, 3) }) },
  { path: 'continue', action: 'continue', summary: 'Continue a withdrawn denunciation (violation evident or coerced withdrawal)', body: Obj({ reason: Text(1000, 3), coerced: Opt(Type.Boolean()) }) },
  {
    path: 'second-instance',
    action: 'request_second_instance',
    summary: 'Record a second-instance request; optionally open the linked case at the higher body',
    body: Obj({
      docNo: Opt(Text(100)),
      higherBody: Opt(Text(300)),
      openAt: Opt(Type.Object({ unitId: Uuid, acceptanceDocNo: Text(100, 1), resolverUserId: Opt(Uuid), verifierUserIds: Opt(Type.Array(Uuid, { maxItems: 20 })) }, { additionalProperties: false })),
    }),
  },
  { path: 'file-court', action: 'file_court', summary: 'Record a lawsuit at the administrative court', body: Obj({ court: Opt(Text(300)) }) },
  { path: 'finalize', action: 'finalize', summary: 'The decision becomes final (second-instance window passed)', body: Obj({}) },
  { path: 'enforcement', action: 'record_enforcement', summary: 'Follow up enforcement of the decision or conclusion', body: Obj({ status: Type.Union([Type.Literal('in_progress'), Type.Literal('done')]), note: Opt(Text(2000)) }) },
  { path: 'close', action: 'close', summary: 'Close the file', body: Obj({}) },
];

const cases: FastifyPluginAsync = async (app) => {
  app.get('/cases', { schema: { tags: ['cases'], summary: 'Cases in scope or assigned (denouncers shown as "[được bảo vệ]")', querystring: CaseListQuery } }, async (request) => {
    const actor = await staffActor(app, request);
    const q = request.query as any;
    const { total, rows } = await listCases(app, actor, q, q.limit ?? 50, q.offset ?? 0);
    return { total, items: rows.map(viewCaseSummary) };
  });

  app.get('/cases/export.xlsx', { schema: { tags: ['cases'], summary: 'Excel export of the cases in scope', querystring: CaseListQuery } }, async (request, reply) => {
    const actor = await staffActor(app, request);
    const { rows } = await listCases(app, actor, request.query as any, 100000, 0);
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', 'attachment; filename="vu-viec.xlsx"')
      .send(await casesWorkbook(rows.map(viewCaseSummary)));
  });

  app.get('/cases/:id', { schema: { tags: ['cases'], summary: 'A case with its clock, suspensions, extensions, letters, allowed actions and events', params: IdParams } }, async (request) => {
    const actor = await staffActor(app, request);
    const c = await loadCase(app.db, app.config.tenantId, (request.params as any).id);
    if (!c || !canViewCase(actor, c, await assignmentsOf(app.db, c.id))) throw notFound('Case', 'Vụ việc');
    return caseDetail(app, actor, c);
  });

  app.get(
    '/cases/:id/assignable-users',
    {
      schema: {
        tags: ['cases'],
        summary: 'Staff who may be assigned to the case (resolver, verifier…): reception officers, leaders and inspectors of the case unit’s parent and the units under it; never the denounced person. For those who may assign.',
        params: IdParams,
        querystring: Type.Object({ q: Opt(Text(100)) }, { additionalProperties: false }),
        response: { 200: AssignableUsers },
      },
    },
    async (request) => {
      const actor = await staffActor(app, request);
      const c = await loadCase(app.db, app.config.tenantId, (request.params as any).id);
      const asg = c ? await assignmentsOf(app.db, c.id) : [];
      if (!c || !canViewCase(actor, c, asg)) throw notFound('Case', 'Vụ việc');
      if (!caseCaps(actor, c, asg).has('resolver')) throw forbidden('Only those who may assign the case see whom to assign', 'Chỉ người có quyền phân công mới xem danh sách cán bộ để phân công');
      const unit = (await app.db.query('select id, parent_id from units where id=$1', [c.unit_id])).rows[0];
      const items = await assignableStaff(app.db, app.config.tenantId, unit?.parent_id ?? c.unit_id, c.barred_user_ids ?? [], (request.query as any).q);
      return { items };
    },
  );

  for (const a of ACTIONS) {
    app.post(`/cases/:id/${a.path}`, { schema: { tags: ['cases'], summary: a.summary, params: IdParams, body: a.body } }, async (request) => {
      const actor = await staffActor(app, request);
      const body = withVersion<any>(request);
      const r = await app.db.tx((tx) => runCaseAction(tx, env(app), actor, (request.params as any).id, a.action, body));
      return caseDetail(app, actor, r.case, r.extra);
    });
  }

  registerFormRoutes(app, {
    path: '/cases/:id/forms/:key',
    tag: 'cases',
    what: 'a case form (suspension 14a, resumption 14b, extension decision, notice to the denounced person)',
    params: Type.Object({ id: Uuid, key: Type.Union(['suspension', 'resumption', 'extension_decision', 'notice_to_respondent'].map((k) => Type.Literal(k))) }),
    load: async (request) => {
      const actor = await staffActor(app, request);
      const { id, key } = request.params as any;
      const c = await loadCase(app.db, app.config.tenantId, id);
      if (!c || !canViewCase(actor, c, await assignmentsOf(app.db, c.id))) throw notFound('Case', 'Vụ việc');
      return { form: await caseForm(app.db, c, key), unitId: c.unit_id, fileStem: c.code };
    },
  });

  app.get(
    '/cases/:id/denouncer',
    {
      schema: {
        tags: ['cases'],
        summary: 'Reveal the denouncer to a user entitled to this case, with a purpose; every field read is audited (break-glass: supervisors, with a reason)',
        params: IdParams,
        querystring: Type.Object(
          { purpose: Text(500, 1), fields: Opt(Type.String({ maxLength: 200, pattern: `^(${PROTECTED_FIELDS.join('|')})(,(${PROTECTED_FIELDS.join('|')}))*$` })), breakGlass: Opt(Type.Boolean()) },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const actor = await staffActor(app, request);
      const { id } = request.params as any;
      const q = request.query as any;
      const e = env(app);
      return auditedReveal(app.db, () => app.db.tx(async (tx) => {
        const c = await loadCase(tx, e.tenantId, id);
        const asg = c ? await assignmentsOf(tx, c.id) : [];
        if (!c || !canViewCase(actor, c, asg)) throw notFound('Case', 'Vụ việc');
        const l = c.letter_id ? (await tx.query('select id, identity_id, received_by from letters where id=$1', [c.letter_id])).rows[0] : null;
        if (!l?.identity_id) throw forbidden('This case has no protected identity', 'Vụ việc này không có thông tin được bảo vệ');
        const identity = await revealIdentity(
          tx,
          e,
          actor,
          {
            entity: 'case',
            entityId: c.id,
            caseId: c.id,
            letterId: l.id,
            identityId: l.identity_id,
            unitId: c.unit_id,
            ruleSetId: c.rule_set_id,
            barred: c.barred_user_ids,
            assignedUserIds: asg.map((a) => a.user_id),
            letterHandlerIds: [],
          },
          { purpose: q.purpose, fields: q.fields ? (q.fields.split(',') as ProtectedField[]) : undefined, breakGlass: q.breakGlass },
        );
        return { caseId: c.id, code: c.code, identity };
      }));
    },
  );
};

export default cases;
