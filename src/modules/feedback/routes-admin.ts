/**
 * Reference data and operators' tools: categories (Open311 services), routing rules, deadline
 * rules (versioned), the abuse list, Open311 API keys, and the feedback report.
 */
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { Nullable } from '../../http/nullable.js';
import { AppError, badRequest, conflict, fieldError, notFound, staleVersion } from '../../http/errors.js';
import { requireRole } from '../../http/context.js';
import { formatLocal, localDateOf } from '../../core/calendar/index.js';
import { ATTRIBUTE_DATATYPES, DEADLINE_STEPS, STEP_LABELS, checkAttributeDefinitions, rulesInForce } from '../../core/feedback/index.js';
import { audit } from '../audit.js';
import { READING_ROLES, Scopes } from './policy.js';
import { categoryByCode, listCategories, loadDeadlineRules, toCategory, type CategoryRow } from './reference.js';
import { clientView, issueClient } from './clients.js';
import { feedbackReport, reportWorkbook } from './reports.js';
import { Uuid, dayStart, nextDayStart } from './http.js';

const AttributeSchema = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 50, pattern: '^[A-Za-z0-9_-]+$' }),
    datatype: Type.Union(ATTRIBUTE_DATATYPES.map((d) => Type.Literal(d))),
    required: Type.Boolean(),
    variable: Type.Boolean(),
    order: Type.Integer({ minimum: 1, maximum: 1000 }),
    description: Type.String({ minLength: 1, maxLength: 500 }),
    datatypeDescription: Type.Optional(Type.String({ maxLength: 500 })),
    values: Type.Optional(Type.Array(Type.Object({ key: Type.String({ minLength: 1, maxLength: 100 }), name: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }), { maxItems: 100 })),
  },
  { additionalProperties: false },
);

const CategoryFields = {
  name: Type.String({ minLength: 2, maxLength: 200 }),
  description: Type.Optional(Type.String({ maxLength: 2000 })),
  fieldCode: Type.String({ minLength: 2, maxLength: 40, pattern: '^[A-Z0-9_-]+$' }),
  fieldName: Type.String({ minLength: 2, maxLength: 200 }),
  class: Type.Union([Type.Literal('regulation'), Type.Literal('conduct')]),
  keywords: Type.Optional(Type.String({ maxLength: 500 })),
  allowAnonymous: Type.Optional(Type.Boolean()),
  defaultPrivate: Type.Optional(Type.Boolean()),
  duplicateRadiusM: Type.Optional(Type.Integer({ minimum: 10, maximum: 5000 })),
  attributes: Type.Optional(Type.Array(AttributeSchema, { maxItems: 30 })),
  open311Type: Type.Optional(Type.Union([Type.Literal('realtime'), Type.Literal('batch')])),
  defaultUnitId: Type.Optional(Nullable(Uuid)),
  sortOrder: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })),
};

export function categoryView(c: CategoryRow) {
  return { ...c, updatedAt: formatLocal(c.updatedAt), attributes: [...c.attributes].sort((a, b) => a.order - b.order) };
}

