/**
 * Files of letters (the scanned letter and its enclosures) and of visits (documents handed over at
 * reception, Mẫu 02/TCD), kept in the shared content-addressed store (`../files/storage.ts`, table
 * `files` with `letter_id` / `visit_id`). Access follows the letter or visit:
 * - whoever may see the record sees its files, except that a citizen sees only files they uploaded;
 * - the officers and leaders of the record's unit attach files (an event `file_attached`), and so
 *   does the online sender of a letter while it waits for its outcome;
 * - files of a protected record (a denunciation) are the denouncer's identity too: only entitled
 *   users (assigned to the case, or the officer who received the record) see their names, and every
 *   download needs a purpose and is audited exactly like a read of the protected identity
 *   (`auditProtectedRead`); a supervisor may break the glass. Others learn only how many there are.
 */
import type { Db, Queryable } from '../../db/types.js';
import { badRequest, fieldError, forbidden, notFound } from '../../http/errors.js';
import { LETTER_PENDING, mayReadProtected } from '../../core/letters/index.js';
import { ALLOWED_TYPES, filesOfOwner, insertFileRow, type FileRow, type StoredFile } from '../files/storage.js';
import { actorUnit, appendEvent, iso, ruleSetById, type Actor, type LettersEnv } from './common.js';
import { canViewLetter, canViewVisit, isCitizen, letterCaps, visitCaps } from './policy.js';
import { auditedReveal, auditProtectedRead, type ProtectedReadTarget } from './protected.js';

export const MAX_FILES_PER_UPLOAD = 10;
export const ACCEPTED_TYPES = Object.keys(ALLOWED_TYPES);

/** A letter row (`loadLetter`) or a visit row (`loadVisit`). */
export type FileOwner = { kind: 'letter'; row: any } | { kind: 'visit'; row: any };

/** Who the protection rule is about for this record: the same inputs as the identity reveal routes. */
export async function protectedTarget(db: Queryable, owner: FileOwner): Promise<ProtectedReadTarget> {
  const r = owner.row;
  if (owner.kind === 'letter') {
    const assigned = r.case_id ? (await db.query('select user_id from case_assignments where case_id=$1 and ended_at is null', [r.case_id])).rows.map((x: any) => x.user_id) : [];
    return {
      entity: 'letter',
      entityId: r.id,
      caseId: r.case_id,
      letterId: r.id,
      unitId: r.unit_id,
      ruleSetId: r.rule_set_id,
      barred: r.barred_user_ids ?? [],
      assignedUserIds: assigned,
      letterHandlerIds: [r.received_by].filter(Boolean),
    };
  }
  const assigned = (await db.query(`select a.user_id from case_assignments a join letters l on l.case_id = a.case_id where l.visit_id=$1 and a.ended_at is null`, [r.id])).rows.map(
    (x: any) => x.user_id,
  );
  return {
    entity: 'visit',
    entityId: r.id,
    caseId: null,
    letterId: null,
    unitId: r.unit_id,
    ruleSetId: r.rule_set_id,
    barred: [],
    assignedUserIds: assigned,
    letterHandlerIds: [r.received_by].filter(Boolean),
  };
}

const entitledTo = (actor: Actor, t: ProtectedReadTarget) =>
  mayReadProtected({ userId: actor.user.id, barred: t.barred, assignedUserIds: t.assignedUserIds, letterHandlerIds: t.letterHandlerIds });

/** May the actor see the record at all? */
export async function canSeeOwner(db: Queryable, actor: Actor, owner: FileOwner): Promise<boolean> {
  return owner.kind === 'letter' ? canViewLetter(db, actor, owner.row) : canViewVisit(actor, owner.row.unit_id);
}

/**
 * May the actor attach files: the reception officers and leaders of the record's unit (never the
 * denounced person); and the citizen who sent the letter online, while it still waits for its
 * outcome (afterwards documents come with a new letter or through the case).
 */
export function mayAttach(actor: Actor, owner: FileOwner): boolean {
  if (isCitizen(actor.user)) {
    return owner.kind === 'letter' && owner.row.submitted_by_user_id === actor.user.id && LETTER_PENDING.includes(owner.row.status);
  }
  return owner.kind === 'letter' ? letterCaps(actor, owner.row).size > 0 : visitCaps(actor, owner.row.unit_id).size > 0;
}

/** A citizen (the online sender) sees only what they uploaded themselves. */
const ownOnly = (actor: Actor) => isCitizen(actor.user);

