/** /api/v1/letters: intake, list, detail with duplicates, classification and outcomes, forms, protected identity. */
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { Type } from 'typebox';
import { requireUser } from '../../http/context.js';
import { forbidden, notFound } from '../../http/errors.js';
import { idempotentCreate } from '../../http/idempotency.js';
import { LETTER_MACHINE, PROTECTED_FIELDS, type LetterAction, type ProtectedField } from '../../core/letters/index.js';
import { actorOf, eventsOf, iso, type Actor } from './common.js';
import { canViewLetter, isCitizen, letterUnits, caseUnits, letterVisibilitySql } from './policy.js';
import { duplicatesOf, letterAffordances, loadLetter, receiveLetter, runLetterAction } from './letters-service.js';
import { viewLetter, viewLetterForCitizen, viewLetterSummary } from './views.js';
import { letterForm } from './forms-service.js';
import { registerFormRoutes } from './form-routes.js';
import { auditedReveal, revealIdentity } from './protected.js';
import { env, staffActor, withVersion } from './http.js';
import { ArchiveReason, ClassifyBody, CitizenLetterBody, IdParams, LetterBody, Obj, Opt, Paging, SplitBody, Text, Uuid } from './schemas.js';
import { LETTER_LABELS, caseStatusLabel } from '../../core/letters/index.js';
import { lettersWorkbook } from './exports.js';
import { letterFileRoutes } from './routes-files.js';

export const LetterListQuery = Type.Object(
  {
    q: Opt(Text(200)),
    status: Opt(Text(40)),
    contentType: Opt(Text(40)),
    source: Opt(Text(40)),
    unitId: Opt(Uuid),
    caseId: Opt(Uuid),
    overdue: Opt(Type.Boolean()),
    from: Opt(Type.String({ format: 'date' })),
    to: Opt(Type.String({ format: 'date' })),
    ...Paging,
  },
  { additionalProperties: false },
);

/** The letters a user may see, filtered; the same predicate as the detail route. */
export async function listLetters(app: FastifyInstance, actor: Actor, q: any, limit: number, offset: number) {
  const params: unknown[] = [app.config.tenantId, actor.user.id, letterUnits(actor.scopes), caseUnits(actor.scopes)];
  const where = [`l.tenant_id = $1`, letterVisibilitySql(2, 3, 4)];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (q.q) add(`l.search_text like '%' || vn_fold(?) || '%'`, q.q);
  if (q.status) add(`l.status = ?`, q.status);
  if (q.contentType) add(`l.content_type = ?`, q.contentType);
  if (q.source) add(`l.source = ?`, q.source);
  if (q.unitId) add(`l.unit_id = ?`, q.unitId);
  if (q.caseId) add(`l.case_id = ?`, q.caseId);
  if (q.from) add(`l.received_at >= (?::date)::timestamp at time zone 'Asia/Ho_Chi_Minh'`, q.from);
  if (q.to) add(`l.received_at < ((?::date) + 1)::timestamp at time zone 'Asia/Ho_Chi_Minh'`, q.to);
  if (q.overdue) where.push(`l.outcome is null and l.status <> 'split' and l.due_at < now()`);
  const total = (await app.db.query(`select count(*)::int n from letters l where ${where.join(' and ')}`, params)).rows[0].n;
  params.push(limit, offset);
  const rows = (
    await app.db.query(
      `select l.*, u.name unit_name from letters l join units u on u.id = l.unit_id where ${where.join(' and ')}
        order by l.received_at desc, l.code desc limit $${params.length - 1} offset $${params.length}`,
      params,
    )
  ).rows;
  return { total, rows };
}

async function letterDetail(app: FastifyInstance, actor: Actor, l: any, extra: Record<string, unknown> = {}) {
  if (l.submitted_by_user_id === actor.user.id && isCitizen(actor.user)) return { ...viewLetterForCitizen(l), ...extra };
  const db = app.db;
  const dups = await duplicatesOf(db, l);
  const aff = await letterAffordances(db, actor, l, dups);
  const c = l.case_id ? (await db.query('select id, code, type, status, due_at, resolved_at from cases where id=$1', [l.case_id])).rows[0] : null;
  const parts = (await db.query('select id, code, content_type, status from letters where parent_letter_id=$1 order by code', [l.id])).rows;
  return {
    ...viewLetter(l),
    duplicates: dups.map((x) => ({ ...x, statusLabel: LETTER_LABELS[x.status as keyof typeof LETTER_LABELS] ?? null })),
    ...aff,
    case: c ? { id: c.id, code: c.code, type: c.type, status: c.status, statusLabel: caseStatusLabel(c.type, c.status), dueAt: iso(c.due_at), resolvedAt: iso(c.resolved_at) } : null,
    parts: parts.map((p: any) => ({ id: p.id, code: p.code, contentType: p.content_type, status: p.status })),
    events: await eventsOf(db, app.config.tenantId, 'letter', l.id, LETTER_MACHINE),
    ...extra,
  };
}

