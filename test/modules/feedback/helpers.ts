import type { FastifyInstance } from 'fastify';
import { call } from '../../helpers/testApp.js';

/** A multipart/form-data body for inject(). */
export function multipart(fields: Record<string, string | string[]>, files: { field: string; name: string; type: string; data: Buffer }[] = []) {
  const boundary = `----motcua${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    for (const value of Array.isArray(v) ? v : [v]) {
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${value}\r\n`, 'utf8'));
    }
  }
  for (const f of files) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${f.name}"\r\nContent-Type: ${f.type}\r\n\r\n`, 'utf8'));
    parts.push(f.data, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

let ipCounter = 10;
/** A fresh client address, so anonymous rate limits of one test do not leak into another. */
export function freshIp(): string {
  ipCounter++;
  return `203.0.113.${ipCounter % 250}`;
}

/** Takes an action with the version just read; returns the response. */
export async function act(app: FastifyInstance, token: string | null, id: string, path: string, body: Record<string, unknown> = {}) {
  const cur = await call(app, token, { method: 'GET', url: `/api/v1/feedback/${id}` });
  if (cur.statusCode !== 200) return cur;
  return call(app, token, { method: 'POST', url: `/api/v1/feedback/${id}/${path}`, payload: { version: cur.json().version, ...body } });
}

/** A synthetic JPEG with an EXIF (APP1) segment carrying a GPS position. */
export function jpegWithExif(): Buffer {
  const seg = (marker: number, payload: Buffer) => {
    const len = Buffer.alloc(2);
    len.writeUInt16BE(payload.length + 2);
    return Buffer.concat([Buffer.from([0xff, marker]), len, payload]);
  };
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    seg(0xe0, Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1')),
    seg(0xe1, Buffer.from('Exif\0\0GPSLatitude=21.5942;GPSLongitude=105.8482', 'latin1')),
    seg(0xdb, Buffer.alloc(65, 1)),
    seg(0xda, Buffer.from([1, 1, 0, 0, 0x3f, 0])),
    Buffer.from([0x12, 0x34, 0x56, 0x78]),
    Buffer.from([0xff, 0xd9]),
  ]);
}
