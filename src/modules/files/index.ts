import type { FastifyPluginAsync } from 'fastify';
import { Type } from 'typebox';
import { requireUser } from '../../http/context.js';
import { notFound } from '../../http/errors.js';
import { fileAccess } from '../dossiers/service.js';
import { contentDisposition, getFileRow, openStored } from './storage.js';

/** Streams stored files to users allowed to see the dossier they belong to. */
const files: FastifyPluginAsync = async (app) => {
  app.get(
    '/files/:id',
    {
      schema: {
        tags: ['dossiers'],
        summary: 'Download a file (users who may see its dossier); served with its sniffed content type',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        querystring: Type.Object({ download: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const { id } = request.params as { id: string };
      const { download } = request.query as { download?: boolean };
      const row = await getFileRow(app.db, user.tenantId, id);
      // Not found and not allowed look the same, so file ids cannot be probed.
      if (!row || !(await fileAccess(app.db, user, row.dossierId))) throw notFound('File', 'Tệp');
      const stream = openStored(app.config.filesDir, row.storagePath);
      return reply
        .header('content-type', row.mime)
        .header('content-length', String(row.sizeBytes))
        .header('content-disposition', contentDisposition(row.originalName, !download))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, max-age=300')
        .header('etag', `"${row.sha256}"`)
        .send(stream);
    },
  );
};

export default files;
