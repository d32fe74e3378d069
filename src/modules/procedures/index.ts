import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { requireRole } from '../../http/context.js';
import { badRequest, fieldError, forbidden, notFound } from '../../http/errors.js';
import { idempotentCreate } from '../../http/idempotency.js';
import { hasRole } from '../../core/access/roles.js';
import { localDateOf } from '../../core/calendar/index.js';
import { ONLINE_LEVELS, PROCEDURE_LEVELS, PROCEDURE_STATUSES, type ProcedureInput, type VariantInput } from '../../core/procedures/index.js';
import { audit } from '../audit.js';
import { ProcedureEntry, descriptiveProperties, variantProperties } from './schema.js';
import { fieldsWithCounts, findProcedure, procedureHistory, procedureSheet, searchProcedures } from './queries.js';
import {
  CatalogueError,
  addVariant,
  auditRefusedImport,
  createProcedure,
  exportCatalogue,
  importCatalogue,
  updateProcedure,
  type CatalogueActor,
  type ProcedurePatch,
} from './service.js';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const StatusFilter = Type.Enum([...PROCEDURE_STATUSES, 'all'] as const);
const Ref = Type.String({ minLength: 1, maxLength: 80, pattern: '^[A-Za-z0-9][A-Za-z0-9.\\-]*$', description: 'Procedure id (uuid) or national / portal code' });
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

const PatchBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1, description: 'The version you read' }),
    ...Object.fromEntries(Object.entries(descriptiveProperties).map(([k, v]) => [k, Type.Optional(v as any)])),
  },
  { additionalProperties: false },
);

const VariantBody = Type.Object(
  { version: Type.Integer({ minimum: 1, description: 'The procedure version you read' }), ...variantProperties },
  { additionalProperties: false },
);

