/**
 * Files of letters and visits: `POST|GET /letters/:id/files`, `POST|GET /receptions/:id/files`
 * (multipart, one or more files in "files" (or "file"), optional "title", for visits an optional
 * "documentId" of a received document). Downloads go through `GET /files/:id` (../files), whose
 * access check calls `fileReadAccess` for these files. Registered by routes-letters.ts and
 * routes-reception.ts.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { AppError, badRequest, fieldError } from '../../http/errors.js';
import { requireUser } from '../../http/context.js';
import { idempotentCreate } from '../../http/idempotency.js';
import { Nullable } from '../../http/nullable.js';
import { discardIfUnreferenced, writeContents, type StoredFile } from '../files/storage.js';
import { actorOf, type Actor } from './common.js';
import { isCitizen } from './policy.js';
import { loadLetter } from './letters-service.js';
import { loadVisit } from './reception-service.js';
import { attachStored, canSeeOwner, checkAttach, listFiles, MAX_FILES_PER_UPLOAD, notFoundOwner, type FileListing, type FileOwner } from './files-service.js';
import { env, staffActor } from './http.js';
import { IdParams, Opt, Text, Uuid } from './schemas.js';

declare module 'fastify' {
  interface FastifyRequest {
    letterUploads?: { data: Buffer; name: string }[];
  }
}

const FileNames = Type.Array(Type.String({ contentMediaType: 'application/octet-stream' }), {
  minItems: 1,
  maxItems: MAX_FILES_PER_UPLOAD,
  description: `1–${MAX_FILES_PER_UPLOAD} files (PDF, JPEG, PNG, TIFF, DOCX, XLSX, ODT; type sniffed from the content, executables refused, each at most MOTCUA_MAX_UPLOAD_MB)`,
});

export const LetterFilesBody = Type.Object(
  { files: FileNames, title: Opt(Text(300)) },
  { additionalProperties: false, description: 'multipart/form-data: the files in "files" (or "file"), an optional "title" for them' },
);
export const VisitFilesBody = Type.Object(
  { files: FileNames, title: Opt(Text(300)), documentId: Opt(Uuid) },
  { additionalProperties: false, description: 'multipart/form-data: the files in "files" (or "file"), an optional "title", an optional "documentId" of a received document (Mẫu 02/TCD)' },
);

const FileItem = Type.Object(
  {
    id: Uuid,
    name: Type.String(),
    title: Nullable(Type.String()),
    mime: Type.String(),
    sizeBytes: Type.Integer(),
    sha256: Type.String(),
    uploadedAt: Nullable(Type.String()),
    uploadedBy: Nullable(Type.String()),
    documentId: Nullable(Type.String()),
    documentSeq: Nullable(Type.Integer()),
    documentTitle: Nullable(Type.String()),
    protected: Type.Boolean({ description: 'download only with ?purpose= (audited)' }),
    url: Type.String(),
  },
  { additionalProperties: false },
);
const ListingProps = {
  protected: Type.Boolean({ description: 'the record is protected (denouncer): its files are part of the identity' }),
  entitled: Type.Boolean({ description: 'this user may download them, with a purpose' }),
  breakGlass: Type.Boolean({ description: 'listed through break-glass (audited)' }),
  mayBreakGlass: Type.Boolean(),
  mayUpload: Type.Boolean(),
  purposeMinLength: Type.Integer(),
  total: Type.Integer(),
  hidden: Type.Integer({ description: 'protected files not listed for this user' }),
  maxUploadBytes: Type.Integer(),
  maxFiles: Type.Integer(),
  acceptedTypes: Type.Array(Type.String()),
  items: Type.Array(FileItem),
};
export const FileListingSchema = Type.Object(ListingProps, { additionalProperties: false });
const UploadResult = Type.Object({ attached: Type.Integer(), ...ListingProps }, { additionalProperties: false });

const ListQuery = Type.Object(
  {
    purpose: Opt(Text(500, 1)),
    breakGlass: Opt(Type.Boolean()),
  },
  { additionalProperties: false },
);

/** Reads the multipart parts into `request.body` (names and fields, validated by the schema) and the file buffers. */
async function readUploads(request: FastifyRequest): Promise<void> {
  if (!request.isMultipart()) return;
  const maxBytes = request.server.config.maxUploadBytes;
  const body: Record<string, unknown> = {};
  const files: { data: Buffer; name: string }[] = [];
  let current = '';
  try {
    for await (const part of request.parts({ limits: { fileSize: maxBytes, files: MAX_FILES_PER_UPLOAD, fields: 10 } })) {
      if (part.type === 'file') {
        current = part.filename ?? '';
        const data = await part.toBuffer();
        if (part.fieldname !== 'files' && part.fieldname !== 'file') {
          throw badRequest([fieldError(part.fieldname, `unexpected file field ${part.fieldname}; send the files in "files"`, `Trường tệp ${part.fieldname} không hợp lệ; hãy gửi tệp trong trường "files"`)]);
        }
        // A form submitted without choosing a file sends an empty, nameless part.
        if (data.length === 0 && !current) continue;
        files.push({ data, name: current });
      } else {
        const value = typeof part.value === 'string' ? part.value : String(part.value ?? '');
        if (value.trim() !== '') body[part.fieldname] = value;
      }
    }
  } catch (err: any) {
    const mb = Math.round((maxBytes / 1024 / 1024) * 10) / 10;
    if (err?.code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new AppError(400, 'file_too_large', 'A file is too large', 'Tệp quá lớn', [
        fieldError('files', `${current || 'file'}: file is larger than ${mb} MB`, `${current || 'Tệp'}: tệp lớn hơn ${mb} MB`),
      ]);
    }
    if (err?.code === 'FST_FILES_LIMIT') {
      throw new AppError(400, 'too_many_files', 'Too many files', 'Quá nhiều tệp', [
        fieldError('files', `at most ${MAX_FILES_PER_UPLOAD} files at once`, `Tối đa ${MAX_FILES_PER_UPLOAD} tệp mỗi lần`),
      ]);
    }
    if (err?.code === 'FST_FIELDS_LIMIT' || err?.code === 'FST_PARTS_LIMIT') {
      throw badRequest([fieldError('body', 'too many form fields', 'Quá nhiều trường dữ liệu')]);
    }
    throw err;
  }
  body.files = files.map((f) => f.name || 'tep');
  request.body = body;
  request.letterUploads = files;
}

