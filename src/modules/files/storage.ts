/**
 * File storage for dossier components, letters and reception (scans, received documents): content-addressed on disk
 * (`<filesDir>/<sha256[0:2]>/<sha256>`), written to a temporary name and renamed, type sniffed
 * from the bytes (never trusted from the client), checksummed. Rows live in `files`; a failed
 * transaction never leaves an orphan row and never deletes a file another row references.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import { AppError, badRequest, fieldError, type FieldError } from '../../http/errors.js';
import type { Queryable } from '../../db/types.js';

/** Accepted content types (by sniffed content) and the file-name extensions each may carry. */
export const ALLOWED_TYPES: Record<string, { exts: string[]; labelVi: string }> = {
  'application/pdf': { exts: ['pdf'], labelVi: 'PDF' },
  'image/jpeg': { exts: ['jpg', 'jpeg', 'jpe', 'jfif'], labelVi: 'ảnh JPEG' },
  'image/png': { exts: ['png'], labelVi: 'ảnh PNG' },
  'image/tiff': { exts: ['tif', 'tiff'], labelVi: 'ảnh TIFF' },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { exts: ['docx'], labelVi: 'Word (.docx)' },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { exts: ['xlsx'], labelVi: 'Excel (.xlsx)' },
  'application/vnd.oasis.opendocument.text': { exts: ['odt'], labelVi: 'OpenDocument (.odt)' },
};

/** Sniffed types that are refused outright (executables, installers, scripts in containers). */
const EXECUTABLE_TYPES = new Set([
  'application/x-msdownload',
  'application/x-elf',
  'application/x-mach-binary',
  'application/x-executable',
  'application/vnd.microsoft.portable-executable',
  'application/x-msi',
  'application/x-ms-installer',
  'application/x-cfb',
  'application/java-archive',
  'application/x-apple-diskimage',
  'application/vnd.android.package-archive',
  'application/x-sh',
  'application/x-shellscript',
  'application/wasm',
  'application/x-deb',
  'application/x-rpm',
]);
const EXECUTABLE_EXTS = new Set(['exe', 'dll', 'com', 'bat', 'cmd', 'msi', 'sh', 'ps1', 'vbs', 'js', 'jar', 'scr', 'apk', 'elf', 'bin', 'app', 'dmg']);

export interface StoredFile {
  sha256: string;
  sizeBytes: number;
  mime: string;
  ext: string;
  originalName: string;
  storagePath: string;
  /** True when this call created the file on disk (it did not exist before). */
  created: boolean;
}

function cleanName(name: string): string {
  // Keep the base name only, without control characters; limit the length.
  const base = [...path.basename(name.replace(/\\/g, '/'))]
    .filter((ch) => ch.charCodeAt(0) > 0x1f && ch.charCodeAt(0) !== 0x7f)
    .join('')
    .trim();
  return (base || 'tep').slice(0, 200);
}

function extOf(name: string): string {
  const m = /\.([A-Za-z0-9]{1,10})$/.exec(name);
  return m ? m[1].toLowerCase() : '';
}

