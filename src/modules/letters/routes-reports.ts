/** /api/v1/reports/letters: the seed articles' figures with numerators and denominators, Excel, drill-down. */
import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { badRequest, fieldError, forbidden } from '../../http/errors.js';
import { addDays, fromLocal } from '../../core/calendar/index.js';
import { union } from './common.js';
import { staffActor } from './http.js';
import { drill, lettersReport, LETTER_FIGURES, VISIT_FIGURES, type ReportParams } from './reports.js';
import { reportWorkbook } from './exports.js';
import { viewLetterSummary, viewVisitSummary } from './views.js';
import { LocalDay, Opt, Uuid } from './schemas.js';

const ReportQuery = Type.Object(
  {
    unit: Opt(Uuid),
    children: Opt(Type.Boolean({ default: true })),
    from: LocalDay,
    to: LocalDay,
    compare: Opt(Type.Boolean()),
  },
  { additionalProperties: false },
);

async function params(app: FastifyInstance, request: FastifyRequest): Promise<{ p: ReportParams; unit: { id: string; name: string } | null; compare: boolean }> {
  const actor = await staffActor(app, request);
  const q = request.query as any;
  if (q.to < q.from) throw badRequest([fieldError('to', 'to must not be before from', 'Ngày cuối kỳ không được trước ngày đầu kỳ')]);
  if (Date.parse(q.to) - Date.parse(q.from) > 5 * 366 * 86_400_000) throw badRequest([fieldError('to', 'A report covers at most 5 years', 'Kỳ báo cáo không quá 5 năm')]);
  const scope = union(actor.scopes.officer, actor.scopes.leader, actor.scopes.inspector, actor.scopes.supervisor);
  let unitIds = scope;
  let unit: { id: string; name: string } | null = null;
  if (q.unit) {
    if (!scope.includes(q.unit)) throw forbidden('The unit is outside your scope', 'Đơn vị ngoài phạm vi của bạn');
    unit = (await app.db.query('select id, name from units where tenant_id=$1 and id=$2', [app.config.tenantId, q.unit])).rows[0];
    if (q.children === false) unitIds = [q.unit];
    else {
      const sub = (
        await app.db.query(
          `with recursive t as (select id from units where id=$1 union select u.id from units u join t on u.parent_id = t.id) select id from t`,
          [q.unit],
        )
      ).rows.map((r: any) => r.id);
      unitIds = sub.filter((id: string) => scope.includes(id));
    }
  }
  const end = fromLocal(addDays(q.to, 1), 0);
  const now = new Date();
  return { p: { tenantId: app.config.tenantId, unitIds, from: q.from, to: q.to, asOf: now < end ? now : end }, unit, compare: !!q.compare };
}

const reports: FastifyPluginAsync = async (app) => {
  app.get(
    '/reports/letters',
    { schema: { tags: ['reports'], summary: 'Reception and letters report: visits, people, cases, groups; letters within/not within competence, transferred, resolved %, under verification %, overdue per unit', querystring: ReportQuery } },
    async (request) => {
      const { p, unit, compare } = await params(app, request);
      return lettersReport(app.db, p, unit, compare);
    },
  );

  app.get('/reports/letters.xlsx', { schema: { tags: ['reports'], summary: 'The same report as Excel', querystring: ReportQuery } }, async (request, reply) => {
    const { p, unit, compare } = await params(app, request);
    const r = await lettersReport(app.db, p, unit, compare);
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="bao-cao-tcd-xld-${p.from}-${p.to}.xlsx"`)
      .send(await reportWorkbook(r));
  });

  app.get(
    '/reports/letters/drill',
    {
      schema: {
        tags: ['reports'],
        summary: 'Drill-down: the letters or visits behind one figure',
        querystring: Type.Object(
          {
            ...ReportQuery.properties,
            figure: Type.Union([...Object.keys(LETTER_FIGURES), ...Object.keys(VISIT_FIGURES)].map((k) => Type.Literal(k))),
            limit: Opt(Type.Integer({ minimum: 1, maximum: 5000, default: 500 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const { p } = await params(app, request);
      const q = request.query as any;
      const r = await drill(app.db, p, q.figure, q.limit ?? 500);
      if (!r) throw badRequest([fieldError('figure', 'Unknown figure', 'Chỉ tiêu không hợp lệ')]);
      return { figure: q.figure, kind: r.kind, count: r.rows.length, items: r.rows.map((x: any) => (r.kind === 'letters' ? viewLetterSummary(x) : viewVisitSummary(x))) };
    },
  );

};

export default reports;
