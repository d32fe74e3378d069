import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { NATIONAL_HEADING, type FormDocument } from '../../core/forms/document.js';

const require = createRequire(import.meta.url);
const FONT_DIR = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const FONTS = {
  regular: path.join(FONT_DIR, 'DejaVuSerif.ttf'),
  bold: path.join(FONT_DIR, 'DejaVuSerif-Bold.ttf'),
  italic: path.join(FONT_DIR, 'DejaVuSerif-Italic.ttf'),
};

/** Renders a form to a PDF (A4 or A5), with fonts that carry every Vietnamese letter. */
export async function renderFormPdf(form: FormDocument): Promise<Buffer> {
  const doc = new PDFDocument({
    size: form.paper,
    layout: form.orientation,
    margins: form.paper === 'A5' ? { top: 28, bottom: 28, left: 34, right: 28 } : { top: 40, bottom: 40, left: 56, right: 40 },
    info: { Title: `${form.formNumber} – ${form.title}`, Author: form.agency.name, Producer: 'motcua' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const base = form.paper === 'A5' ? 9.5 : 11.5;
  const left = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;

  // Form label in the top-right corner (e.g. "Mẫu số 01").
  doc.font(FONTS.italic).fontSize(base - 1.5).text(`${form.formNumber} (${form.formSet})`, left, doc.y, { width, align: 'right' });
  doc.moveDown(0.3);

  // Heading: agency on the left, national heading on the right, each underlined.
  const top = doc.y;
  const colW = width * 0.42;
  const rightX = left + width * 0.4;
  const rightW = width * 0.6;
  doc.font(FONTS.regular).fontSize(base - 0.5).text(form.agency.parent.toUpperCase(), left, top, { width: colW, align: 'center' });
  doc.font(FONTS.bold).text(form.agency.name.toUpperCase(), { width: colW, align: 'center' });
  const agencyBottom = doc.y;
  underline(doc, left + colW * 0.3, agencyBottom + 1, colW * 0.4);
  if (form.docNumber) doc.font(FONTS.regular).text(form.docNumber, left, agencyBottom + 5, { width: colW, align: 'center' });
  const leftBottom = doc.y;
  doc.font(FONTS.bold).fontSize(base - 0.5).text(NATIONAL_HEADING.country, rightX, top, { width: rightW, align: 'center' });
  doc.font(FONTS.bold).text(NATIONAL_HEADING.motto, { width: rightW, align: 'center' });
  const mottoBottom = doc.y;
  underline(doc, rightX + rightW * 0.25, mottoBottom + 1, rightW * 0.5);
  doc.font(FONTS.italic).text(form.placeDate, rightX, mottoBottom + 5, { width: rightW, align: 'center' });
  doc.y = Math.max(leftBottom, doc.y) + base;
  doc.x = left;

  doc.font(FONTS.bold).fontSize(base + 2).text(form.title.toUpperCase(), left, doc.y, { width, align: 'center' });
  if (form.subtitle) doc.font(FONTS.italic).fontSize(base).text(form.subtitle, { width, align: 'center' });
  doc.moveDown(0.8);

  for (const block of form.blocks) {
    doc.x = left;
    switch (block.type) {
      case 'paragraph':
        doc.font(block.bold ? FONTS.bold : block.italic ? FONTS.italic : FONTS.regular).fontSize(base).text(block.text, left, doc.y, { width, align: block.align ?? 'justify' });
        doc.moveDown(0.3);
        break;
      case 'fields':
        for (const f of block.items) {
          doc.font(FONTS.regular).fontSize(base).text(`${f.label}: `, left, doc.y, { width, continued: true }).font(FONTS.bold).text(f.value || '…………………………');
        }
        doc.moveDown(0.3);
        break;
      case 'table':
        drawTable(doc, block.columns, block.rows, block.widths, left, width, base - 1);
        doc.moveDown(0.5);
        break;
      case 'signatures': {
        const y0 = doc.y + 4;
        const w = width / block.items.length;
        let bottom = y0;
        block.items.forEach((s, i) => {
          const x = left + i * w;
          doc.font(FONTS.bold).fontSize(base).text(s.title.toUpperCase(), x, y0, { width: w, align: 'center' });
          doc.font(FONTS.italic).fontSize(base - 1).text(s.note ?? '(Ký và ghi rõ họ tên)', x, doc.y, { width: w, align: 'center' });
          if (s.name) doc.font(FONTS.bold).fontSize(base).text(s.name, x, doc.y + base * 4, { width: w, align: 'center' });
          bottom = Math.max(bottom, doc.y);
        });
        doc.y = bottom + base;
        break;
      }
      case 'qr': {
        const png = await QRCode.toBuffer(block.text, { margin: 1, width: 240 });
        const size = form.paper === 'A5' ? 64 : 80;
        if (doc.y + size + 20 > doc.page.height - doc.page.margins.bottom) doc.addPage();
        const y = doc.y;
        doc.image(png, left, y, { width: size, height: size });
        doc.font(FONTS.italic).fontSize(base - 1.5).text(block.caption, left + size + 8, y + size / 3, { width: width - size - 8 });
        doc.y = y + size + 6;
        break;
      }
    }
  }
  doc.end();
  return done;
}

function underline(doc: PDFKit.PDFDocument, x: number, y: number, w: number) {
  doc.moveTo(x, y).lineTo(x + w, y).lineWidth(0.6).stroke();
}

function drawTable(doc: PDFKit.PDFDocument, columns: string[], rows: string[][], widths: number[] | undefined, left: number, width: number, size: number) {
  const total = widths?.reduce((a, b) => a + b, 0) ?? columns.length;
  const ws = columns.map((_, i) => ((widths?.[i] ?? 1) / total) * width);
  const pad = 3;
  const drawRow = (cells: string[], bold: boolean) => {
    doc.font(bold ? FONTS.bold : FONTS.regular).fontSize(size);
    const heights = cells.map((c, i) => doc.heightOfString(c ?? '', { width: ws[i] - 2 * pad }));
    const h = Math.max(...heights, size) + 2 * pad;
    if (doc.y + h > doc.page.height - doc.page.margins.bottom) doc.addPage();
    const y = doc.y;
    let x = left;
    cells.forEach((c, i) => {
      doc.rect(x, y, ws[i], h).lineWidth(0.5).stroke();
      doc.text(c ?? '', x + pad, y + pad, { width: ws[i] - 2 * pad, align: bold ? 'center' : 'left' });
      x += ws[i];
    });
    doc.x = left;
    doc.y = y + h;
  };
  drawRow(columns, true);
  for (const r of rows) drawRow(r, false);
}