const ACTIONS: { path: string; action: LetterAction; summary: string; body: any }[] = [
  { path: 'classify', action: 'classify', summary: 'Classify on every axis (content, eligibility, competence, signatories, originals, competent system)', body: ClassifyBody },
  { path: 'split', action: 'split', summary: 'Split a letter with mixed content into one letter per content', body: SplitBody },
  { path: 'propose-accept', action: 'propose_accept', summary: 'Propose acceptance (Phiếu đề xuất thụ lý, Mẫu 01)', body: Obj({ proposal: Opt(Text(2000)), proposalDocNo: Opt(Text(100)) }) },
  { path: 'decline-proposal', action: 'decline_proposal', summary: 'Leader declines the proposal (back to classified)', body: Obj({ reason: Text(1000, 3) }) },
  {
    path: 'open-case',
    action: 'open_case',
    summary: 'Leader accepts (thụ lý) and opens the case; the resolution clock starts',
    body: Obj({
      acceptanceDocNo: Text(100, 1),
      resolvingUnitId: Opt(Uuid),
      resolverUserId: Opt(Uuid),
      verifierUserIds: Opt(Type.Array(Uuid, { maxItems: 20 })),
      remoteArea: Opt(Type.Boolean()),
    }),
  },
  { path: 'link', action: 'link', summary: 'Link to an existing case instead of opening a new one (counts as a letter, not a new case)', body: Obj({ caseId: Uuid, reason: Opt(Text(1000)) }) },
  { path: 'transfer', action: 'transfer', summary: 'Transfer to the competent body (Mẫu 02/03/04); a denunciation only once', body: Obj({ to: Text(300, 2), toUnitId: Opt(Uuid), docNo: Opt(Text(100)), note: Opt(Text(1000)) }) },
  { path: 'remind', action: 'remind', summary: 'Reminder to the competent body when its reply is overdue (Mẫu 07)', body: Obj({ docNo: Opt(Text(100)) }) },
  { path: 'record-reply', action: 'record_reply', summary: 'Record the competent body’s reply', body: Obj({ summary: Text(2000, 3) }) },
  { path: 'guide', action: 'guide', summary: 'Guide the sender to the competent body (Mẫu 05); once per content', body: Obj({ guidedTo: Text(300, 2), docNo: Opt(Text(100)) }) },
  { path: 'return-originals', action: 'return_originals', summary: 'Return the letter and original documents (Mẫu 06)', body: Obj({ note: Opt(Text(1000)) }) },
  {
    path: 'archive',
    action: 'archive',
    summary: 'Archive with a reason code (anonymous denunciations: optional inspection-information task without personal data)',
    body: Obj({ reason: ArchiveReason, note: Opt(Text(1000)), relatedLetterId: Opt(Uuid), inspectionTask: Opt(Type.Object({ summary: Text(2000, 5), unitId: Opt(Uuid) }, { additionalProperties: false })) }),
  },
  { path: 'escalate', action: 'escalate', summary: 'Report a denunciation threatening serious harm for preventive measures', body: Obj({ reason: Text(1000, 3) }) },
  { path: 'close', action: 'close', summary: 'Close after follow-up', body: Obj({}) },
];

