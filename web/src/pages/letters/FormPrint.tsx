import { Alert, Button, Space } from 'antd';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { FormDocument } from '../../../../src/core/forms/document';
import { API_BASE, buildUrl } from '../../api';
import { ErrorBox } from '../../components/ErrorBox';
import { FormDocumentView } from '../forms/FormDocumentView';
import { Loading, NotFound } from '../../components/Status';
import { useApi } from '../../lib/useApi';
import { usePageTitle } from '../../lib/usePageTitle';
import './i18n';

const API: Record<string, string> = { letter: '/letters', visit: '/receptions', case: '/cases', session: '/receptions/sessions' };
const BACK: Record<string, string> = { letter: '/can-bo/don-thu', visit: '/can-bo/tiep-cong-dan', case: '/can-bo/vu-viec', session: '/can-bo/tiep-cong-dan/buoi-tiep' };

/**
 * /can-bo/bieu-mau/:entity/:id/:key — a TT 04/05/2021 form as a print-ready A4 page with its PDF,
 * drawn from the document the server builds (the same one its PDF draws); entity: letter, visit,
 * case, or session (the conclusion notice of a leader's session).
 */
export default function FormPrint() {
  const { t } = useTranslation();
  const { entity = '', id = '', key = '' } = useParams();
  const base = API[entity];
  const path = base ? `${base}/${id}/forms/${key}` : null;
  const f = useApi<FormDocument & { evidence?: string }>(path ? `${path}/document` : null);
  usePageTitle(f.data ? `${f.data.formNumber} – ${f.data.title}` : t('lt.forms'));
  if (!base) return <NotFound />;
  if (f.error) return <ErrorBox error={f.error} onRetry={f.reload} />;
  if (!f.data) return <Loading />;
  const d = f.data;
  return (
    <>
      <Space className="no-print" wrap style={{ marginBottom: 12 }}>
        <Link to={`${BACK[entity]}/${id}`}>{t('lt.back')}</Link>
        <Button type="primary" onClick={() => window.print()} data-testid="lt-print">
          {t('lt.print')}
        </Button>
        <Button href={`${API_BASE}${path}/pdf`} download data-testid="lt-pdf">
          {t('lt.pdf')}
        </Button>
        <span className="muted" data-testid="lt-form-code">
          {d.formNumber} ({d.formSet})
        </span>
      </Space>
      <div data-testid="lt-form">
        <FormDocumentView form={d} />
      </div>
      {d.evidence === 'to_verify' && <Alert className="no-print" style={{ marginTop: 12 }} type="warning" showIcon title={t('lt.formToVerify')} />}
    </>
  );
}

/**
 * /can-bo/tiep-cong-dan/so/in?unitId&year — Sổ tiếp công dân (Mẫu 03/TCD) of a unit's year as a
 * print-ready A4-landscape register with its PDF.
 */
export function ReceptionRegisterPrint() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const query = { unitId: params.get('unitId') ?? '', year: params.get('year') ?? '' };
  const doc = useApi<FormDocument>('/receptions/register/document', query);
  usePageTitle(doc.data ? `${doc.data.formNumber} – ${doc.data.title} ${query.year}` : t('lt.register'));
  return (
    <>
      <Space className="no-print" wrap style={{ marginBottom: 12 }}>
        <Link to="/can-bo/tiep-cong-dan">{t('lt.back')}</Link>
        {doc.data && (
          <>
            <Button type="primary" onClick={() => window.print()} data-testid="lt-print">
              {t('lt.print')}
            </Button>
            <Button href={buildUrl('/receptions/register.pdf', query)} download data-testid="lt-pdf">
              {t('lt.pdf')}
            </Button>
          </>
        )}
      </Space>
      {doc.error && <ErrorBox error={doc.error} onRetry={doc.reload} />}
      {doc.loading && <Loading />}
      {doc.data && !doc.loading && (
        <div data-testid="lt-register-print">
          <FormDocumentView form={doc.data} />
        </div>
      )}
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