function uploadsOf(request: FastifyRequest): { data: Buffer; name: string }[] {
  const u = request.letterUploads;
  if (!u?.length) {
    throw badRequest([fieldError('files', 'send the files as multipart/form-data in the field "files"', 'Cần gửi tệp dạng multipart/form-data trong trường "files"')]);
  }
  return u;
}

/** A citizen reads (and, while it is pending, adds to) their own letter's files (theirs only); staff go through the usual staff check. */
async function readerOf(app: FastifyInstance, request: FastifyRequest): Promise<Actor> {
  const user = requireUser(request);
  return isCitizen(user) ? actorOf(app.db, user, request) : staffActor(app, request);
}

/**
 * The upload itself: checks (404/403/400) before anything is written, writes the content, then the
 * rows and events in one transaction under the Idempotency-Key; on failure the new content goes.
 */
async function upload(
  app: FastifyInstance,
  request: FastifyRequest,
  kind: 'letter' | 'visit',
  load: (db: any) => Promise<FileOwner | null>,
): Promise<{ listing: FileListing; attached: number }> {
  const actor = await readerOf(app, request);
  const e = env(app);
  const b = request.body as { title?: string; documentId?: string };
  const uploads = uploadsOf(request);
  const title = b.title?.trim() || null;
  const documentId = kind === 'visit' ? (b.documentId ?? null) : null;
  await checkAttach(app.db, e, actor, await load(app.db), kind, documentId);
  const stored: StoredFile[] = await writeContents(app.config.filesDir, uploads);
  // What a retry under the same Idempotency-Key must repeat exactly: the record, the title and the content.
  request.body = { owner: `${kind}:${(request.params as any).id}`, title, documentId, files: stored.map((s) => s.sha256) };
  let r;
  try {
    r = await idempotentCreate(app.db, request, actor.user, `POST /${kind}s/:id/files`, async (tx) => {
      const owner = await checkAttach(tx, e, actor, await load(tx), kind, documentId);
      const ids = await attachStored(tx, e, actor, owner, stored, { title, documentId });
      return { statusCode: 201, body: { fileIds: ids } };
    });
  } catch (err) {
    for (const s of stored) await discardIfUnreferenced(app.db, app.config.filesDir, s);
    throw err;
  }
  const owner = (await load(app.db)) as FileOwner;
  const listing = await listFiles(app.db, e, actor, owner, { maxUploadBytes: app.config.maxUploadBytes });
  return { listing, attached: r.body.fileIds.length };
}