/** Sniffs and checks a buffer; throws 400 with a field message for refused content. */
export async function checkContent(buf: Buffer, originalName: string): Promise<{ mime: string; ext: string }> {
  const name = cleanName(originalName);
  const claimed = extOf(name);
  if (buf.length === 0) {
    throw badRequest([fieldError('file', 'file is empty', 'Tệp rỗng')]);
  }
  const sniffed = await fileTypeFromBuffer(buf);
  const isMz = buf.length >= 2 && buf[0] === 0x4d && buf[1] === 0x5a;
  const isElf = buf.length >= 4 && buf[0] === 0x7f && buf[1] === 0x45 && buf[2] === 0x4c && buf[3] === 0x46;
  const isScript = buf.length >= 2 && buf[0] === 0x23 && buf[1] === 0x21; // "#!"
  if (isMz || isElf || isScript || (sniffed && EXECUTABLE_TYPES.has(sniffed.mime)) || EXECUTABLE_EXTS.has(claimed)) {
    throw new AppError(400, 'executable_rejected', 'Executable files are not accepted', 'Không chấp nhận tệp chương trình thực thi', [
      fieldError('file', 'file is an executable or script', 'Tệp là chương trình thực thi hoặc mã lệnh'),
    ]);
  }
  if (!sniffed || !ALLOWED_TYPES[sniffed.mime]) {
    const allowed = Object.values(ALLOWED_TYPES).map((t) => t.labelVi).join(', ');
    throw new AppError(400, 'unsupported_file_type', 'This file type is not accepted', 'Loại tệp này không được chấp nhận', [
      fieldError('file', `file type must be one of: ${Object.keys(ALLOWED_TYPES).join(', ')}`, `Loại tệp phải là: ${allowed}`),
    ]);
  }
  const allowed = ALLOWED_TYPES[sniffed.mime];
  if (claimed && !allowed.exts.includes(claimed)) {
    throw new AppError(400, 'type_mismatch', 'The file name does not match its content', 'Phần mở rộng của tên tệp không khớp với nội dung tệp', [
      fieldError('file', `file content is ${sniffed.mime} but the name ends with .${claimed}`, `Nội dung tệp là ${allowed.labelVi} nhưng tên tệp có đuôi .${claimed}`),
    ]);
  }
  return { mime: sniffed.mime, ext: allowed.exts[0] };
}

export function relativePathFor(sha256: string): string {
  return path.join(sha256.slice(0, 2), sha256);
}

/**
 * Writes the content under its hash (temp name + rename, so a reader never sees a partial file).
 * If a file with that hash exists already, nothing is written and `created` is false.
 */
export async function writeContent(filesDir: string, buf: Buffer, originalName: string): Promise<StoredFile> {
  const { mime, ext } = await checkContent(buf, originalName);
  const sha256 = crypto.createHash('sha256').update(buf).digest('hex');
  const rel = relativePathFor(sha256);
  const full = path.join(filesDir, rel);
  let created = false;
  if (!fs.existsSync(full)) {
    fs.mkdirSync(path.dirname(full), { recursive: true });
    const tmp = `${full}.tmp-${process.pid}-${crypto.randomBytes(6).toString('hex')}`;
    await fs.promises.writeFile(tmp, buf, { flag: 'wx' });
    if (fs.existsSync(full)) {
      await fs.promises.rm(tmp, { force: true });
    } else {
      await fs.promises.rename(tmp, full);
      created = true;
    }
  }
  return { sha256, sizeBytes: buf.length, mime, ext, originalName: cleanName(originalName), storagePath: rel, created };
}

/**
 * Several uploads at once: every file is checked first, and a refusal of any of them (400, one
 * field error per refused file under `field`, each message naming the file) writes nothing. Then
 * each is written; if a write fails, what this call created is removed again.
 */
export async function writeContents(filesDir: string, uploads: { data: Buffer; name: string }[], field = 'files'): Promise<StoredFile[]> {
  const errors: FieldError[] = [];
  let first: AppError | null = null;
  for (const u of uploads) {
    try {
      await checkContent(u.data, u.name);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      first ??= err;
      const name = cleanName(u.name);
      for (const f of err.fields) errors.push(fieldError(field, `${name}: ${f.message}`, `${name}: ${f.messageVi}`));
    }
  }
  if (first) {
    if (errors.length === 1) throw new AppError(400, first.code, first.message, first.messageVi, errors);
    throw new AppError(400, 'files_rejected', 'Some files are not accepted', 'Có tệp không được chấp nhận', errors);
  }
  const stored: StoredFile[] = [];
  try {
    for (const u of uploads) stored.push(await writeContent(filesDir, u.data, u.name));
  } catch (err) {
    for (const f of stored) if (f.created) await fs.promises.rm(path.join(filesDir, f.storagePath), { force: true });
    throw err;
  }
  return stored;
}

