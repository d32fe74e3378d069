/**
 * Photos: recognise JPEG and PNG by their bytes, and make public copies without metadata
 * (feedback.md §4.4: strip EXIF from public copies). JPEG: APP1 (EXIF, XMP) and APP13 (IPTC)
 * segments are removed; PNG: eXIf and text chunks are removed. The image data is copied byte for
 * byte, so nothing is re-encoded.
 */

export type PhotoType = { mime: 'image/jpeg'; ext: 'jpg' } | { mime: 'image/png'; ext: 'png' };

export class MediaError extends Error {
  constructor(
    readonly code: 'unsupported_type' | 'malformed_image',
    message: string,
    readonly messageVi: string,
  ) {
    super(message);
  }
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The photo type from the content (never from the client's name or header); null if neither. */
export function sniffPhoto(buf: Buffer): PhotoType | null {
  if (buf.length >= 4 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return { mime: 'image/jpeg', ext: 'jpg' };
  if (buf.length >= 8 && buf.subarray(0, 8).equals(PNG_SIGNATURE)) return { mime: 'image/png', ext: 'png' };
  return null;
}

const malformed = (what: string) => new MediaError('malformed_image', `The image is malformed (${what})`, `Ảnh bị lỗi định dạng (${what})`);

/** JPEG markers whose segments are dropped from public copies: APP1 (EXIF/XMP), APP13 (IPTC). */
const DROPPED_JPEG_MARKERS = new Set([0xe1, 0xed]);

/**
 * A copy of a JPEG without its APP1 and APP13 segments. Walks the marker segments up to the
 * start of scan (SOS); everything from SOS on (entropy-coded data, EOI) is copied unchanged.
 */
export function stripJpegMetadata(buf: Buffer): Buffer {
  if (buf.length < 4 || buf[0] !== 0xff || buf[1] !== 0xd8) throw malformed('no SOI marker');
  const parts: Buffer[] = [buf.subarray(0, 2)];
  let i = 2;
  while (i < buf.length) {
    if (buf[i] !== 0xff) throw malformed(`expected a marker at byte ${i}`);
    // Fill bytes (0xFF repeated) may precede a marker.
    let j = i;
    while (j < buf.length && buf[j] === 0xff) j++;
    if (j >= buf.length) throw malformed('truncated marker');
    const marker = buf[j];
    const segStart = j - 1;
    if (marker === 0xd9) {
      parts.push(buf.subarray(segStart));
      return Buffer.concat(parts);
    }
    if (marker === 0xda) {
      // Start of scan: the rest is image data.
      parts.push(buf.subarray(segStart));
      return Buffer.concat(parts);
    }
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      // Stand-alone markers without a length.
      parts.push(buf.subarray(segStart, j + 1));
      i = j + 1;
      continue;
    }
    if (j + 2 >= buf.length) throw malformed('truncated segment length');
    const len = buf.readUInt16BE(j + 1);
    if (len < 2 || j + 1 + len > buf.length) throw malformed('segment length beyond the end');
    const end = j + 1 + len;
    if (!DROPPED_JPEG_MARKERS.has(marker)) parts.push(buf.subarray(segStart, end));
    i = end;
  }
  throw malformed('no start of scan');
}

/** PNG chunks dropped from public copies: EXIF and textual metadata. */
const DROPPED_PNG_CHUNKS = new Set(['eXIf', 'tEXt', 'iTXt', 'zTXt', 'tIME']);

/** A copy of a PNG without eXIf / tEXt / iTXt / zTXt / tIME chunks. */
export function stripPngMetadata(buf: Buffer): Buffer {
  if (!buf.subarray(0, 8).equals(PNG_SIGNATURE)) throw malformed('no PNG signature');
  const parts: Buffer[] = [buf.subarray(0, 8)];
  let i = 8;
  let sawEnd = false;
  while (i < buf.length) {
    if (i + 12 > buf.length) throw malformed('truncated chunk');
    const len = buf.readUInt32BE(i);
    const type = buf.toString('latin1', i + 4, i + 8);
    const end = i + 12 + len;
    if (end > buf.length) throw malformed('chunk length beyond the end');
    if (!DROPPED_PNG_CHUNKS.has(type)) parts.push(buf.subarray(i, end));
    i = end;
    if (type === 'IEND') {
      sawEnd = true;
      break;
    }
  }
  if (!sawEnd) throw malformed('no IEND chunk');
  return Buffer.concat(parts);
}

/** The public (metadata-free) copy of a photo. */
export function publicCopy(buf: Buffer): { data: Buffer; type: PhotoType } {
  const type = sniffPhoto(buf);
  if (!type) {
    throw new MediaError('unsupported_type', 'Only JPEG and PNG photos are accepted', 'Chỉ chấp nhận ảnh định dạng JPEG hoặc PNG');
  }
  return { data: type.mime === 'image/jpeg' ? stripJpegMetadata(buf) : stripPngMetadata(buf), type };
}

/** Whether a JPEG still carries an APP1 segment before its image data (tests, audits). */
export function jpegHasApp1(buf: Buffer): boolean {
  let i = 2;
  while (i + 4 <= buf.length && buf[i] === 0xff) {
    const marker = buf[i + 1];
    if (marker === 0xda || marker === 0xd9) return false;
    if (marker === 0xe1) return true;
    i += 2 + buf.readUInt16BE(i + 2);
  }
  return false;
}