const ownerName = (o: FileOwner): [string, string] => (o.kind === 'letter' ? ['Letter', 'Đơn'] : ['Visit', 'Lượt tiếp công dân']);

export function notFoundOwner(o: FileOwner | 'letter' | 'visit') {
  const kind = typeof o === 'string' ? o : o.kind;
  return kind === 'letter' ? notFound('Letter', 'Đơn') : notFound('Visit', 'Lượt tiếp công dân');
}

export interface FileItemView {
  id: string;
  name: string;
  title: string | null;
  mime: string;
  sizeBytes: number;
  sha256: string;
  uploadedAt: string | null;
  uploadedBy: string | null;
  documentId: string | null;
  documentSeq: number | null;
  documentTitle: string | null;
  protected: boolean;
  url: string;
}

export interface FileListing {
  protected: boolean;
  entitled: boolean;
  breakGlass: boolean;
  mayBreakGlass: boolean;
  mayUpload: boolean;
  purposeMinLength: number;
  total: number;
  hidden: number;
  maxUploadBytes: number;
  maxFiles: number;
  acceptedTypes: string[];
  items: FileItemView[];
}

/**
 * The files of a record as this user may know them. `purpose` + `breakGlass` let a supervisor who
 * is not entitled list the files of a protected record (audited like an identity read).
 */
export async function listFiles(db: Db, env: LettersEnv, actor: Actor, owner: FileOwner, opts: { purpose?: string; breakGlass?: boolean; maxUploadBytes: number }): Promise<FileListing> {
  const r = owner.row;
  let rows = await filesOfOwner(db, env.tenantId, owner.kind === 'letter' ? { letterId: r.id } : { visitId: r.id });
  if (ownOnly(actor)) rows = rows.filter((f) => f.uploadedBy === actor.user.id);
  const isProtected = !!r.protected && !ownOnly(actor);
  // Who is entitled matters (and costs a query) only for a protected record.
  const target = isProtected ? await protectedTarget(db, owner) : null;
  const entitled = !!target && entitledTo(actor, target);
  const mayBreakGlass = !!target && !entitled && !target.barred.includes(actor.user.id) && actor.scopes.supervisor.has(target.unitId);
  const rs = await ruleSetById(db, r.rule_set_id);
  let breakGlass = false;
  if (target && !entitled && opts.purpose !== undefined && rows.length > 0) {
    // A read of the protected list: the same gate, audit and break-glass event as the identity.
    await auditedReveal(db, () =>
      db.tx((tx) =>
        auditProtectedRead(tx, env, actor, target, { purpose: opts.purpose ?? '', breakGlass: opts.breakGlass, eventData: { fileIds: rows.map((f) => f.id) } }, [
          { field: 'files', data: { fileIds: rows.map((f) => f.id) } },
        ]),
      ),
    );
    breakGlass = true;
  }
  const visible = !isProtected || entitled || breakGlass;
  const shown = visible ? rows : [];
  return {
    protected: isProtected,
    entitled,
    breakGlass,
    mayBreakGlass,
    mayUpload: mayAttach(actor, owner),
    purposeMinLength: rs.rules.protection.purposeMinLength,
    total: rows.length,
    hidden: rows.length - shown.length,
    maxUploadBytes: opts.maxUploadBytes,
    maxFiles: MAX_FILES_PER_UPLOAD,
    acceptedTypes: ACCEPTED_TYPES,
    items: await itemViews(db, shown, isProtected),
  };
}

async function itemViews(db: Queryable, rows: FileRow[], isProtected: boolean): Promise<FileItemView[]> {
  if (!rows.length) return [];
  const userIds = [...new Set(rows.map((f) => f.uploadedBy).filter((x): x is string => !!x))];
  const users = new Map<string, string>(
    (await db.query(`select id, full_name from users where id = any($1::uuid[]) and kind = 'staff'`, [userIds])).rows.map((u: any) => [u.id, u.full_name]),
  );
  const docIds = [...new Set(rows.map((f) => f.receptionDocumentId).filter((x): x is string => !!x))];
  const docs = new Map<string, { seq: number; title: string }>(
    docIds.length ? (await db.query('select id, seq, title from reception_documents where id = any($1::uuid[])', [docIds])).rows.map((d: any) => [d.id, { seq: d.seq, title: d.title }]) : [],
  );
  return rows.map((f) => ({
    id: f.id,
    name: f.originalName,
    title: f.title,
    mime: f.mime,
    sizeBytes: f.sizeBytes,
    sha256: f.sha256,
    uploadedAt: iso(f.uploadedAt),
    uploadedBy: f.uploadedBy ? (users.get(f.uploadedBy) ?? null) : null,
    documentId: f.receptionDocumentId,
    documentSeq: f.receptionDocumentId ? (docs.get(f.receptionDocumentId)?.seq ?? null) : null,
    documentTitle: f.receptionDocumentId ? (docs.get(f.receptionDocumentId)?.title ?? null) : null,
    protected: isProtected,
    url: `/api/v1/files/${f.id}`,
  }));
}

