/**
 * Reports capability: the standard dossier table (JSON and Excel), the dossier register
 * (Sổ theo dõi hồ sơ, JSON and Excel) and the leader dashboard. Every route needs a staff user
 * whose grants cover the requested unit (see service.ts).
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { Nullable } from '../../http/nullable.js';
import { requireUser } from '../../http/context.js';
import { badRequest, fieldError } from '../../http/errors.js';
import { ATTRIBUTIONS, GROUP_BYS, REPORT_RULES, periodLabelVi, type Attribution, type GroupBy, type ReportRule } from '../../core/reports/index.js';
import type { Queryable } from '../../db/types.js';
import { audit } from '../audit.js';
import { renderFormPdf } from '../forms/pdf.js';
import { REGISTER_COLUMNS, reportWorkbook, registerWorkbook } from './excel.js';
import { MAX_REGISTER_PRINT_ROWS, registerDocument } from './register-form.js';
import { dashboard, dossierReport, registerBatches, registerContext, registerCount, registerPage, type RegisterContext, type RegisterRow } from './service.js';

const TAGS = ['reports'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Longest register one Excel export may hold; narrow the period or the unit beyond it. */
export const MAX_REGISTER_EXPORT_ROWS = 100_000;

const UnitQ = Type.String({ minLength: 1, maxLength: 80, description: 'Unit id (uuid) or identifier code, e.g. 000.00.00.H55' });
const FromQ = Type.String({ format: 'date', description: 'First day of the period (YYYY-MM-DD, local)' });
const ToQ = Type.String({ format: 'date', description: 'Day after the last day of the period (exclusive, YYYY-MM-DD, local)' });
const ByQ = Type.Enum(ATTRIBUTIONS as Attribution[], {
  description: "Attribute dossiers to their receiving unit (default; one-stop.md §9.4) or their competent unit ('competent', falling back to the receiving unit)",
});

const ReportQuery = Type.Object(
  {
    unit: UnitQ,
    from: FromQ,
    to: ToQ,
    groupBy: Type.Optional(Type.Enum(GROUP_BYS as GroupBy[], { default: 'field', description: 'Rows by field (lĩnh vực), by unit (the direct children of the unit) or by procedure' })),
    rule: Type.Optional(Type.Enum(REPORT_RULES as ReportRule[], { default: 'legal', description: "'legal': lateness against the original due; 'index766': QĐ 766 indicator 2.1 verdicts" })),
    by: Type.Optional({ ...ByQ, default: 'receiving' }),
  },
  { additionalProperties: false },
);

const RegisterQuery = Type.Object(
  {
    unit: UnitQ,
    from: FromQ,
    to: ToQ,
    by: Type.Optional({ ...ByQ, default: 'receiving' }),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 1 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  },
  { additionalProperties: false },
);

const RegisterXlsxQuery = Type.Object({ unit: UnitQ, from: FromQ, to: ToQ, by: Type.Optional({ ...ByQ, default: 'receiving' }) }, { additionalProperties: false });

const DashboardQuery = Type.Object(
  { unit: UnitQ, by: Type.Optional({ ...ByQ, default: 'competent', description: 'Whose work the dashboard shows; default the competent unit' }) },
  { additionalProperties: false },
);

const N = Type.Integer();
const Counts = {
  toProcess: N,
  carriedOver: N,
  received: N,
  receivedCounter: N,
  receivedOnline: N,
  receivedPostal: N,
  resolved: N,
  early: N,
  onTime: N,
  late: N,
  refused: N,
  returned: N,
  notReturned: N,
  inProgress: N,
  notYetDue: N,
  overdue: N,
  waitingSupplement: N,
  withdrawn: N,
  stopped: N,
  refusedAtIntake: N,
  ontimePct: Nullable(Type.Number()),
  ontimePctText: Type.String(),
};
const Invariant = Type.Object({ holds: Type.Boolean(), left: N, right: N });
const Bilingual = Type.Object({ vi: Type.String(), en: Type.String() });
const UnitView = Type.Object({ id: Type.String(), code: Type.String(), name: Type.String(), kind: Type.String() });

const ReportResponse = Type.Object({
  unit: UnitView,
  period: Type.Object({ from: Type.String(), to: Type.String(), fromAt: Type.String(), toAt: Type.String(), labelVi: Type.String(), labelEn: Type.String() }),
  groupBy: Type.String(),
  groupLabel: Bilingual,
  rule: Type.String(),
  ruleDescription: Bilingual,
  splitRule: Type.String(),
  by: Type.String(),
  asOf: Type.String(),
  overdueAt: Type.String(),
  formula: Type.Object({
    key: Type.String(),
    labelVi: Type.String(),
    labelEn: Type.String(),
    formula: Type.String(),
    formulaVi: Type.String(),
    rounding: Type.String(),
    zeroDenominator: Type.String(),
    source: Type.String(),
  }),
  columns: Type.Array(Type.Object({ key: Type.String(), code: Type.String(), labelVi: Type.String(), labelEn: Type.String(), rule: Type.String() })),
  rows: Type.Array(
    Type.Object({
      stt: N,
      group: Type.Object({ id: Nullable(Type.String()), code: Nullable(Type.String()), name: Type.String() }),
      ...Counts,
      invariant: Invariant,
    }),
  ),
  total: Type.Object({ ...Counts, invariant: Invariant }),
  notes: Type.Array(Bilingual),
});

