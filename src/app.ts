import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Config } from './config.js';
import type { Db } from './db/types.js';
import type { AuthUser } from './core/access/roles.js';
import { AppError, fromValidation } from './http/errors.js';
import { requireUser } from './http/context.js';
import { SESSION_COOKIE, userForToken } from './modules/auth/sessions.js';
import { MODULES } from './modules/index.js';
import type { Jobs } from './jobs.js';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    config: Config;
    jobs: Jobs | null;
  }
  interface FastifyRequest {
    user: AuthUser | null;
  }
}

export type App = FastifyInstance;

export interface BuildOptions {
  db: Db;
  config: Config;
  jobs?: Jobs | null;
  logger?: boolean;
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export async function buildApp(opts: BuildOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger
      ? {
          level: opts.config.logLevel,
          // Citizen IDs and secrets never reach the log.
          redact: ['req.headers.authorization', 'req.headers.cookie', '*.citizenId', '*.password'],
        }
      : false,
    trustProxy: true,
    bodyLimit: 2 * 1024 * 1024,
    ajv: { customOptions: { allErrors: true, coerceTypes: 'array', useDefaults: true, removeAdditional: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('db', opts.db);
  app.decorate('config', opts.config);
  app.decorate('jobs', opts.jobs ?? null);
  app.decorateRequest('user', null);

  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: opts.config.maxUploadBytes, files: 20 } });
  await app.register(rateLimit, { global: false });

  await app.register(swagger, {
    openapi: {
      // 3.1: nullable fields are JSON-schema type lists (src/http/nullable.ts), which 3.0 lacks.
      openapi: '3.1.0',
      info: {
        title: 'motcua API',
        version: '1',
        description:
          'One-stop dossiers, legal clock, citizen reception and letters, feedback. Errors: {"error": {"code", "message", "messageVi", "fields"}}.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          cookie: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  app.setErrorHandler((err: any, request, reply) => {
    if (err instanceof AppError) return reply.status(err.statusCode).send(err.toJSON());
    if (err.validation) {
      return reply.status(400).send(fromValidation(err.validation, err.validationContext ?? 'body').toJSON());
    }
    if (err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || (err.statusCode === 400 && err instanceof SyntaxError)) {
      return reply.status(400).send(
        new AppError(400, 'malformed_json', 'The request body is not valid JSON', 'Nội dung yêu cầu không phải JSON hợp lệ', [
          { field: 'body', message: 'body is not valid JSON', messageVi: 'body không phải JSON hợp lệ' },
        ]).toJSON(),
      );
    }
    if (err.code === 'FST_REQ_FILE_TOO_LARGE' || err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.status(413).send(
        new AppError(413, 'too_large', 'The upload is too large', 'Tệp hoặc dữ liệu gửi lên quá lớn', [
          { field: 'file', message: 'file is too large', messageVi: 'tệp quá lớn' },
        ]).toJSON(),
      );
    }
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return reply.status(415).send(new AppError(415, 'unsupported_media_type', 'Unsupported content type', 'Kiểu nội dung không được hỗ trợ').toJSON());
    }
    if (err.statusCode === 429) {
      return reply.status(429).send(new AppError(429, 'rate_limited', 'Too many requests; try again later', 'Quá nhiều yêu cầu; vui lòng thử lại sau').toJSON());
    }
    if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.status(err.statusCode).send(new AppError(err.statusCode, 'bad_request', err.message, 'Yêu cầu không hợp lệ').toJSON());
    }
    // Invalid input that reached PostgreSQL (e.g. a malformed uuid) is still the client's fault.
    if (err.code === '22P02' || err.code === '22007' || err.code === '22008' || err.code === '22003') {
      return reply.status(400).send(new AppError(400, 'invalid_value', 'A value is malformed', 'Có giá trị không đúng định dạng').toJSON());
    }
    if (opts.logger) request.log.error(err);
    else console.error('[motcua] unhandled error', request.method, request.url, err);
    return reply.status(500).send(new AppError(500, 'internal', 'Internal error', 'Lỗi hệ thống').toJSON());
  });

  // Who is asking: the browser's session cookie or an API client's bearer token.
  app.addHook('onRequest', async (request) => {
    const auth = request.headers.authorization;
    const token = auth?.startsWith('Bearer ') ? auth.slice(7).trim() : request.cookies[SESSION_COOKIE];
    if (token) request.user = await userForToken(app.db, token);
  });

  // Routes that need a signed-in user answer 401 before their input is validated, so that an
  // anonymous caller learns nothing of a route's schema. Public routes declare `security: []`.
  app.addHook('onRoute', (route) => {
    const s = route.schema;
    const hasInput = !!(s?.body || s?.querystring || s?.params);
    const isPublic = Array.isArray(s?.security) && s.security.length === 0;
    if (!hasInput || isPublic || !route.url.startsWith('/api/')) return;
    const previous = route.preValidation;
    const signedIn = async (request: FastifyRequest) => {
      requireUser(request);
    };
    route.preValidation = previous ? [signedIn, ...(Array.isArray(previous) ? previous : [previous])] : signedIn;
  });

  for (const m of MODULES) await app.register(m.plugin, { prefix: m.prefix });

  const webDist = path.join(ROOT, 'web', 'dist');
  if (fs.existsSync(path.join(webDist, 'index.html'))) {
    await app.register(fastifyStatic, { root: webDist, prefix: '/', wildcard: false, maxAge: '1h', preCompressed: false });
    app.setNotFoundHandler((request, reply) => {
      const p = request.url.split('?')[0];
      if (request.method === 'GET' && !p.startsWith('/api/') && !p.startsWith('/open311/') && !p.startsWith('/docs')) {
        return reply.header('cache-control', 'no-cache').sendFile('index.html');
      }
      return reply.status(404).send(new AppError(404, 'not_found', 'No such route', 'Không có đường dẫn này').toJSON());
    });
  } else {
    app.setNotFoundHandler((_request, reply) =>
      reply.status(404).send(new AppError(404, 'not_found', 'No such route', 'Không có đường dẫn này').toJSON()),
    );
  }

  return app;
}