const letters: FastifyPluginAsync = async (app) => {
  app.post(
    '/letters',
    {
      schema: {
        tags: ['letters'],
        summary: 'Log a letter received by post, at the office, online, from reception or from a forwarding body. Denouncers’ identities are stored encrypted.',
        body: LetterBody,
      },
    },
    async (request, reply) => {
      const actor = await staffActor(app, request);
      const e = env(app);
      const r = await idempotentCreate(app.db, request, actor.user, 'POST /letters', async (tx) => {
        const row = await receiveLetter(tx, e, actor, request.body as any);
        return { statusCode: 201, body: { id: row.id as string } };
      });
      const l = await loadLetter(app.db, app.config.tenantId, r.body.id);
      return reply.status(r.statusCode).send(await letterDetail(app, actor, l));
    },
  );

  app.post(
    '/letters/online',
    {
      schema: {
        tags: ['letters'],
        summary: 'A citizen submits a letter online, as themselves (name, ID and contact from the account)',
        body: CitizenLetterBody,
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      if (!isCitizen(user)) throw forbidden('Only citizens submit letters online', 'Chỉ công dân gửi đơn trực tuyến');
      const actor = await actorOf(app.db, user, request);
      const e = env(app);
      const b = request.body as any;
      const r = await idempotentCreate(app.db, request, user, 'POST /letters/online', async (tx) => {
        const me = (await tx.query('select full_name, citizen_id, address, phone, email from users where id=$1', [user.id])).rows[0];
        const row = await receiveLetter(
          tx,
          e,
          actor,
          { ...b, source: 'online', sender: { name: me.full_name, idNo: me.citizen_id, address: me.address, phone: me.phone, email: me.email } },
          { citizen: true },
        );
        return { statusCode: 201, body: { id: row.id as string } };
      });
      const l = await loadLetter(app.db, app.config.tenantId, r.body.id);
      return reply.status(r.statusCode).send(viewLetterForCitizen(l));
    },
  );

  app.get('/letters', { schema: { tags: ['letters'], summary: 'Letters in scope (citizens: their own online letters); protected senders masked', querystring: LetterListQuery } }, async (request) => {
    const user = requireUser(request);
    const actor = isCitizen(user) ? await actorOf(app.db, user, request) : await staffActor(app, request);
    const q = request.query as any;
    const { total, rows } = await listLetters(app, actor, q, q.limit ?? 50, q.offset ?? 0);
    return { total, items: rows.map((l: any) => (isCitizen(user) ? viewLetterForCitizen(l) : viewLetterSummary(l))) };
  });

  app.get('/letters/export.xlsx', { schema: { tags: ['letters'], summary: 'Excel export of the letters in scope (IDs masked, protected identities hidden)', querystring: LetterListQuery } }, async (request, reply) => {
    const actor = await staffActor(app, request);
    const { rows } = await listLetters(app, actor, request.query as any, 100000, 0);
    const buf = await lettersWorkbook(rows.map(viewLetterSummary));
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', 'attachment; filename="so-theo-doi-don.xlsx"')
      .send(buf);
  });

  app.get('/letters/:id', { schema: { tags: ['letters'], summary: 'A letter with its duplicates, allowed actions, suggested outcome and events', params: IdParams } }, async (request) => {
    const user = requireUser(request);
    const actor = isCitizen(user) ? await actorOf(app.db, user, request) : await staffActor(app, request);
    const l = await loadLetter(app.db, app.config.tenantId, (request.params as any).id);
    if (!l || !(await canViewLetter(app.db, actor, l))) throw notFound('Letter', 'Đơn');
    return letterDetail(app, actor, l);
  });

  for (const a of ACTIONS) {
    app.post(`/letters/:id/${a.path}`, { schema: { tags: ['letters'], summary: a.summary, params: IdParams, body: a.body } }, async (request) => {
      const actor = await staffActor(app, request);
      const body = withVersion<any>(request);
      const r = await app.db.tx((tx) => runLetterAction(tx, env(app), actor, (request.params as any).id, a.action, body));
      return letterDetail(app, actor, r.letter, r.extra);
    });
  }

  registerFormRoutes(app, {
    path: '/letters/:id/forms/:key',
    tag: 'letters',
    what: 'a TT 05/2021 letter form (propose_accept, transfer, guidance, return_originals, reminder)',
    params: Type.Object({ id: Uuid, key: Type.Union(['propose_accept', 'transfer', 'guidance', 'return_originals', 'reminder'].map((k) => Type.Literal(k))) }),
    load: async (request) => {
      const actor = await staffActor(app, request);
      const { id, key } = request.params as any;
      const l = await loadLetter(app.db, app.config.tenantId, id);
      if (!l || !(await canViewLetter(app.db, actor, l))) throw notFound('Letter', 'Đơn');
      return { form: await letterForm(app.db, actor, l, key), unitId: l.unit_id, fileStem: l.code };
    },
  });

  app.get(
    '/letters/:id/denouncer',
    {
      schema: {
        tags: ['letters'],
        summary: 'Reveal the protected identity to an entitled user, with a purpose; every field read is audited',
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
        const l = await loadLetter(tx, e.tenantId, id);
        if (!l || !(await canViewLetter(tx, actor, l))) throw notFound('Letter', 'Đơn');
        if (!l.identity_id) throw forbidden('This letter has no protected identity', 'Đơn này không có thông tin được bảo vệ');
        const assigned = l.case_id ? (await tx.query('select user_id from case_assignments where case_id=$1 and ended_at is null', [l.case_id])).rows.map((r: any) => r.user_id) : [];
        const fields = q.fields ? (q.fields.split(',') as ProtectedField[]) : undefined;
        const identity = await revealIdentity(
          tx,
          e,
          actor,
          {
            entity: 'letter',
            entityId: l.id,
            caseId: l.case_id,
            letterId: l.id,
            identityId: l.identity_id,
            unitId: l.unit_id,
            ruleSetId: l.rule_set_id,
            barred: l.barred_user_ids,
            assignedUserIds: assigned,
            letterHandlerIds: [l.received_by].filter(Boolean),
          },
          { purpose: q.purpose, fields, breakGlass: q.breakGlass },
        );
        return { letterId: l.id, code: l.code, identity };
      }));
    },
  );

  // Scans and enclosures (routes-files.ts).
  await letterFileRoutes(app);
};

export default letters;
