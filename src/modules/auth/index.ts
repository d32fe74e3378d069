import type { FastifyPluginAsync } from 'fastify';
import { Type } from 'typebox';
import { Nullable } from '../../http/nullable.js';
import { AppError, badRequest, fieldError, conflict } from '../../http/errors.js';
import { requireRole, requireUser } from '../../http/context.js';
import { isValidCitizenId, maskCitizenId, ROLES, ROLE_LABELS } from '../../core/access/roles.js';
import { SESSION_COOKIE, createSession, loadUser, revokeSession } from './sessions.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { LoginThrottle } from './throttle.js';
import { audit } from '../audit.js';
import { createUser } from './users.js';

const UserView = Type.Object({
  id: Type.String(),
  username: Type.String(),
  fullName: Type.String(),
  kind: Type.String(),
  citizenId: Nullable(Type.String()),
  roles: Type.Array(Type.Object({ role: Type.String(), unitId: Nullable(Type.String()) })),
});

const auth: FastifyPluginAsync = async (app) => {
  const throttle = new LoginThrottle();
  app.post(
    '/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in; returns a bearer token and sets the session cookie',
        security: [],
        body: Type.Object(
          { username: Type.String({ minLength: 1, maxLength: 100 }), password: Type.String({ minLength: 1, maxLength: 200 }) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ token: Type.String(), expiresAt: Type.String(), user: UserView }) },
      },
    },
    async (request, reply) => {
      const { username, password } = request.body as { username: string; password: string };
      const keys = [
        { key: `u:${username.toLowerCase()}`, limit: 5 },
        { key: `ip:${request.ip}`, limit: 50 },
      ];
      if (throttle.isThrottled(keys)) {
        throw new AppError(429, 'login_throttled', 'Too many failed sign-ins; wait 15 minutes', 'Đăng nhập sai quá nhiều lần; vui lòng đợi 15 phút');
      }
      const row = (
        await app.db.query('select id, password_hash from users where tenant_id=$1 and lower(username)=lower($2) and active', [
          app.config.tenantId,
          username,
        ])
      ).rows[0];
      if (!row || !(await verifyPassword(row.password_hash, password))) {
        throttle.recordFailure(keys);
        throw new AppError(401, 'invalid_credentials', 'Wrong user name or password', 'Sai tên đăng nhập hoặc mật khẩu');
      }
      throttle.clear(keys.slice(0, 1));
      const user = (await loadUser(app.db, row.id))!;
      const session = await createSession(app.db, user.tenantId, user.id, app.config.sessionTtlHours);
      reply.setCookie(SESSION_COOKIE, session.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: app.config.cookieSecure,
        expires: session.expiresAt,
      });
      return { token: session.token, expiresAt: session.expiresAt.toISOString(), user: viewUser(user) };
    },
  );

  app.post('/auth/logout', { schema: { tags: ['auth'], summary: 'Sign out' } }, async (request, reply) => {
    const authz = request.headers.authorization;
    const token = authz?.startsWith('Bearer ') ? authz.slice(7) : request.cookies[SESSION_COOKIE];
    if (token) await revokeSession(app.db, token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  app.get('/auth/me', { schema: { tags: ['auth'], summary: 'The signed-in user', response: { 200: UserView } } }, async (request) =>
    viewUser(requireUser(request)),
  );

  app.post(
    '/auth/register',
    {
      schema: {
        tags: ['auth'],
        summary: 'Create a citizen (CCCD) or business (tax code) account',
        security: [],
        body: Type.Object(
          {
            kind: Type.Union([Type.Literal('citizen'), Type.Literal('business')]),
            username: Type.String({ minLength: 3, maxLength: 50, pattern: '^[A-Za-z0-9._-]+$' }),
            password: Type.String({ minLength: 8, maxLength: 200 }),
            fullName: Type.String({ minLength: 2, maxLength: 200 }),
            citizenId: Type.Optional(Type.String({ maxLength: 12 })),
            taxCode: Type.Optional(Type.String({ maxLength: 14 })),
            email: Type.Optional(Type.String({ maxLength: 200, format: 'email' })),
            phone: Type.Optional(Type.String({ maxLength: 20, pattern: '^[0-9+ ]{8,20}$' })),
            address: Type.Optional(Type.String({ maxLength: 300 })),
          },
          { additionalProperties: false },
        ),
      },
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const b = request.body as any;
      if (b.kind === 'citizen' && (!b.citizenId || !isValidCitizenId(b.citizenId))) {
        throw badRequest([fieldError('citizenId', 'citizenId must be 12 digits', 'Số CCCD phải gồm 12 chữ số')]);
      }
      if (b.kind === 'business' && (!b.taxCode || !/^\d{10}(-\d{3})?$/.test(b.taxCode))) {
        throw badRequest([fieldError('taxCode', 'taxCode must be 10 digits (or 10-3)', 'Mã số thuế phải gồm 10 chữ số (hoặc 10-3)')]);
      }
      const id = await app.db.tx(async (tx) => {
        const clash = await tx.query(
          'select 1 from users where tenant_id=$1 and (lower(username)=lower($2) or ($3::text is not null and citizen_id=$3))',
          [app.config.tenantId, b.username, b.citizenId ?? null],
        );
        if (clash.rowCount) throw conflict('account_exists', 'An account with this user name or ID already exists', 'Tài khoản với tên đăng nhập hoặc số định danh này đã tồn tại');
        return createUser(tx, app.config.tenantId, {
          username: b.username,
          password: b.password,
          fullName: b.fullName,
          kind: b.kind,
          citizenId: b.citizenId ?? null,
          taxCode: b.taxCode ?? null,
          email: b.email ?? null,
          phone: b.phone ?? null,
          address: b.address ?? null,
          roles: [{ role: 'citizen', unitId: null }],
        });
      });
      return reply.status(201).send(viewUser((await loadUser(app.db, id))!));
    },
  );

  app.get(
    '/roles',
    { schema: { tags: ['auth'], summary: 'The roles and their labels' } },
    async () => ROLES.map((r) => ({ role: r, ...ROLE_LABELS[r] })),
  );

  app.get(
    '/users',
    {
      schema: {
        tags: ['admin'],
        summary: 'Users (administrators)',
        querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 100 })), kind: Type.Optional(Type.String({ maxLength: 20 })) }),
      },
    },
    async (request) => {
      const admin = requireRole(request, 'admin');
      const { q, kind } = request.query as { q?: string; kind?: string };
      const rows = (
        await app.db.query(
          `select u.id, u.username, u.full_name, u.kind, u.citizen_id, u.email, u.phone, u.title, u.active, u.version,
                  coalesce(json_agg(json_build_object('role', r.role, 'unitId', r.unit_id)) filter (where r.role is not null), '[]') roles
             from users u left join user_roles r on r.user_id = u.id
            where u.tenant_id = $1 and ($2::text is null or vn_fold(u.full_name || ' ' || u.username) like '%' || vn_fold($2) || '%')
              and ($3::text is null or u.kind = $3)
            group by u.id order by u.username limit 500`,
          [admin.tenantId, q ?? null, kind ?? null],
        )
      ).rows;
      return rows.map((u: any) => ({
        id: u.id,
        username: u.username,
        fullName: u.full_name,
        kind: u.kind,
        citizenId: maskCitizenId(u.citizen_id),
        email: u.email,
        phone: u.phone,
        title: u.title,
        active: u.active,
        version: u.version,
        roles: u.roles,
      }));
    },
  );

  app.post(
    '/users',
    {
      schema: {
        tags: ['admin'],
        summary: 'Create a staff user with roles at units (administrators)',
        body: Type.Object(
          {
            username: Type.String({ minLength: 3, maxLength: 50, pattern: '^[A-Za-z0-9._-]+$' }),
            password: Type.String({ minLength: 8, maxLength: 200 }),
            fullName: Type.String({ minLength: 2, maxLength: 200 }),
            title: Type.Optional(Type.String({ maxLength: 100 })),
            email: Type.Optional(Type.String({ maxLength: 200, format: 'email' })),
            phone: Type.Optional(Type.String({ maxLength: 20 })),
            roles: Type.Array(
              Type.Object({ role: Type.Union(ROLES.map((r) => Type.Literal(r))), unitId: Nullable(Type.String({ format: 'uuid' })) }),
              { minItems: 1, maxItems: 20 },
            ),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const admin = requireRole(request, 'admin');
      const b = request.body as any;
      const id = await app.db.tx(async (tx) => {
        const unitIds = b.roles.map((r: any) => r.unitId).filter(Boolean);
        if (unitIds.length) {
          const found = await tx.query('select id from units where tenant_id=$1 and id = any($2::uuid[])', [admin.tenantId, unitIds]);
          if (found.rowCount !== new Set(unitIds).size) throw badRequest([fieldError('roles', 'a unit does not exist', 'có đơn vị không tồn tại')]);
        }
        const exists = await tx.query('select 1 from users where tenant_id=$1 and lower(username)=lower($2)', [admin.tenantId, b.username]);
        if (exists.rowCount) throw conflict('account_exists', 'This user name is taken', 'Tên đăng nhập đã được sử dụng');
        const newId = await createUser(tx, admin.tenantId, { ...b, kind: 'staff' });
        await audit(tx, { tenantId: admin.tenantId, actorId: admin.id, action: 'user.create', entity: 'user', entityId: newId, ip: request.ip, data: { username: b.username, roles: b.roles } });
        return newId;
      });
      return reply.status(201).send(viewUser((await loadUser(app.db, id))!));
    },
  );

  app.put(
    '/users/:id/roles',
    {
      schema: {
        tags: ['admin'],
        summary: 'Replace a user’s roles (administrators)',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        body: Type.Object(
          {
            roles: Type.Array(Type.Object({ role: Type.Union(ROLES.map((r) => Type.Literal(r))), unitId: Nullable(Type.String({ format: 'uuid' })) }), {
              maxItems: 20,
            }),
            active: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const admin = requireRole(request, 'admin');
      const { id } = request.params as { id: string };
      const b = request.body as any;
      await app.db.tx(async (tx) => {
        const u = (await tx.query('select id from users where tenant_id=$1 and id=$2 for update', [admin.tenantId, id])).rows[0];
        if (!u) throw new AppError(404, 'not_found', 'User not found', 'Không tìm thấy người dùng');
        await tx.query('delete from user_roles where user_id=$1', [id]);
        for (const r of b.roles) {
          await tx.query('insert into user_roles(tenant_id, user_id, role, unit_id) values ($1,$2,$3,$4) ', [admin.tenantId, id, r.role, r.unitId]);
        }
        if (b.active !== undefined) await tx.query('update users set active=$2, version=version+1 where id=$1', [id, b.active]);
        if (b.active === false) await tx.query('update sessions set revoked_at=now() where user_id=$1 and revoked_at is null', [id]);
        await audit(tx, { tenantId: admin.tenantId, actorId: admin.id, action: 'user.roles', entity: 'user', entityId: id, ip: request.ip, data: b });
      });
      return viewUser((await loadUser(app.db, id))!);
    },
  );

  app.post(
    '/auth/tokens',
    { schema: { tags: ['auth'], summary: 'Issue a long-lived API token for the signed-in user' } },
    async (request, reply) => {
      const user = requireUser(request);
      const s = await createSession(app.db, user.tenantId, user.id, 24 * 365, 'api_token');
      await audit(app.db, { tenantId: user.tenantId, actorId: user.id, action: 'token.create', entity: 'user', entityId: user.id, ip: request.ip });
      return reply.status(201).send({ token: s.token, expiresAt: s.expiresAt.toISOString() });
    },
  );
};

function viewUser(u: NonNullable<Awaited<ReturnType<typeof loadUser>>>) {
  return { id: u.id, username: u.username, fullName: u.fullName, kind: u.kind, citizenId: maskCitizenId(u.citizenId), roles: u.roles };
}

export { hashPassword };
export default auth;
