/**
 * Photo storage: originals (private) and public copies without metadata, content-addressed under
 * `<filesDir>/feedback/<sha256[0:2]>/<sha256>.<ext>`. Files are written before the transaction
 * that references them; an unreferenced file is harmless and identical uploads share one file.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { MediaError, publicCopy } from '../../core/feedback/index.js';

export interface StoredPhoto {
  mime: string;
  sizeBytes: number;
  sha256: string;
  originalPath: string;
  publicPath: string;
  publicSha256: string;
  originalName: string;
}

export const MAX_PHOTOS = 5;

function writeAddressed(filesDir: string, data: Buffer, ext: string): { rel: string; sha: string } {
  const sha = crypto.createHash('sha256').update(data).digest('hex');
  const rel = path.join('feedback', sha.slice(0, 2), `${sha}.${ext}`);
  const abs = path.join(filesDir, rel);
  if (!fs.existsSync(abs)) {
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    const tmp = `${abs}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, abs);
  }
  return { rel, sha };
}

/** Checks and stores one photo; throws MediaError for anything but a well-formed JPEG or PNG. */
export function storePhoto(filesDir: string, data: Buffer, originalName: string): StoredPhoto {
  const pub = publicCopy(data);
  const original = writeAddressed(filesDir, data, pub.type.ext);
  const copy = writeAddressed(filesDir, pub.data, pub.type.ext);
  return {
    mime: pub.type.mime,
    sizeBytes: data.length,
    sha256: original.sha,
    originalPath: original.rel,
    publicPath: copy.rel,
    publicSha256: copy.sha,
    originalName: originalName.slice(0, 200),
  };
}

export function readStored(filesDir: string, rel: string): Buffer | null {
  const abs = path.resolve(filesDir, rel);
  if (!abs.startsWith(path.resolve(filesDir) + path.sep)) return null;
  try {
    return fs.readFileSync(abs);
  } catch {
    return null;
  }
}

export { MediaError };
