/**
 * Citizen reception and letters (tiếp công dân, xử lý đơn, khiếu nại, tố cáo, kiến nghị, phản ánh):
 * /api/v1/reception-schedule (public), /api/v1/receptions, /api/v1/letters, /api/v1/cases,
 * /api/v1/reports/letters, and the versioned rule sets at /api/v1/letters/rule-sets.
 */
import type { FastifyPluginAsync } from 'fastify';
import { Type } from 'typebox';
import { requireUser } from '../../http/context.js';
import { badRequest, conflict, fieldError, forbidden } from '../../http/errors.js';
import { idempotentCreate } from '../../http/idempotency.js';
import { hasRole } from '../../core/access/roles.js';
import { validateRules } from '../../core/letters/index.js';
import { audit } from '../audit.js';
import { actorOf, clearRuleCache } from './common.js';
import { isLettersStaff } from './policy.js';
import { scanReminders } from './reminders.js';
import { registerCalendarListener } from './calendar-listener.js';
import { LocalDay, Opt, Text } from './schemas.js';
import reception from './routes-reception.js';
import letters from './routes-letters.js';
import cases from './routes-cases.js';
import reports from './routes-reports.js';

const plugin: FastifyPluginAsync = async (app) => {
  registerCalendarListener();

  app.get('/letters/rule-sets', { schema: { tags: ['letters'], summary: 'The versioned rule sets (deadlines, forms, reception rules) with effective dates, legal basis and evidence' } }, async (request) => {
    const user = requireUser(request);
    const actor = await actorOf(app.db, user, request);
    if (!hasRole(user, 'admin') && !isLettersStaff(actor.scopes)) throw forbidden();
    const rows = (await app.db.query(`select * from letter_rule_sets where tenant_id in ('*', $1) order by effective_from, tenant_id`, [app.config.tenantId])).rows;
    return rows.map((r: any) => ({
      id: r.id,
      tenantId: r.tenant_id,
      code: r.code,
      name: r.name,
      effectiveFrom: r.effective_from,
      effectiveTo: r.effective_to,
      legalBasis: r.legal_basis,
      evidence: r.evidence,
      rules: r.rules,
    }));
  });

  app.post(
    '/letters/rule-sets',
    {
      schema: {
        tags: ['letters'],
        summary: 'Publish a new rule-set version for this province (administrators); the open one is closed at its start',
        description: 'Send an Idempotency-Key header: a retry returns the first response instead of a 409 rule_set_conflict. Field errors name the path inside the body (rules.reception.reply.amount).',
        body: Type.Object(
          {
            code: Type.String({ minLength: 3, maxLength: 60, pattern: '^[A-Za-z0-9._-]+$' }),
            name: Text(300, 3),
            effectiveFrom: LocalDay,
            legalBasis: Text(1000, 3),
            evidence: Type.Union([Type.Literal('verified'), Type.Literal('to_verify')]),
            rules: Type.Object({}, { additionalProperties: true }),
            note: Opt(Text(500)),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      if (!hasRole(user, 'admin')) throw forbidden();
      const b = request.body as any;
      const errors = validateRules(b.rules);
      if (errors.length) throw badRequest(errors.map((e) => fieldError(e.field, e.message, e.messageVi)));
      // Refused input (above) and a conflict (inside, rolled back) store no key: the client may fix
      // the input and send it again under the same Idempotency-Key.
      const r = await idempotentCreate(app.db, request, user, 'POST /letters/rule-sets', async (tx) => {
        const clash = await tx.query(`select 1 from letter_rule_sets where tenant_id=$1 and (code=$2 or effective_from >= $3::date)`, [app.config.tenantId, b.code, b.effectiveFrom]);
        if (clash.rowCount) {
          throw conflict('rule_set_conflict', 'A rule set with this code, or one starting on or after this date, already exists', 'Đã có bộ quy định cùng mã hoặc có hiệu lực từ ngày này trở về sau');
        }
        await tx.query(`update letter_rule_sets set effective_to=$2::date where tenant_id=$1 and effective_to is null and effective_from < $2::date`, [app.config.tenantId, b.effectiveFrom]);
        const row = (
          await tx.query(
            `insert into letter_rule_sets(tenant_id, code, name, effective_from, legal_basis, evidence, rules, created_by) values ($1,$2,$3,$4,$5,$6,$7,$8) returning *`,
            [app.config.tenantId, b.code, b.name, b.effectiveFrom, b.legalBasis, b.evidence, JSON.stringify(b.rules), user.id],
          )
        ).rows[0];
        await audit(tx, { tenantId: user.tenantId, actorId: user.id, action: 'letters.rule_set.create', entity: 'letter_rule_set', entityId: row.id, ip: request.ip, reason: b.note ?? null, data: { code: b.code, effectiveFrom: b.effectiveFrom } });
        return { statusCode: 201, body: { id: row.id as string, code: row.code as string, effectiveFrom: row.effective_from as string, effectiveTo: row.effective_to as string | null } };
      });
      clearRuleCache();
      return reply.status(r.statusCode).header('idempotent-replayed', String(r.replayed)).send(r.body);
    },
  );

  app.post(
    '/letters/reminders/run',
    { schema: { tags: ['letters'], summary: 'Run the due-reminder scan now (administrators, supervisors); idempotent' } },
    async (request) => {
      const user = requireUser(request);
      if (!hasRole(user, 'admin', 'supervisor')) throw forbidden();
      return scanReminders(app.db, app.config.tenantId, new Date());
    },
  );

  await app.register(reception);
  await app.register(letters);
  await app.register(cases);
  await app.register(reports);
};

export default plugin;