const RegisterRowSchema = Type.Object({
  stt: N,
  id: Type.String(),
  code: Nullable(Type.String()),
  registerBook: Nullable(Type.String()),
  procedureName: Type.String(),
  setsCount: N,
  applicantName: Type.String(),
  addressPhone: Type.String(),
  competentUnit: Type.String(),
  receivedAt: Type.String(),
  dueAt: Type.String(),
  transferredAt: Type.String(),
  resultReceivedAt: Type.String(),
  returnedAt: Type.String(),
  signature: Type.String(),
  note: Type.String(),
});

const RegisterResponse = Type.Object({
  unit: UnitView,
  period: Type.Object({ from: Type.String(), to: Type.String(), labelVi: Type.String() }),
  by: Type.String(),
  form: Nullable(Type.Object({ number: Nullable(Type.String()), title: Type.String(), legalBasis: Type.String() })),
  columns: Type.Array(Type.Object({ key: Type.String(), header: Type.String() })),
  total: N,
  page: N,
  pageSize: N,
  rows: Type.Array(RegisterRowSchema),
});

const Item = Type.Object({
  id: Type.String(),
  code: Nullable(Type.String()),
  procedureName: Type.String(),
  dueAt: Type.String(),
  handler: Nullable(Type.String()),
  remainingVi: Type.String(),
  remainingEn: Type.String(),
});

const DashboardResponse = Type.Object({
  unit: UnitView,
  by: Type.String(),
  asOf: Type.String(),
  month: Type.Object({ from: Type.String(), to: Type.String(), labelVi: Type.String(), ...Counts }),
  overdueNow: Type.Object({
    total: N,
    byStep: Type.Array(
      Type.Object({
        stepCode: Type.String(),
        stepName: Type.String(),
        unitId: Nullable(Type.String()),
        unitName: Nullable(Type.String()),
        active: N,
        stepsOverdue: N,
        dossiersOverdue: N,
      }),
    ),
    byOfficer: Type.Array(Type.Object({ handlerId: Nullable(Type.String()), handlerName: Type.String(), overdue: N, oldestDueAt: Type.String() })),
    items: Type.Array(Item),
  }),
  dueSoon: Type.Object({ total: N, workingDays: Type.Number(), until: Type.String(), legalBasis: Nullable(Type.String()), items: Type.Array(Item) }),
  notes: Type.Array(Bilingual),
});

function asciiName(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .replace(/[^A-Za-z0-9.-]+/g, '-');
}