export async function adminRoutes(app: FastifyInstance): Promise<void> {
  const tenant = () => app.config.tenantId;

  // ---------------------------------------------------------------- categories
  app.get(
    '/feedback-categories',
    {
      schema: {
        tags: ['feedback'],
        summary: 'Feedback categories (field × class); ?all=true includes inactive ones (administrators)',
        security: [],
        querystring: Type.Object({ all: Type.Optional(Type.Boolean()) }),
      },
    },
    async (request) => {
      const { all } = request.query as { all?: boolean };
      if (all) requireRole(request, 'admin');
      return (await listCategories(app.db, tenant(), { includeInactive: !!all })).map(categoryView);
    },
  );

  app.get(
    '/feedback-categories/routing-rules',
    { schema: { tags: ['feedback'], summary: 'Routing rules (category × commune → responsible unit)' } },
    async (request) => {
      requireRole(request, ...READING_ROLES);
      const rows = (
        await app.db.query(
          `select r.*, c.code category_code, co.code commune_code, co.name commune_name, t.code target_code, t.name target_name
             from feedback_routing_rules r left join feedback_categories c on c.id=r.category_id
             left join units co on co.id=r.commune_unit_id join units t on t.id=r.target_unit_id
            where r.tenant_id=$1 order by r.effective_to nulls first, c.code nulls last, co.code nulls last, r.priority`,
          [tenant()],
        )
      ).rows;
      return rows.map((r: any) => ({
        id: r.id,
        categoryCode: r.category_code,
        commune: r.commune_unit_id ? { id: r.commune_unit_id, code: r.commune_code, name: r.commune_name } : null,
        target: { id: r.target_unit_id, code: r.target_code, name: r.target_name },
        priority: r.priority,
        effectiveFrom: r.effective_from,
        effectiveTo: r.effective_to,
        legalBasis: r.legal_basis,
      }));
    },
  );

  app.post(
    '/feedback-categories/routing-rules',
    {
      schema: {
        tags: ['feedback'],
        summary: 'Add a routing rule (administrators)',
        body: Type.Object(
          {
            categoryCode: Type.Optional(Type.String({ maxLength: 40 })),
            communeCode: Type.Optional(Type.String({ maxLength: 40 })),
            targetUnitId: Uuid,
            priority: Type.Optional(Type.Integer({ minimum: 0, maximum: 10000 })),
            effectiveFrom: Type.Optional(Type.String({ format: 'date' })),
            legalBasis: Type.Optional(Type.String({ maxLength: 300 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const admin = requireRole(request, 'admin');
      const b = request.body as any;
      const errors = [];
      if (!b.categoryCode && !b.communeCode) errors.push(fieldError('categoryCode', 'give a categoryCode, a communeCode or both', 'cần lĩnh vực, xã/phường hoặc cả hai'));
      const cat = b.categoryCode ? await categoryByCode(app.db, admin.tenantId, b.categoryCode) : null;
      if (b.categoryCode && !cat) errors.push(fieldError('categoryCode', `unknown category ${b.categoryCode}`, `không có lĩnh vực mã ${b.categoryCode}`));
      const commune = b.communeCode ? (await app.db.query(`select id from units where tenant_id=$1 and code=$2 and kind='commune'`, [admin.tenantId, b.communeCode])).rows[0] : null;
      if (b.communeCode && !commune) errors.push(fieldError('communeCode', `unknown commune ${b.communeCode}`, `không có xã, phường mã ${b.communeCode}`));
      const target = (await app.db.query('select id from units where tenant_id=$1 and id=$2', [admin.tenantId, b.targetUnitId])).rows[0];
      if (!target) errors.push(fieldError('targetUnitId', 'targetUnitId does not exist', 'đơn vị xử lý không tồn tại'));
      if (errors.length) throw badRequest(errors);
      const id = await app.db.tx(async (tx) => {
        const r = await tx.query(
          `insert into feedback_routing_rules(tenant_id, category_id, commune_unit_id, target_unit_id, priority, effective_from, legal_basis, created_by)
           values ($1,$2,$3,$4,$5,coalesce($6::date, current_date),$7,$8) returning id`,
          [admin.tenantId, cat?.id ?? null, commune?.id ?? null, b.targetUnitId, b.priority ?? 100, b.effectiveFrom ?? null, b.legalBasis ?? '', admin.id],
        );
        await audit(tx, { tenantId: admin.tenantId, actorId: admin.id, action: 'feedback.routing_rule.add', entity: 'feedback_routing_rule', entityId: r.rows[0].id, ip: request.ip, data: b });
        return r.rows[0].id as string;
      });
      return reply.status(201).send({ id });
    },
  );

  app.delete(
    '/feedback-categories/routing-rules/:id',
    {
      schema: {
        tags: ['feedback'],
        summary: 'Close a routing rule from today (administrators); rules are never deleted',
        params: Type.Object({ id: Uuid }),
        querystring: Type.Object({ reason: Type.Optional(Type.String({ maxLength: 500 })) }),
      },
    },
    async (request) => {
      const admin = requireRole(request, 'admin');
      const { id } = request.params as { id: string };
      const today = localDateOf(new Date());
      return app.db.tx(async (tx) => {
        const r = (await tx.query('select * from feedback_routing_rules where tenant_id=$1 and id=$2 for update', [admin.tenantId, id])).rows[0];
        if (!r) throw notFound('Routing rule', 'Quy tắc phân luồng');
        if (r.effective_to && r.effective_to <= today) throw conflict('already_closed', 'The rule is already closed', 'Quy tắc đã hết hiệu lực');
        await tx.query('update feedback_routing_rules set effective_to=greatest(effective_from, $2::date) where id=$1', [id, today]);
        await audit(tx, { tenantId: admin.tenantId, actorId: admin.id, action: 'feedback.routing_rule.close', entity: 'feedback_routing_rule', entityId: id, ip: request.ip, reason: (request.query as any).reason ?? null });
        return { id, effectiveTo: today };
      });
    },
  );

  app.get(
    '/feedback-categories/:code',
    { schema: { tags: ['feedback'], summary: 'One category with its questions', security: [], params: Type.Object({ code: Type.String({ maxLength: 40 }) }) } },
    async (request) => {
      const { code } = request.params as { code: string };
      const c = await categoryByCode(app.db, tenant(), code);
      if (!c || (!c.active && !request.user?.roles.some((g) => g.role === 'admin'))) throw notFound('Category', 'Lĩnh vực phản ánh');
      return categoryView(c);
    },
  );

  app.post(
    '/feedback-categories',
    {
      schema: {
        tags: ['feedback'],
        summary: 'Create a category (administrators)',
        body: Type.Object({ code: Type.String({ minLength: 2, maxLength: 40, pattern: '^[A-Z0-9][A-Z0-9_-]+$' }), ...CategoryFields }, { additionalProperties: false }),
      },
    },
    async (request, reply) => {
      const admin = requireRole(request, 'admin');
      const b = request.body as any;
      const problems = checkAttributeDefinitions(b.attributes ?? []);
      if (b.defaultUnitId && !(await app.db.query('select 1 from units where tenant_id=$1 and id=$2', [admin.tenantId, b.defaultUnitId])).rowCount) {
        problems.push(fieldError('defaultUnitId', 'defaultUnitId does not exist', 'đơn vị mặc định không tồn tại'));
      }
      if (problems.length) throw badRequest(problems);
      const row = await app.db.tx(async (tx) => {
        if ((await tx.query('select 1 from feedback_categories where tenant_id=$1 and code=$2', [admin.tenantId, b.code])).rowCount) {
          throw conflict('category_exists', `Category ${b.code} already exists`, `Lĩnh vực mã ${b.code} đã tồn tại`);
        }
        const r = (
          await tx.query(
            `insert into feedback_categories(tenant_id, code, name, description, field_code, field_name, class, keywords, allow_anonymous, default_private,
               duplicate_radius_m, attributes, open311_type, default_unit_id, sort_order)
             values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15) returning *`,
            [admin.tenantId, b.code, b.name, b.description ?? '', b.fieldCode, b.fieldName, b.class, b.keywords ?? '', b.allowAnonymous ?? true, b.defaultPrivate ?? false,
              b.duplicateRadiusM ?? 200, JSON.stringify(b.attributes ?? []), b.open311Type ?? 'realtime', b.defaultUnitId ?? null, b.sortOrder ?? 0],
          )
        ).rows[0];
        await audit(tx, { tenantId: admin.tenantId, actorId: admin.id, action: 'feedback.category.create', entity: 'feedback_category', entityId: r.id, ip: request.ip, data: b });
        return r;
      });
      return reply.status(201).send(categoryView(toCategory(row)));
    },
  );

  app.patch(
    '/feedback-categories/:code',
    {
      schema: {
        tags: ['feedback'],
        summary: 'Update a category (administrators); send the version you read. Deactivating removes it from Open311 services.',
        params: Type.Object({ code: Type.String({ maxLength: 40 }) }),
        body: Type.Object(
          {
            version: Type.Integer({ minimum: 1 }),
            active: Type.Optional(Type.Boolean()),
            ...Object.fromEntries(Object.entries(CategoryFields).map(([k, v]) => [k, Type.Optional(v as any)])),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const admin = requireRole(request, 'admin');
      const { code } = request.params as { code: string };
      const b = request.body as any;
      if (b.attributes) {
        const problems = checkAttributeDefinitions(b.attributes);
        if (problems.length) throw badRequest(problems);
      }
      const row = await app.db.tx(async (tx) => {
        const cur = (await tx.query('select * from feedback_categories where tenant_id=$1 and code=$2 for update', [admin.tenantId, code])).rows[0];
        if (!cur) throw notFound('Category', 'Lĩnh vực phản ánh');
        if (cur.version !== b.version) throw staleVersion();
        const map: Record<string, string> = {
          name: 'name', description: 'description', fieldCode: 'field_code', fieldName: 'field_name', class: 'class', keywords: 'keywords',
          allowAnonymous: 'allow_anonymous', defaultPrivate: 'default_private', duplicateRadiusM: 'duplicate_radius_m', attributes: 'attributes',
          open311Type: 'open311_type', defaultUnitId: 'default_unit_id', sortOrder: 'sort_order', active: 'active',
        };
        const sets: string[] = [];
        const params: unknown[] = [cur.id];
        for (const [k, col] of Object.entries(map)) {
          if (b[k] === undefined) continue;
          params.push(k === 'attributes' ? JSON.stringify(b[k]) : b[k]);
          sets.push(`${col}=$${params.length}`);
        }
        const r = (await tx.query(`update feedback_categories set ${[...sets, 'version=version+1', 'updated_at=now()'].join(', ')} where id=$1 returning *`, params)).rows[0];
        await audit(tx, { tenantId: admin.tenantId, actorId: admin.id, action: 'feedback.category.update', entity: 'feedback_category', entityId: cur.id, ip: request.ip, data: b });
        return r;
      });
      return categoryView(toCategory(row));
    },
  );

  // ---------------------------------------------------------------- deadline rules
  app.get(
    '/feedback/deadline-rules',
    {
      schema: {
        tags: ['feedback'],
        summary: 'Operational deadlines (working days) with effective dates and legal basis; the set in force on ?date=',
        security: [],
        querystring: Type.Object({ date: Type.Optional(Type.String({ format: 'date' })) }),
      },
    },
    async (request) => {
      const { date } = request.query as { date?: string };
      const rules = await loadDeadlineRules(app.db, tenant());
      const on = date ?? localDateOf(new Date());
      let inForce: unknown[] | null;
      try {
        const r = rulesInForce(rules, on);
        inForce = DEADLINE_STEPS.map((s) => ({ ...r[s], label: STEP_LABELS[s] }));
      } catch {
        inForce = null; // no complete rule set in force on that date
      }
      return { date: on, inForce, history: rules.map((r) => ({ ...r, label: STEP_LABELS[r.step] })) };
    },
  );

  app.post(
    '/feedback/deadline-rules',
    {
      schema: {
        tags: ['feedback'],
        summary: 'Add a new version of a step’s deadline from a date (administrators); the previous version is closed, never edited',
        body: Type.Object(
          {
            ruleSet: Type.Optional(Type.String({ minLength: 2, maxLength: 40, pattern: '^[a-z0-9_-]+$' })),
            step: Type.Union(DEADLINE_STEPS.map((s) => Type.Literal(s))),
            amount: Type.Number({ exclusiveMinimum: 0, maximum: 365 }),
            unit: Type.Optional(Type.Union([Type.Literal('working_days'), Type.Literal('working_hours'), Type.Literal('days')])),
            effectiveFrom: Type.String({ format: 'date' }),
            legalBasis: Type.String({ minLength: 3, maxLength: 500 }),
            evidence: Type.Optional(Type.Union([Type.Literal('verified'), Type.Literal('to_verify')])),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const admin = requireRole(request, 'admin');
      const b = request.body as any;
      const ruleSet = b.ruleSet ?? 'dvcqg';
      const row = await app.db.tx(async (tx) => {
        await tx.query('select pg_advisory_xact_lock(hashtext($1))', [`feedback_deadline_rules|${admin.tenantId}`]);
        const own = await tx.query('select 1 from feedback_deadline_rules where tenant_id=$1 and rule_set=$2 limit 1', [admin.tenantId, ruleSet]);
        if (!own.rowCount) {
          // The tenant's own set starts as a copy of the national rows.
          await tx.query(
            `insert into feedback_deadline_rules(tenant_id, rule_set, step, amount, unit, counted_from, effective_from, effective_to, legal_basis, evidence, created_by)
             select $1, rule_set, step, amount, unit, counted_from, effective_from, effective_to, legal_basis, evidence, $3
               from feedback_deadline_rules where tenant_id='*' and rule_set=$2`,
            [admin.tenantId, ruleSet, admin.id],
          );
        }
        const latest = (
          await tx.query('select * from feedback_deadline_rules where tenant_id=$1 and rule_set=$2 and step=$3 order by effective_from desc limit 1', [admin.tenantId, ruleSet, b.step])
        ).rows[0];
        if (latest && latest.effective_from >= b.effectiveFrom) {
          throw badRequest([fieldError('effectiveFrom', `effectiveFrom must be after ${latest.effective_from}, the start of the current version`, `ngày hiệu lực phải sau ${latest.effective_from} (ngày bắt đầu của phiên bản hiện hành)`)]);
        }
        if (latest && (!latest.effective_to || latest.effective_to > b.effectiveFrom)) {
          await tx.query('update feedback_deadline_rules set effective_to=$2 where id=$1', [latest.id, b.effectiveFrom]);
        }
        const r = (
          await tx.query(
            `insert into feedback_deadline_rules(tenant_id, rule_set, step, amount, unit, counted_from, effective_from, legal_basis, evidence, created_by)
             values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) returning *`,
            [admin.tenantId, ruleSet, b.step, b.amount, b.unit ?? 'working_days', b.step === 'publish' ? 'answer' : 'receipt', b.effectiveFrom, b.legalBasis, b.evidence ?? 'to_verify', admin.id],
          )
        ).rows[0];
        await audit(tx, { tenantId: admin.tenantId, actorId: admin.id, action: 'feedback.deadline_rule.add', entity: 'feedback_deadline_rule', entityId: r.id, ip: request.ip, data: b });
        return r;
      });
      return reply.status(201).send({
        id: row.id,
        ruleSet: row.rule_set,
        step: row.step,
        amount: Number(row.amount),
        unit: row.unit,
        countedFrom: row.counted_from,
        effectiveFrom: row.effective_from,
        effectiveTo: row.effective_to,
        legalBasis: row.legal_basis,
        evidence: row.evidence,
      });
    },
  );

  // ---------------------------------------------------------------- abuse list
  app.get('/feedback/blocklist', { schema: { tags: ['feedback'], summary: 'Blocked e-mail addresses and phone numbers (administrators)' } }, async (request) => {
    const admin = requireRole(request, 'admin');
    const rows = (await app.db.query('select * from feedback_blocklist where tenant_id=$1 order by created_at desc', [admin.tenantId])).rows;
    return rows.map((r: any) => ({ id: r.id, kind: r.kind, value: r.value, reason: r.reason, createdAt: formatLocal(r.created_at) }));
  });

  app.post(
    '/feedback/blocklist',
    {
      schema: {
        tags: ['feedback'],
        summary: 'Block an e-mail address or phone number (administrators)',
        body: Type.Object(
          { kind: Type.Union([Type.Literal('email'), Type.Literal('phone')]), value: Type.String({ minLength: 5, maxLength: 200 }), reason: Type.String({ minLength: 3, maxLength: 500 }) },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const admin = requireRole(request, 'admin');
      const b = request.body as { kind: 'email' | 'phone'; value: string; reason: string };
      const value = b.kind === 'email' ? b.value.trim().toLowerCase() : b.value.replace(/[^0-9+]/g, '');
      if (b.kind === 'email' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) throw badRequest([fieldError('value', 'value is not an e-mail address', 'không phải địa chỉ e-mail')]);
      if (b.kind === 'phone' && !/^\+?\d{8,15}$/.test(value)) throw badRequest([fieldError('value', 'value is not a phone number', 'không phải số điện thoại')]);
      const r = await app.db.tx(async (tx) => {
        const ins = await tx.query(
          `insert into feedback_blocklist(tenant_id, kind, value, reason, created_by) values ($1,$2,$3,$4,$5) on conflict do nothing returning id`,
          [admin.tenantId, b.kind, value, b.reason, admin.id],
        );
        if (!ins.rowCount) throw conflict('already_blocked', 'Already on the list', 'Đã có trong danh sách chặn');
        await audit(tx, { tenantId: admin.tenantId, actorId: admin.id, action: 'feedback.block', entity: 'feedback_blocklist', entityId: ins.rows[0].id, ip: request.ip, reason: b.reason });
        return ins.rows[0];
      });
      return reply.status(201).send({ id: r.id, kind: b.kind, value });
    },
  );

  app.delete(
    '/feedback/blocklist/:id',
    { schema: { tags: ['feedback'], summary: 'Unblock (administrators)', params: Type.Object({ id: Uuid }) } },
    async (request) => {
      const admin = requireRole(request, 'admin');
      const { id } = request.params as { id: string };
      await app.db.tx(async (tx) => {
        const r = await tx.query('delete from feedback_blocklist where tenant_id=$1 and id=$2 returning value', [admin.tenantId, id]);
        if (!r.rowCount) throw notFound('Entry', 'Mục');
        await audit(tx, { tenantId: admin.tenantId, actorId: admin.id, action: 'feedback.unblock', entity: 'feedback_blocklist', entityId: id, ip: request.ip });
      });
      return { id, removed: true };
    },
  );

  // ---------------------------------------------------------------- Open311 clients
  app.get('/open311-clients', { schema: { tags: ['open311'], summary: 'Open311 API clients (administrators); keys are never shown again' } }, async (request) => {
    const admin = requireRole(request, 'admin');
    const rows = (await app.db.query('select * from open311_clients where tenant_id=$1 order by created_at desc', [admin.tenantId])).rows;
    return rows.map(clientView);
  });

  app.post(
    '/open311-clients',
    {
      schema: {
        tags: ['open311'],
        summary: 'Issue an Open311 API key (administrators); the key is shown once',
        body: Type.Object(
          {
            name: Type.String({ minLength: 2, maxLength: 200 }),
            contact: Type.Optional(Type.String({ maxLength: 300 })),
            jurisdictions: Type.Optional(Type.Array(Type.String({ minLength: 3, maxLength: 100 }), { maxItems: 20 })),
            serviceCodes: Type.Optional(Type.Array(Type.String({ minLength: 2, maxLength: 40 }), { maxItems: 200 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const admin = requireRole(request, 'admin');
      const b = request.body as any;
      if (b.serviceCodes?.length) {
        const known = new Set((await listCategories(app.db, admin.tenantId, { includeInactive: true })).map((c) => c.code));
        const bad = b.serviceCodes.filter((c: string) => !known.has(c));
        if (bad.length) throw badRequest([fieldError('serviceCodes', `unknown service codes ${bad.join(', ')}`, `mã dịch vụ không tồn tại: ${bad.join(', ')}`)]);
      }
      const r = await app.db.tx(async (tx) => {
        const c = await issueClient(tx, admin.tenantId, b, admin.id);
        await audit(tx, { tenantId: admin.tenantId, actorId: admin.id, action: 'open311.client.issue', entity: 'open311_client', entityId: c.id, ip: request.ip, data: { name: b.name } });
        const row = (await tx.query('select * from open311_clients where id=$1', [c.id])).rows[0];
        return { client: clientView(row), key: c.key };
      });
      return reply.status(201).send({
        ...r.client,
        apiKey: r.key,
        notice: 'Lưu khóa này ngay: hệ thống chỉ hiển thị một lần. / Store this key now: it is shown only once.',
      });
    },
  );

  app.delete(
    '/open311-clients/:id',
    {
      schema: {
        tags: ['open311'],
        summary: 'Revoke an Open311 API key (administrators)',
        params: Type.Object({ id: Uuid }),
        querystring: Type.Object({ reason: Type.Optional(Type.String({ maxLength: 500 })) }),
      },
    },
    async (request) => {
      const admin = requireRole(request, 'admin');
      const { id } = request.params as { id: string };
      const reason = (request.query as any).reason ?? null;
      return app.db.tx(async (tx) => {
        const c = (await tx.query('select * from open311_clients where tenant_id=$1 and id=$2 for update', [admin.tenantId, id])).rows[0];
        if (!c) throw notFound('Open311 client', 'Ứng dụng Open311');
        if (c.revoked_at) throw conflict('already_revoked', 'The key is already revoked', 'Khóa đã bị thu hồi');
        const r = (await tx.query('update open311_clients set revoked_at=now(), revoked_by=$2, revoke_reason=$3 where id=$1 returning *', [id, admin.id, reason])).rows[0];
        await audit(tx, { tenantId: admin.tenantId, actorId: admin.id, action: 'open311.client.revoke', entity: 'open311_client', entityId: id, ip: request.ip, reason });
        return clientView(r);
      });
    },
  );

  // ---------------------------------------------------------------- report
  app.get(
    '/reports/feedback',
    {
      schema: {
        tags: ['reports'],
        summary: 'Received, on time (%) and satisfaction (%) by unit or category, with Wilson intervals; ?format=xlsx for Excel',
        querystring: Type.Object({
          unit: Type.Optional(Uuid),
          from: Type.Optional(Type.String({ maxLength: 10 })),
          to: Type.Optional(Type.String({ maxLength: 10 })),
          groupBy: Type.Optional(Type.Union([Type.Literal('unit'), Type.Literal('category')])),
          minSample: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
          format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('xlsx')])),
        }),
      },
    },
    async (request, reply) => {
      const user = requireRole(request, ...READING_ROLES);
      const q = request.query as any;
      const now = new Date();
      const today = localDateOf(now);
      const fromS = q.from ?? `${today.slice(0, 4)}-01-01`;
      const toS = q.to ?? today;
      const from = dayStart(fromS, 'from');
      const to = nextDayStart(toS, 'to');
      if (to <= from) throw badRequest([fieldError('to', 'to must not be before from', 'ngày kết thúc không được trước ngày bắt đầu')]);
      const scope = await new Scopes(app.db, user).of(READING_ROLES);
      let unitIds: string[] | null = null;
      if (q.unit) {
        if (!scope.includes(q.unit)) throw new AppError(403, 'forbidden', 'The unit is outside your scope', 'Đơn vị nằm ngoài phạm vi của bạn');
        unitIds = (
          await app.db.query(
            `with recursive t as (select id from units where id=$1 union select u.id from units u join t on u.parent_id=t.id) select id from t`,
            [q.unit],
          )
        ).rows.map((r: any) => r.id);
      }
      let minSample = q.minSample;
      if (!minSample) {
        const p = (
          await app.db.query(
            `select value from legal_parameters where tenant_id=$1 and key='feedback.ranking.min_sample' and effective_from <= $2 and (effective_to is null or effective_to > $2)
              order by effective_from desc limit 1`,
            [user.tenantId, today],
          )
        ).rows[0];
        minSample = Number.isInteger(Number(p?.value)) && Number(p?.value) > 0 ? Number(p.value) : 20;
      }
      const report = await feedbackReport(app.db, {
        tenantId: user.tenantId,
        scope,
        unitIds,
        from,
        to,
        periodEnd: now < to ? now : to,
        groupBy: q.groupBy ?? 'unit',
        minSample,
      });
      if (q.format === 'xlsx') {
        const buf = await reportWorkbook(report);
        return reply
          .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename="bao-cao-pakn-${fromS}-${toS}.xlsx"`)
          .send(buf);
      }
      return report;
    },
  );
}
