import type { FastifyPluginAsync } from 'fastify';
import { Type } from 'typebox';
import { Nullable } from '../../http/nullable.js';
import { requireRole } from '../../http/context.js';
import { badRequest, fieldError, notFound, staleVersion } from '../../http/errors.js';
import { audit } from '../audit.js';

const UNIT_KINDS = ['province', 'department', 'commune', 'division', 'service_centre', 'other'] as const;

const UnitBody = Type.Object(
  {
    code: Type.String({ minLength: 3, maxLength: 40, pattern: '^[A-Za-z0-9.\\-]+$' }),
    name: Type.String({ minLength: 2, maxLength: 200 }),
    shortName: Type.Optional(Type.String({ maxLength: 100 })),
    kind: Type.Union(UNIT_KINDS.map((k) => Type.Literal(k))),
    parentId: Nullable(Type.String({ format: 'uuid' })),
    validFrom: Type.Optional(Type.String({ format: 'date' })),
    validTo: Type.Optional(Nullable(Type.String({ format: 'date' }))),
    remoteArea: Type.Optional(Type.Boolean()),
    address: Type.Optional(Type.String({ maxLength: 300 })),
    phone: Type.Optional(Type.String({ maxLength: 30 })),
    legalBasis: Type.Optional(Type.String({ maxLength: 300 })),
    predecessorIds: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { maxItems: 50 })),
  },
  { additionalProperties: false },
);

export function viewUnit(r: any) {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    shortName: r.short_name,
    kind: r.kind,
    parentId: r.parent_id,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    remoteArea: r.remote_area,
    address: r.address,
    phone: r.phone,
    legalBasis: r.legal_basis,
    version: r.version,
  };
}

const units: FastifyPluginAsync = async (app) => {
  // The unit catalogue is public: citizens choose where to submit and the catalogue filters by unit.
  app.get(
    '/units',
    {
      schema: {
        tags: ['units'],
        summary: 'Units (province, departments, communes, divisions); current ones unless ?all=true',
        security: [],
        querystring: Type.Object({ all: Type.Optional(Type.Boolean()), kind: Type.Optional(Type.Union(UNIT_KINDS.map((k) => Type.Literal(k)))) }),
      },
    },
    async (request) => {
      const { all, kind } = request.query as { all?: boolean; kind?: string };
      const rows = (
        await app.db.query(
          `select * from units where tenant_id=$1 and ($2 or valid_to is null or valid_to > current_date)
             and ($3::text is null or kind=$3) order by kind, code`,
          [app.config.tenantId, !!all, kind ?? null],
        )
      ).rows;
      return rows.map(viewUnit);
    },
  );

  app.get(
    '/units/:id',
    { schema: { tags: ['units'], security: [], params: Type.Object({ id: Type.String({ format: 'uuid' }) }) } },
    async (request) => {
      const { id } = request.params as { id: string };
      const r = (await app.db.query('select * from units where tenant_id=$1 and id=$2', [app.config.tenantId, id])).rows[0];
      if (!r) throw notFound('Unit', 'Đơn vị');
      const preds = (await app.db.query('select predecessor_id from unit_predecessors where unit_id=$1', [id])).rows.map((p: any) => p.predecessor_id);
      return { ...viewUnit(r), predecessorIds: preds };
    },
  );

  app.post('/units', { schema: { tags: ['units'], summary: 'Create a unit (administrators)', body: UnitBody } }, async (request, reply) => {
    const admin = requireRole(request, 'admin');
    const b = request.body as any;
    const id = await app.db.tx(async (tx) => {
      if (b.parentId) {
        const p = await tx.query('select 1 from units where tenant_id=$1 and id=$2', [admin.tenantId, b.parentId]);
        if (!p.rowCount) throw badRequest([fieldError('parentId', 'parentId does not exist', 'Đơn vị cấp trên không tồn tại')]);
      }
      const dup = await tx.query('select 1 from units where tenant_id=$1 and code=$2 and (valid_to is null or valid_to > current_date)', [admin.tenantId, b.code]);
      if (dup.rowCount) throw badRequest([fieldError('code', 'code is already used by a current unit', 'Mã định danh đã được dùng cho một đơn vị đang hoạt động')]);
      const newId = (
        await tx.query(
          `insert into units(tenant_id, code, name, short_name, kind, parent_id, valid_from, valid_to, remote_area, address, phone, legal_basis)
           values ($1,$2,$3,$4,$5,$6,coalesce($7::date, current_date),$8,$9,$10,$11,$12) returning id`,
          [admin.tenantId, b.code, b.name, b.shortName ?? null, b.kind, b.parentId, b.validFrom ?? null, b.validTo ?? null, b.remoteArea ?? false, b.address ?? null, b.phone ?? null, b.legalBasis ?? null],
        )
      ).rows[0].id;
      for (const p of b.predecessorIds ?? []) {
        await tx.query('insert into unit_predecessors(tenant_id, unit_id, predecessor_id) values ($1,$2,$3)', [admin.tenantId, newId, p]);
      }
      await audit(tx, { tenantId: admin.tenantId, actorId: admin.id, action: 'unit.create', entity: 'unit', entityId: newId, ip: request.ip, data: b });
      return newId;
    });
    const r = (await app.db.query('select * from units where id=$1', [id])).rows[0];
    return reply.status(201).send(viewUnit(r));
  });

  app.patch(
    '/units/:id',
    {
      schema: {
        tags: ['units'],
        summary: 'Update a unit (administrators); send the version you read',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        body: Type.Object(
          {
            version: Type.Integer({ minimum: 1 }),
            name: Type.Optional(Type.String({ minLength: 2, maxLength: 200 })),
            shortName: Type.Optional(Type.String({ maxLength: 100 })),
            validTo: Type.Optional(Nullable(Type.String({ format: 'date' }))),
            remoteArea: Type.Optional(Type.Boolean()),
            address: Type.Optional(Type.String({ maxLength: 300 })),
            phone: Type.Optional(Type.String({ maxLength: 30 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const admin = requireRole(request, 'admin');
      const { id } = request.params as { id: string };
      const b = request.body as any;
      return app.db.tx(async (tx) => {
        const cur = (await tx.query('select * from units where tenant_id=$1 and id=$2 for update', [admin.tenantId, id])).rows[0];
        if (!cur) throw notFound('Unit', 'Đơn vị');
        if (cur.version !== b.version) throw staleVersion();
        const r = (
          await tx.query(
            `update units set name=coalesce($2,name), short_name=coalesce($3,short_name),
               valid_to=case when $4::boolean then $5::date else valid_to end, remote_area=coalesce($6,remote_area),
               address=coalesce($7,address), phone=coalesce($8,phone), version=version+1
             where id=$1 returning *`,
            [id, b.name ?? null, b.shortName ?? null, 'validTo' in b, b.validTo ?? null, b.remoteArea ?? null, b.address ?? null, b.phone ?? null],
          )
        ).rows[0];
        await audit(tx, { tenantId: admin.tenantId, actorId: admin.id, action: 'unit.update', entity: 'unit', entityId: id, ip: request.ip, data: b });
        return viewUnit(r);
      });
    },
  );
};

export default units;
