import { useEffect, useState } from 'react';
import QRCode from 'qrcode';
import type { FormBlock, FormDocument } from '../../../../src/core/forms/document';
import { NATIONAL_HEADING } from '../../../../src/core/forms/document';

/** Sets the printer's page size (A4 or A5) while the form is on screen. */
function usePageSize(paper: string, orientation: string) {
  useEffect(() => {
    const style = document.createElement('style');
    style.dataset.formPage = paper;
    style.textContent = `@page { size: ${paper} ${orientation}; margin: ${paper === 'A5' ? '10mm 10mm 10mm 12mm' : '15mm 15mm 15mm 20mm'}; }`;
    document.head.appendChild(style);
    return () => style.remove();
  }, [paper, orientation]);
}

function QrBlock({ text, caption }: { text: string; caption: string }) {
  const [svg, setSvg] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void QRCode.toString(text, { type: 'svg', margin: 0, errorCorrectionLevel: 'M' }).then((s) => live && setSvg(s));
    return () => {
      live = false;
    };
  }, [text]);
  return (
    <figure className="form-doc-qr" data-testid="form-qr" data-qr-text={text}>
      {svg && <span role="img" aria-label={caption} dangerouslySetInnerHTML={{ __html: svg }} />}
      <figcaption>{caption}</figcaption>
    </figure>
  );
}

function Block({ b }: { b: FormBlock }) {
  switch (b.type) {
    case 'paragraph':
      return (
        <p style={{ textAlign: b.align ?? 'justify', fontWeight: b.bold ? 700 : undefined, fontStyle: b.italic ? 'italic' : undefined }}>{b.text}</p>
      );
    case 'fields':
      return (
        <dl className="form-doc-fields">
          {b.items.map((f) => (
            <div key={f.label}>
              <dt>{f.label}:</dt> <dd>{f.value}</dd>
            </div>
          ))}
        </dl>
      );
    case 'table': {
      const total = (b.widths ?? b.columns.map(() => 1)).reduce((x, y) => x + y, 0);
      return (
        <table className="form-doc-table">
          <colgroup>
            {b.columns.map((c, i) => (
              <col key={c} style={{ width: `${(((b.widths?.[i] ?? 1) / total) * 100).toFixed(1)}%` }} />
            ))}
          </colgroup>
          <thead>
            <tr>
              {b.columns.map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {b.rows.map((r, i) => (
              <tr key={i}>
                {r.map((cell, j) => (
                  <td key={j}>{cell}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      );
    }
    case 'signatures':
      return (
        <div className="form-doc-signatures">
          {b.items.map((s) => (
            <div key={s.title}>
              <strong>{s.title}</strong>
              {s.note && <em>{s.note}</em>}
              <span className="form-doc-sign-space" />
              {s.name && <strong>{s.name}</strong>}
            </div>
          ))}
        </div>
      );
    case 'qr':
      return <QrBlock text={b.text} caption={b.caption} />;
  }
}

/**
 * One printed form, drawn from the same document model as the server's PDF: form number, the
 * agency and the national heading side by side, the title, then the blocks. Always Vietnamese.
 */
export function FormDocumentView({ form }: { form: FormDocument }) {
  usePageSize(form.paper, form.orientation);
  return (
    <article className={`form-doc form-doc-${form.paper.toLowerCase()} form-doc-${form.orientation}`} lang="vi" data-testid="form-doc" data-paper={form.paper}>
      <p className="form-doc-number">
        {form.formNumber} ({form.formSet})
      </p>
      <header className="form-doc-heading">
        <div>
          <div>{form.agency.parent.toLocaleUpperCase('vi')}</div>
          <div className="form-doc-agency">{form.agency.name.toLocaleUpperCase('vi')}</div>
          {form.docNumber && <div>{form.docNumber}</div>}
        </div>
        <div>
          <div className="form-doc-agency">{NATIONAL_HEADING.country}</div>
          <div className="form-doc-motto">{NATIONAL_HEADING.motto}</div>
          <div className="form-doc-place">{form.placeDate}</div>
        </div>
      </header>
      <h1 className="form-doc-title" data-testid="form-title">
        {form.title.toLocaleUpperCase('vi')}
      </h1>
      {form.subtitle && <p className="form-doc-subtitle">{form.subtitle}</p>}
      {form.blocks.map((b, i) => (
        <Block key={i} b={b} />
      ))}
    </article>
  );
}
