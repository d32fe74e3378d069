import { Alert, Button, Space } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ErrorBox } from '../../components/ErrorBox';
import { Loading, NotFound } from '../../components/Status';
import { useApi } from '../../lib/useApi';
import { usePageTitle } from '../../lib/usePageTitle';
import './i18n';

interface RenderedForm {
  key: string;
  code: string;
  titleVi: string;
  legalBasis: string;
  evidence: 'verified' | 'to_verify';
  fields: { ref: string; labelVi: string; value: string }[];
  table?: { columns: { key: string; labelVi: string }[]; rows: Record<string, string | number>[] };
}

const API: Record<string, string> = { letter: '/letters', visit: '/receptions', case: '/cases', session: '/receptions/sessions' };
const BACK: Record<string, string> = { letter: '/can-bo/don-thu', visit: '/can-bo/tiep-cong-dan', case: '/can-bo/vu-viec', session: '/can-bo/tiep-cong-dan/buoi-tiep' };

/**
 * /can-bo/bieu-mau/:entity/:id/:key — a TT 04/05/2021 form as a print-ready page (the server builds it);
 * entity: letter, visit, case, or session (the conclusion notice of a leader's session).
 */
export default function FormPrint() {
  const { t } = useTranslation();
  const { entity = '', id = '', key = '' } = useParams();
  const base = API[entity];
  const f = useApi<RenderedForm>(base ? `${base}/${id}/forms/${key}` : null);
  usePageTitle(f.data ? `${f.data.code} – ${f.data.titleVi}` : t('lt.forms'));
  if (!base) return <NotFound />;
  if (f.error) return <ErrorBox error={f.error} onRetry={f.reload} />;
  if (!f.data) return <Loading />;
  const d = f.data;
  return (
    <>
      <Space className="no-print" style={{ marginBottom: 12 }}>
        <Link to={`${BACK[entity]}/${id}`}>{t('lt.back')}</Link>
        <Button type="primary" onClick={() => window.print()} data-testid="lt-print">
          {t('lt.print')}
        </Button>
      </Space>
      <article className="card print-form" data-testid="lt-form" lang="vi">
        <p style={{ textAlign: 'right', margin: 0 }}>
          <strong data-testid="lt-form-code">{d.code}</strong>
        </p>
        <p style={{ textAlign: 'center', margin: '4px 0' }}>
          <strong>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</strong>
          <br />
          Độc lập – Tự do – Hạnh phúc
        </p>
        <h1 style={{ textAlign: 'center', fontSize: 22 }} data-testid="lt-form-title">
          {d.titleVi.toLocaleUpperCase('vi')}
        </h1>
        <dl className="form-fields" data-testid="lt-form-fields">
          {d.fields.map((x) => (
            <div key={x.ref} style={{ display: 'flex', gap: 8, marginBottom: 6 }}>
              <dt style={{ minWidth: 220, fontWeight: 600 }}>{x.labelVi}:</dt>
              <dd style={{ margin: 0 }}>{x.value || '…………………………'}</dd>
            </div>
          ))}
        </dl>
        {d.table && (
          <table className="print-table" style={{ width: '100%', borderCollapse: 'collapse', marginTop: 12 }}>
            <thead>
              <tr>
                {d.table.columns.map((c) => (
                  <th key={c.key} scope="col" style={{ border: '1px solid #595959', padding: 4, textAlign: 'left' }}>
                    {c.labelVi}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {d.table.rows.map((r, i) => (
                <tr key={i}>
                  {d.table!.columns.map((c) => (
                    <td key={c.key} style={{ border: '1px solid #595959', padding: 4 }}>
                      {String(r[c.key] ?? '')}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p style={{ marginTop: 16, fontSize: 13 }}>
          {t('lt.formLegal')}: {d.legalBasis}
        </p>
      </article>
      {d.evidence === 'to_verify' && <Alert className="no-print" style={{ marginTop: 12 }} type="warning" showIcon title={t('lt.formToVerify')} />}
    </>
  );
}

/** Which action makes each form printable (the server refuses a form before its step). */
const FORM_AFTER: Record<string, Record<string, string[]>> = {
  letter: { propose_accept: ['propose_accept'], transfer: ['transfer'], guidance: ['guide'], return_originals: ['return_originals'], reminder: ['remind'] },
  visit: { refusal_notice: ['issue_refusal_notice'], documents_receipt: ['receive_documents'] },
  case: { suspension: ['suspend'], resumption: ['resume'], extension_decision: ['extend'] },
};

/** Links to the printable forms of a record (only those the record has reached are offered). */
export function FormLinks({ entity, id, events, always = [] }: { entity: 'letter' | 'visit' | 'case'; id: string; events: { action: string }[]; always?: string[] }) {
  const { t } = useTranslation();
  const done = new Set(events.map((e) => e.action));
  const forms = [...always, ...Object.entries(FORM_AFTER[entity]).filter(([, actions]) => actions.some((a) => done.has(a))).map(([k]) => k)].map((key) => ({ key, label: t(`lt.formName.${key}`) }));
  if (forms.length === 0) return null;
  return (
    <section className="card" aria-labelledby={`lt-forms-h-${entity}`} style={{ marginTop: 20 }} data-testid="lt-forms">
      <h2 id={`lt-forms-h-${entity}`} style={{ marginTop: 0, fontSize: 18 }}>
        {t('lt.forms')}
      </h2>
      <p>{t('lt.formsHelp')}</p>
      <ul className="plain-list">
        {forms.map((f) => (
          <li key={f.key}>
            <Link to={`/can-bo/bieu-mau/${entity}/${id}/${f.key}`} data-testid={`lt-form-${f.key}`}>
              {f.label}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
