import { Alert, Button, Space } from 'antd';
import { Link, useLocation, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { FormDocument } from '../../../../src/core/forms/document';
import { API_BASE } from '../../api';
import { ErrorBox } from '../../components/ErrorBox';
import { Loading } from '../../components/Status';
import { useApi } from '../../lib/useApi';
import { usePageTitle } from '../../lib/usePageTitle';
import { FormDocumentView } from './FormDocumentView';
import './i18n';

/**
 * /can-bo/ho-so/:id/bieu-mau/:key and /ca-nhan/ho-so/:id/bieu-mau/:key — a one-stop form
 * (Mẫu 01–06) as a print-ready page (A4 or A5 print CSS) with its PDF download.
 */
export default function DossierFormPrint() {
  const { t, i18n } = useTranslation();
  const { id = '', key = '' } = useParams();
  const doc = useApi<FormDocument>(`/dossiers/${id}/forms/${key}/document`);
  usePageTitle(doc.data ? `${doc.data.formNumber} – ${doc.data.title}` : t('pf.title'));
  const backTo = useLocation().pathname.startsWith('/ca-nhan/') ? `/ca-nhan/ho-so/${id}` : `/can-bo/ho-so/${id}`;
  if (doc.error) {
    if (doc.error.status === 404)
      return <Alert type="warning" showIcon role="alert" title={doc.error.text(i18n.language)} description={<Link to={backTo}>{t('pf.back')}</Link>} />;
    return <ErrorBox error={doc.error} onRetry={doc.reload} />;
  }
  if (!doc.data) return <Loading />;
  return (
    <>
      <Space className="no-print" wrap style={{ marginBottom: 12 }}>
        <Link to={backTo}>{t('pf.back')}</Link>
        <Button type="primary" onClick={() => window.print()} data-testid="form-print">
          {t('pf.print')}
        </Button>
        <Button href={`${API_BASE}/dossiers/${id}/forms/${key}/pdf`} download data-testid="form-pdf">
          {t('pf.pdf')}
        </Button>
        <span className="muted">{t('pf.paper', { paper: doc.data.paper })}</span>
      </Space>
      <FormDocumentView form={doc.data} />
    </>
  );
}