const procedures: FastifyPluginAsync = async (app) => {
  const tenant = () => app.config.tenantId;
  const today = () => localDateOf(new Date());
  const actorOf = (request: FastifyRequest, via: CatalogueActor['via'] = 'api'): CatalogueActor => {
    const user = requireRole(request, 'admin');
    return { userId: user.id, ip: request.ip, via };
  };
  /** Statuses a request may see: published for everyone; any (or all) for administrators. */
  const statusesFor = (request: FastifyRequest, status: string | undefined): string[] => {
    if (!status || status === 'published') return ['published'];
    if (!hasRole(request.user, 'admin')) {
      throw forbidden('Only administrators may list unpublished procedures', 'Chỉ quản trị viên được xem thủ tục chưa công bố');
    }
    return status === 'all' ? [...PROCEDURE_STATUSES] : [status];
  };

  app.get(
    '/procedures',
    {
      schema: {
        tags: ['procedures'],
        summary: 'Search the procedure catalogue (public): diacritic-insensitive text or national code, field, unit, level, online level; paged',
        security: [],
        querystring: Type.Object(
          {
            q: Type.Optional(Type.String({ maxLength: 200 })),
            field: Type.Optional(Type.String({ minLength: 1, maxLength: 30 })),
            unit: Type.Optional(Type.String({ minLength: 1, maxLength: 60, description: 'Unit id or code; matches units that receive or decide' })),
            level: Type.Optional(Type.Enum(PROCEDURE_LEVELS)),
            online: Type.Optional(Type.Enum(ONLINE_LEVELS)),
            status: Type.Optional(StatusFilter),
            page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 1 })),
            pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const qs = request.query as { q?: string; field?: string; unit?: string; level?: string; online?: string; status?: string; page?: number; pageSize?: number };
      const statuses = statusesFor(request, qs.status);
      const isAdmin = hasRole(request.user, 'admin');
      let unitIds: string[] | null = null;
      if (qs.unit) {
        const rows = (
          await app.db.query(
            UUID_RE.test(qs.unit) ? 'select id from units where tenant_id=$1 and id=$2::uuid' : 'select id from units where tenant_id=$1 and code=$2',
            [tenant(), qs.unit],
          )
        ).rows;
        if (!rows.length) throw badRequest([fieldError('unit', `unit '${qs.unit}' does not exist`, `không có đơn vị '${qs.unit}'`)]);
        unitIds = rows.map((r: any) => r.id);
      }
      if (qs.field) {
        const f = await app.db.query('select 1 from procedure_fields where tenant_id=$1 and code=$2', [tenant(), qs.field]);
        if (!f.rowCount) throw badRequest([fieldError('field', `field '${qs.field}' does not exist`, `không có lĩnh vực '${qs.field}'`)]);
      }
      return searchProcedures(app.db, tenant(), {
        q: qs.q ?? null,
        fieldCode: qs.field ?? null,
        unitIds,
        level: qs.level ?? null,
        online: qs.online ?? null,
        statuses,
        publicOnly: !isAdmin || !qs.status,
        today: today(),
        page: qs.page ?? 1,
        pageSize: qs.pageSize ?? 20,
      });
    },
  );

  app.get(
    '/procedure-fields',
    {
      schema: {
        tags: ['procedures'],
        summary: 'Fields (lĩnh vực) with the number of published procedures (administrators: ?status=)',
        security: [],
        querystring: Type.Object({ status: Type.Optional(StatusFilter) }, { additionalProperties: false }),
      },
    },
    async (request) => {
      const { status } = request.query as { status?: string };
      const statuses = statusesFor(request, status);
      return fieldsWithCounts(app.db, tenant(), statuses, !status, today());
    },
  );

  app.get(
    '/procedures/export',
    {
      schema: {
        tags: ['procedures'],
        summary: 'Export the catalogue in the import format (administrators; docs/procedures.md)',
        querystring: Type.Object({ status: Type.Optional(StatusFilter) }, { additionalProperties: false }),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { status } = request.query as { status?: string };
      const file = await exportCatalogue(app.db, tenant(), { statuses: !status || status === 'all' ? undefined : [status] });
      await audit(app.db, {
        tenantId: tenant(),
        actorId: actor.userId,
        action: 'procedure.export',
        entity: 'procedure_catalogue',
        entityId: tenant(),
        ip: request.ip,
        data: { status: status ?? 'all', procedures: file.procedures.length },
      });
      reply.header('content-disposition', `attachment; filename="thu-tuc-hanh-chinh-${tenant()}-${today()}.json"`);
      return file;
    },
  );

  app.post(
    '/procedures/import',
    {
      bodyLimit: 20 * 1024 * 1024,
      schema: {
        tags: ['procedures'],
        summary: 'Import a catalogue file (administrators); refused whole with every error and its JSON path. ?dryRun=true only checks',
        querystring: Type.Object({ dryRun: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
        body: Type.Unknown({ description: 'A catalogue file (format motcua.procedures, formatVersion 1)' }),
      },
    },
    async (request) => {
      const actor = actorOf(request, 'import');
      const { dryRun } = request.query as { dryRun?: boolean };
      try {
        return await importCatalogue(app.db, tenant(), request.body, actor, { dryRun: !!dryRun });
      } catch (err) {
        if (err instanceof CatalogueError) await auditRefusedImport(app.db, tenant(), actor, err.issues);
        throw err;
      }
    },
  );

  app.get(
    '/procedures/:ref',
    {
      schema: {
        tags: ['procedures'],
        summary: 'The procedure sheet (public): components, fees, time, where to submit, legal basis, online level, postal, cases and process steps',
        security: [],
        params: Type.Object({ ref: Ref }),
      },
    },
    async (request) => {
      const { ref } = request.params as { ref: string };
      const row = await findProcedure(app.db, tenant(), ref);
      const visible = row && (hasRole(request.user, 'admin') || (row.status === 'published' && (!row.effective_to || row.effective_to > today())));
      if (!visible) throw notFound('Procedure', 'Thủ tục');
      return procedureSheet(app.db, tenant(), row, today());
    },
  );

  app.get(
    '/procedures/:id/history',
    { schema: { tags: ['procedures'], summary: 'Every version of every case and the change trail (administrators)', params: IdParams } },
    async (request) => {
      actorOf(request);
      const { id } = request.params as { id: string };
      const row = await findProcedure(app.db, tenant(), id);
      if (!row) throw notFound('Procedure', 'Thủ tục');
      return procedureHistory(app.db, tenant(), id);
    },
  );

  app.post(
    '/procedures',
    { schema: { tags: ['procedures'], summary: 'Create a procedure with its cases (administrators)', body: ProcedureEntry } },
    async (request, reply) => {
      const actor = actorOf(request);
      const user = request.user!;
      const r = await idempotentCreate(app.db, request, user, 'POST /procedures', async (tx) => {
        const now = new Date();
        const id = await createProcedure(tx, tenant(), request.body as ProcedureInput, actor, now);
        const row = await findProcedure(tx, tenant(), id);
        return { statusCode: 201, body: await procedureSheet(tx, tenant(), row, localDateOf(now)) };
      });
      return reply.status(r.statusCode).send(r.body);
    },
  );

  app.patch(
    '/procedures/:id',
    {
      schema: {
        tags: ['procedures'],
        summary: 'Update the descriptive data of a procedure (administrators); send the version you read',
        params: IdParams,
        body: PatchBody,
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { id } = request.params as { id: string };
      const body = request.body as ProcedurePatch;
      if (Object.keys(body).length < 2) {
        throw badRequest([fieldError('body', 'nothing to update: send at least one field besides version', 'không có nội dung cần cập nhật: gửi ít nhất một trường ngoài version')]);
      }
      await updateProcedure(app.db, tenant(), id, body, actor, new Date());
      return procedureSheet(app.db, tenant(), await findProcedure(app.db, tenant(), id), today());
    },
  );

  app.post(
    '/procedures/:id/variants',
    {
      schema: {
        tags: ['procedures'],
        summary: 'Add a new version of a case (or a new case) to a procedure; closes the previous version (administrators)',
        params: IdParams,
        body: VariantBody,
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const user = request.user!;
      const { id } = request.params as { id: string };
      const r = await idempotentCreate(app.db, request, user, `POST /procedures/${id}/variants`, async (tx) => {
        const now = new Date();
        const out = await addVariant(tx, tenant(), id, request.body as VariantInput & { version: number }, actor, now);
        const row = await findProcedure(tx, tenant(), id);
        return { statusCode: 201, body: { variantId: out.variantId, closedVersions: out.closed, procedure: await procedureSheet(tx, tenant(), row, localDateOf(now)) } };
      });
      return reply.status(r.statusCode).send(r.body);
    },
  );
};

export default procedures;
