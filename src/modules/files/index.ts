import type { FastifyPluginAsync } from 'fastify';
import { Type } from 'typebox';
import { requireUser } from '../../http/context.js';
import { notFound } from '../../http/errors.js';
import { fileAccess } from '../dossiers/service.js';
import { actorOf } from '../letters/common.js';
import { fileReadAccess } from '../letters/files-service.js';
import { env as lettersEnv } from '../letters/http.js';
import { loadLetter } from '../letters/letters-service.js';
import { loadVisit } from '../letters/reception-service.js';
import { contentDisposition, getFileRow, openStored } from './storage.js';

/**
 * Streams stored files to users allowed to see what they belong to: a dossier, a letter or a visit
 * (reception). Files of a protected letter or visit (a denouncer's scans) need an entitled user and
 * a `purpose`; each such download is audited like a read of the protected identity.
 */
const files: FastifyPluginAsync = async (app) => {
  app.get(
    '/files/:id',
    {
      schema: {
        tags: ['dossiers', 'letters', 'receptions'],
        summary:
          'Download a file (users who may see its dossier, letter or visit); served with its sniffed content type. Files of a protected letter or visit: entitled users only, with a purpose (audited; supervisors with breakGlass=true)',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        querystring: Type.Object(
          {
            download: Type.Optional(Type.Boolean()),
            purpose: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
            breakGlass: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const { id } = request.params as { id: string };
      const q = request.query as { download?: boolean; purpose?: string; breakGlass?: boolean };
      const row = await getFileRow(app.db, user.tenantId, id);
      // Not found and not allowed look the same, so file ids cannot be probed.
      if (!row) throw notFound('File', 'Tệp');
      let isProtected = false;
      if (row.letterId || row.visitId) {
        const e = lettersEnv(app);
        const actor = await actorOf(app.db, user, request);
        const access = await fileReadAccess(
          app.db,
          e,
          actor,
          row,
          { letter: (lid) => loadLetter(app.db, e.tenantId, lid), visit: (vid) => loadVisit(app.db, e.tenantId, vid) },
          { purpose: q.purpose, breakGlass: q.breakGlass },
        );
        if (!access) throw notFound('File', 'Tệp');
        isProtected = access.protected;
      } else if (!(await fileAccess(app.db, user, row.dossierId))) {
        throw notFound('File', 'Tệp');
      }
      const stream = openStored(app.config.filesDir, row.storagePath);
      return reply
        .header('content-type', row.mime)
        .header('content-length', String(row.sizeBytes))
        .header('content-disposition', contentDisposition(row.originalName, !q.download))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', isProtected ? 'no-store' : 'private, max-age=300')
        .header('etag', `"${row.sha256}"`)
        .send(stream);
    },
  );
};

export default files;