/** Checks before anything is written: the record is visible, the user may attach, the document is the visit's. */
export async function checkAttach(db: Queryable, env: LettersEnv, actor: Actor, owner: FileOwner | null, kind: 'letter' | 'visit', documentId: string | null): Promise<FileOwner> {
  if (!owner || !(await canSeeOwner(db, actor, owner))) throw notFoundOwner(kind);
  if (!mayAttach(actor, owner)) {
    const [, vi] = ownerName(owner);
    throw forbidden(`You may not attach files to this ${kind}`, `Bạn không được đính kèm tệp vào ${vi.toLowerCase()} này`);
  }
  if (documentId) {
    const d = await db.query('select 1 from reception_documents where tenant_id=$1 and visit_id=$2 and id=$3', [env.tenantId, owner.row.id, documentId]);
    if (!d.rowCount) throw badRequest([fieldError('documentId', 'documentId is not a document received at this visit', 'Tài liệu không thuộc giấy biên nhận của lượt tiếp này')]);
  }
  return owner;
}

/**
 * Inserts the rows of stored files for a letter or visit and appends one `file_attached` event per
 * file (who, unit, when; the event names no file name or title, which may identify a denouncer).
 */
export async function attachStored(tx: Queryable, env: LettersEnv, actor: Actor, owner: FileOwner, stored: StoredFile[], opts: { title: string | null; documentId: string | null }): Promise<string[]> {
  const r = owner.row;
  const ids: string[] = [];
  for (const [i, s] of stored.entries()) {
    const fileId = await insertFileRow(tx, s, {
      tenantId: env.tenantId,
      uploadedBy: actor.user.id,
      dossierId: null,
      componentCode: null,
      // One millisecond apart, so that the files of one upload are listed in the order sent.
      at: new Date(actor.now.getTime() + i),
      letterId: owner.kind === 'letter' ? r.id : null,
      visitId: owner.kind === 'visit' ? r.id : null,
      receptionDocumentId: opts.documentId,
      title: opts.title,
    });
    await appendEvent(tx, env.tenantId, {
      entity: owner.kind,
      entityId: r.id,
      action: 'file_attached',
      at: actor.now,
      actorId: actor.user.id,
      actorUnitId: actorUnit(actor, r.unit_id),
      data: { fileId, mime: s.mime, sizeBytes: s.sizeBytes, sha256: s.sha256, ...(opts.documentId ? { documentId: opts.documentId } : {}) },
    });
    ids.push(fileId);
  }
  return ids;
}

/**
 * May this user download a file of a letter or visit? Unprotected: whoever sees the record (a
 * citizen only their own uploads). Protected: an entitled user (or a supervisor breaking the glass)
 * with a purpose; the read is audited in `audit_log` like an identity read, a refusal as
 * `protected.denied`. Returns null when the file must look as if it did not exist.
 */
export async function fileReadAccess(
  db: Db,
  env: LettersEnv,
  actor: Actor,
  file: FileRow,
  load: { letter: (id: string) => Promise<any>; visit: (id: string) => Promise<any> },
  q: { purpose?: string; breakGlass?: boolean },
): Promise<{ protected: boolean } | null> {
  let owner: FileOwner | null = null;
  if (file.letterId) {
    const row = await load.letter(file.letterId);
    owner = row ? { kind: 'letter', row } : null;
  } else if (file.visitId) {
    const row = await load.visit(file.visitId);
    owner = row ? { kind: 'visit', row } : null;
  }
  if (!owner || !(await canSeeOwner(db, actor, owner))) return null;
  if (ownOnly(actor)) return file.uploadedBy === actor.user.id ? { protected: false } : null;
  if (!owner.row.protected) return { protected: false };
  const target = await protectedTarget(db, owner);
  await auditedReveal(db, () =>
    db.tx((tx) =>
      auditProtectedRead(tx, env, actor, target, { purpose: q.purpose ?? '', breakGlass: q.breakGlass, eventData: { fileId: file.id } }, [
        { field: 'file', data: { fileId: file.id, sha256: file.sha256 } },
      ]),
    ),
  );
  return { protected: true };
}