const reports: FastifyPluginAsync = async (app) => {
  app.get(
    '/reports/dossiers',
    {
      schema: {
        tags: TAGS,
        summary: 'Standard dossier table (one-stop.md §9.1–9.3) of a unit and its descendants for a period [from, to)',
        querystring: ReportQuery,
        response: { 200: ReportResponse },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const q = request.query as { unit: string; from: string; to: string; groupBy: GroupBy; rule: ReportRule; by: Attribution };
      return dossierReport(app.db, user, q, new Date());
    },
  );

  app.get(
    '/reports/dossiers.xlsx',
    { schema: { tags: TAGS, summary: 'The standard dossier table as an Excel file (Vietnamese headers, A4 landscape)', querystring: ReportQuery } },
    async (request, reply) => {
      const user = requireUser(request);
      const q = request.query as { unit: string; from: string; to: string; groupBy: GroupBy; rule: ReportRule; by: Attribution };
      const report = await dossierReport(app.db, user, q, new Date());
      const buf = await reportWorkbook(report);
      reply
        .header('content-type', XLSX)
        .header('content-disposition', `attachment; filename="bao-cao-ho-so-${asciiName(report.unit.code)}-${q.from}-${q.to}.xlsx"`);
      return reply.send(buf);
    },
  );

  app.get(
    '/reports/register',
    {
      schema: {
        tags: TAGS,
        summary: 'Dossier register (Sổ theo dõi hồ sơ, Mẫu 06 TT 01/2018 / Mẫu 07 TT 03/2025) of the dossiers received in [from, to), paged',
        querystring: RegisterQuery,
        response: { 200: RegisterResponse },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const q = request.query as { unit: string; from: string; to: string; by: Attribution; page: number; pageSize: number };
      const ctx = await registerContext(app.db, user, q);
      const offset = (q.page - 1) * q.pageSize;
      const [total, rows] = await Promise.all([registerCount(app.db, user.tenantId, ctx), registerPage(app.db, user.tenantId, ctx, offset, q.pageSize)]);
      await audit(app.db, {
        tenantId: user.tenantId,
        actorId: user.id,
        action: 'report.register.read',
        entity: 'unit',
        entityId: ctx.unit.id,
        ip: request.ip,
        data: { from: q.from, to: q.to, by: q.by, page: q.page, rows: rows.length },
      });
      return {
        unit: ctx.unit,
        period: { from: ctx.period.from, to: ctx.period.to, labelVi: periodLabelVi(ctx.period) },
        by: ctx.by,
        form: ctx.formTitle,
        columns: REGISTER_COLUMNS.map((c) => ({ key: c.key, header: c.header })),
        total,
        page: q.page,
        pageSize: q.pageSize,
        rows,
      };
    },
  );

  app.get(
    '/reports/register.xlsx',
    { schema: { tags: TAGS, summary: 'The dossier register as an Excel file (A4 landscape)', querystring: RegisterXlsxQuery } },
    async (request, reply) => {
      const user = requireUser(request);
      const q = request.query as { unit: string; from: string; to: string; by: Attribution };
      const ctx = await registerContext(app.db, user, q);
      const total = await registerCountWithin(app.db, user.tenantId, ctx, MAX_REGISTER_EXPORT_ROWS);
      const buf = await registerWorkbook(ctx, registerBatches(app.db, user.tenantId, ctx), new Date());
      await audit(app.db, {
        tenantId: user.tenantId,
        actorId: user.id,
        action: 'report.register.export',
        entity: 'unit',
        entityId: ctx.unit.id,
        ip: request.ip,
        data: { from: q.from, to: q.to, by: q.by, rows: total },
      });
      reply
        .header('content-type', XLSX)
        .header('content-disposition', `attachment; filename="so-theo-doi-ho-so-${asciiName(ctx.unit.code)}-${q.from}-${q.to}.xlsx"`);
      return reply.send(buf);
    },
  );

  /** The register as a printed form (Mẫu 07 TT 03/2025 / Mẫu 06 TT 01/2018), audited like an export. */
  async function registerForm(request: FastifyRequest, action: string) {
    const user = requireUser(request);
    const q = request.query as { unit: string; from: string; to: string; by: Attribution };
    const ctx = await registerContext(app.db, user, q);
    const total = await registerCountWithin(app.db, user.tenantId, ctx, MAX_REGISTER_PRINT_ROWS);
    const rows: RegisterRow[] = [];
    for await (const batch of registerBatches(app.db, user.tenantId, ctx)) rows.push(...batch);
    const tenantName: string = (await app.db.query('select name from tenants where id=$1', [user.tenantId])).rows[0]?.name ?? '';
    await audit(app.db, {
      tenantId: user.tenantId,
      actorId: user.id,
      action,
      entity: 'unit',
      entityId: ctx.unit.id,
      ip: request.ip,
      data: { from: q.from, to: q.to, by: q.by, rows: total },
    });
    return { ctx, doc: registerDocument(ctx, rows, { tenantName, printedAt: new Date() }) };
  }

  app.get(
    '/reports/register/document',
    {
      schema: {
        tags: TAGS,
        summary: `The dossier register as a printed form (A4 landscape, national heading): what the print page and the PDF draw; at most ${MAX_REGISTER_PRINT_ROWS} dossiers`,
        querystring: RegisterXlsxQuery,
      },
    },
    async (request) => (await registerForm(request, 'report.register.print')).doc,
  );

  app.get(
    '/reports/register.pdf',
    {
      schema: {
        tags: TAGS,
        summary: `The dossier register as a PDF (A4 landscape); at most ${MAX_REGISTER_PRINT_ROWS} dossiers`,
        querystring: RegisterXlsxQuery,
        produces: ['application/pdf'],
      },
    },
    async (request, reply) => {
      const q = request.query as { from: string; to: string };
      const { ctx, doc } = await registerForm(request, 'report.register.pdf');
      const pdf = await renderFormPdf(doc);
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="so-theo-doi-ho-so-${asciiName(ctx.unit.code)}-${q.from}-${q.to}.pdf"`)
        .send(pdf);
    },
  );

  app.get(
    '/reports/dashboard',
    {
      schema: {
        tags: TAGS,
        summary: 'Leader dashboard of a unit: received this month, on-time rate, overdue now by step and by officer, due within the due-soon window',
        querystring: DashboardQuery,
        response: { 200: DashboardResponse },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const q = request.query as { unit: string; by: Attribution };
      return dashboard(app.db, user, q, new Date());
    },
  );
};


export default reports;

/** Counts the register and refuses (400 on `to`) a period holding more than one export may. */
async function registerCountWithin(db: Queryable, tenantId: string, ctx: RegisterContext, max: number): Promise<number> {
  const total = await registerCount(db, tenantId, ctx);
  if (total > max) {
    throw badRequest([
      fieldError(
        'to',
        `the register holds ${total} dossiers; one export may hold at most ${max}: shorten the period or choose a smaller unit`,
        `Sổ có ${total} hồ sơ; mỗi lần xuất tối đa ${max} hồ sơ: hãy rút ngắn kỳ hoặc chọn đơn vị nhỏ hơn`,
      ),
    ]);
  }
  return total;
}
