import { Button, Space } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { FormDocument } from '../../../../src/core/forms/document';
import { buildUrl } from '../../api';
import { ErrorBox } from '../../components/ErrorBox';
import { Loading } from '../../components/Status';
import { useApi } from '../../lib/useApi';
import { usePageTitle } from '../../lib/usePageTitle';
import { FormDocumentView } from '../forms/FormDocumentView';
import '../forms/i18n';
import { exclusiveEnd } from './common';
import './i18n';

/**
 * /can-bo/so-theo-doi/in?unit&from&to&by — the dossier register of the period (`to` inclusive, as
 * on the register page) as a print-ready A4-landscape form (Mẫu 07 TT 03/2025) with its PDF.
 */
export default function RegisterPrint() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const query = { unit: params.get('unit') ?? '', from: params.get('from') ?? '', to: params.get('to') ? exclusiveEnd(params.get('to')!) : '', by: params.get('by') ?? 'receiving' };
  const doc = useApi<FormDocument>('/reports/register/document', query);
  usePageTitle(doc.data ? `${doc.data.formNumber} – ${doc.data.title}` : t('rp.registerTitle'));
  return (
    <>
      <Space className="no-print" wrap style={{ marginBottom: 12 }}>
        <Link to={`/can-bo/so-theo-doi?${params}`}>{t('rp.backToRegister')}</Link>
        {doc.data && (
          <>
            <Button type="primary" onClick={() => window.print()} data-testid="form-print">
              {t('pf.print')}
            </Button>
            <Button href={buildUrl('/reports/register.pdf', query)} download data-testid="form-pdf">
              {t('pf.pdf')}
            </Button>
            <span className="muted">{t('pf.paper', { paper: `${doc.data.paper} ${t('rp.landscape')}` })}</span>
          </>
        )}
      </Space>
      {doc.error && <ErrorBox error={doc.error} onRetry={doc.reload} />}
      {doc.loading && <Loading />}
      {doc.data && !doc.loading && <FormDocumentView form={doc.data} />}
    </>
  );
}
