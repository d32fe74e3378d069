import { Card } from 'antd';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { API_BASE } from '../../api';
import './i18n';

/** The forms issued for a dossier, each with its print page and PDF. */
export function FormsCard({ dossierId, forms, base }: { dossierId: string; forms: string[]; base: '/can-bo/ho-so' | '/ca-nhan/ho-so' }) {
  const { t } = useTranslation();
  return (
    <Card title={<h2 className="card-title">{t('pf.formsCard')}</h2>} style={{ marginBottom: 16 }}>
      {forms.length === 0 ? (
        <p className="muted" style={{ margin: 0 }}>
          {t('pf.noForms')}
        </p>
      ) : (
        <ul className="plain-list forms-list" data-testid="forms-list">
          {forms.map((k) => (
            <li key={k} style={{ marginBottom: 6 }}>
              {t(`pf.names.${k}`, { defaultValue: k })}:{' '}
              <Link to={`${base}/${dossierId}/bieu-mau/${k}`} data-testid={`form-link-${k}`}>
                {t('pf.viewForm')}
              </Link>
              {' · '}
              <a href={`${API_BASE}/dossiers/${dossierId}/forms/${k}/pdf`} download>
                {t('pf.pdf')}
              </a>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