export async function letterFileRoutes(app: FastifyInstance): Promise<void> {
  const loadOwner = (id: string) => async (db: any): Promise<FileOwner | null> => {
    const row = await loadLetter(db, app.config.tenantId, id);
    return row ? { kind: 'letter', row } : null;
  };

  app.post(
    '/letters/:id/files',
    {
      schema: {
        tags: ['letters'],
        summary: 'Attach the scanned letter or its enclosures (multipart; officers and leaders of the unit, or the citizen who sent it online while it waits for its outcome); an event file_attached; honours Idempotency-Key',
        consumes: ['multipart/form-data'],
        params: IdParams,
        body: LetterFilesBody,
        response: { 201: UploadResult },
      },
      preValidation: readUploads,
    },
    async (request, reply) => {
      const r = await upload(app, request, 'letter', loadOwner((request.params as any).id));
      return reply.status(201).send({ attached: r.attached, ...r.listing });
    },
  );

  app.get(
    '/letters/:id/files',
    {
      schema: {
        tags: ['letters'],
        summary: 'Files of a letter. A protected letter’s files are listed only to entitled users (others: how many); a supervisor may list them with purpose and breakGlass=true (audited)',
        params: IdParams,
        querystring: ListQuery,
        response: { 200: FileListingSchema },
      },
    },
    async (request) => {
      const actor = await readerOf(app, request);
      const owner = await loadOwner((request.params as any).id)(app.db);
      if (!owner || !(await canSeeOwner(app.db, actor, owner))) throw notFoundOwner('letter');
      const q = request.query as { purpose?: string; breakGlass?: boolean };
      return listFiles(app.db, env(app), actor, owner, { ...q, maxUploadBytes: app.config.maxUploadBytes });
    },
  );
}

export async function visitFileRoutes(app: FastifyInstance): Promise<void> {
  const loadOwner = (id: string) => async (db: any): Promise<FileOwner | null> => {
    const row = await loadVisit(db, app.config.tenantId, id);
    return row ? { kind: 'visit', row } : null;
  };

  app.post(
    '/receptions/:id/files',
    {
      schema: {
        tags: ['receptions'],
        summary: 'Attach scans of the documents received at a visit (multipart; optionally of one received document, Mẫu 02/TCD); an event file_attached; honours Idempotency-Key',
        consumes: ['multipart/form-data'],
        params: IdParams,
        body: VisitFilesBody,
        response: { 201: UploadResult },
      },
      preValidation: readUploads,
    },
    async (request, reply) => {
      const r = await upload(app, request, 'visit', loadOwner((request.params as any).id));
      return reply.status(201).send({ attached: r.attached, ...r.listing });
    },
  );

  app.get(
    '/receptions/:id/files',
    {
      schema: {
        tags: ['receptions'],
        summary: 'Files of a visit. A protected visit’s files are listed only to entitled users (others: how many); a supervisor may list them with purpose and breakGlass=true (audited)',
        params: IdParams,
        querystring: ListQuery,
        response: { 200: FileListingSchema },
      },
    },
    async (request) => {
      const actor = await staffActor(app, request);
      const owner = await loadOwner((request.params as any).id)(app.db);
      if (!owner || !(await canSeeOwner(app.db, actor, owner))) throw notFoundOwner('visit');
      const q = request.query as { purpose?: string; breakGlass?: boolean };
      return listFiles(app.db, env(app), actor, owner, { ...q, maxUploadBytes: app.config.maxUploadBytes });
    },
  );
}