/** Inserts the row of a stored file (inside the caller's transaction); returns its id. */
export async function insertFileRow(
  tx: Queryable,
  f: StoredFile,
  row: {
    tenantId: string;
    uploadedBy: string | null;
    dossierId: string | null;
    componentCode: string | null;
    at?: Date;
    /** Other owners (letters and reception, migration 0053); at most one owner per file. */
    letterId?: string | null;
    visitId?: string | null;
    receptionDocumentId?: string | null;
    title?: string | null;
  },
): Promise<string> {
  const r = await tx.query(
    `insert into files(tenant_id, sha256, size_bytes, mime, ext, original_name, storage_path, uploaded_by, uploaded_at, dossier_id, component_code,
       letter_id, visit_id, reception_document_id, title)
     values ($1,$2,$3,$4,$5,$6,$7,$8,coalesce($9, now()),$10,$11,$12,$13,$14,$15) returning id`,
    [
      row.tenantId,
      f.sha256,
      f.sizeBytes,
      f.mime,
      f.ext,
      f.originalName,
      f.storagePath,
      row.uploadedBy,
      row.at ?? null,
      row.dossierId,
      row.componentCode,
      row.letterId ?? null,
      row.visitId ?? null,
      row.receptionDocumentId ?? null,
      row.title ?? null,
    ],
  );
  return r.rows[0].id as string;
}

/**
 * After a failed transaction: deletes the content written by this request, but only if it was
 * newly created and no committed row references its hash (another upload may share it).
 */
export async function discardIfUnreferenced(db: Queryable, filesDir: string, f: StoredFile): Promise<boolean> {
  if (!f.created) return false;
  const r = await db.query('select 1 from files where sha256=$1 limit 1', [f.sha256]);
  if (r.rowCount > 0) return false;
  await fs.promises.rm(path.join(filesDir, f.storagePath), { force: true });
  return true;
}

export interface FileRow {
  id: string;
  tenantId: string;
  sha256: string;
  sizeBytes: number;
  mime: string;
  ext: string;
  originalName: string;
  storagePath: string;
  uploadedBy: string | null;
  uploadedAt: Date;
  dossierId: string | null;
  componentCode: string | null;
  letterId: string | null;
  visitId: string | null;
  receptionDocumentId: string | null;
  title: string | null;
}

export async function getFileRow(db: Queryable, tenantId: string, id: string): Promise<FileRow | null> {
  const r = (await db.query('select * from files where tenant_id=$1 and id=$2', [tenantId, id])).rows[0];
  return r ? toFileRow(r) : null;
}

/** The files of a letter or of a visit (oldest first). */
export async function filesOfOwner(db: Queryable, tenantId: string, owner: { letterId: string } | { visitId: string }): Promise<FileRow[]> {
  const [column, id] = 'letterId' in owner ? ['letter_id', owner.letterId] : ['visit_id', owner.visitId];
  const rows = (await db.query(`select * from files where tenant_id=$1 and ${column}=$2 order by uploaded_at, id`, [tenantId, id])).rows;
  return rows.map(toFileRow);
}

function toFileRow(r: any): FileRow {
  return {
    id: r.id,
    tenantId: r.tenant_id,
    sha256: r.sha256,
    sizeBytes: Number(r.size_bytes),
    mime: r.mime,
    ext: r.ext,
    originalName: r.original_name,
    storagePath: r.storage_path,
    uploadedBy: r.uploaded_by,
    uploadedAt: r.uploaded_at,
    dossierId: r.dossier_id,
    componentCode: r.component_code,
    letterId: r.letter_id ?? null,
    visitId: r.visit_id ?? null,
    receptionDocumentId: r.reception_document_id ?? null,
    title: r.title ?? null,
  };
}

/** Opens a stored file for reading, verifying that it is inside filesDir. */
export function openStored(filesDir: string, storagePath: string): fs.ReadStream {
  const root = path.resolve(filesDir);
  const full = path.resolve(root, storagePath);
  if (!full.startsWith(root + path.sep)) throw new AppError(404, 'not_found', 'File not found', 'Không tìm thấy tệp');
  if (!fs.existsSync(full)) throw new AppError(404, 'not_found', 'File content is missing', 'Không tìm thấy nội dung tệp');
  return fs.createReadStream(full);
}

/** `Content-Disposition` with a UTF-8 file name (RFC 6266 / 5987). */
export function contentDisposition(name: string, inline = true): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
