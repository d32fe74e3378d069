import { Pagination, Tag } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ErrorBox } from '../../components/ErrorBox';
import { Loading } from '../../components/Status';
import { formatDateTime } from '../../lib/format';
import { useApi } from '../../lib/useApi';
import { usePageTitle } from '../../lib/usePageTitle';
import type { DossierPage } from '../dossiers/types';

const PAGE_SIZE = 10;

/** /ca-nhan/ho-so — the signed-in citizen's dossiers (online and those registered under their CCCD). */
export default function MyDossiers() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  usePageTitle(t('my.title'));
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const list = useApi<DossierPage>('/me/dossiers', { page, pageSize: PAGE_SIZE });

  return (
    <>
      <h1 className="page-title">{t('my.title')}</h1>
      {list.error && <ErrorBox error={list.error} onRetry={list.reload} />}
      {list.loading && !list.data && <Loading />}
      {list.data && list.data.items.length === 0 && <p>{t('my.none')}</p>}
      {list.data && list.data.items.length > 0 && (
        <ul className="proc-list" data-testid="my-dossiers">
          {list.data.items.map((d) => (
            <li key={d.id} className="proc-item">
              <h2 style={{ fontSize: 16, margin: '0 0 6px' }}>
                <Link to={`/ca-nhan/ho-so/${d.id}`}>{d.procedure.name}</Link>
              </h2>
              <div className="proc-meta">
                <span style={{ fontFamily: 'monospace' }}>{d.code}</span>
                <Tag color={d.overdue ? 'red' : 'blue'}>{lang === 'en' ? d.statusLabelEn : d.statusLabelVi}</Tag>
                {d.appointmentAt && <span>{t('my.appointment', { time: formatDateTime(d.appointmentAt, lang) })}</span>}
                {d.receivingUnit && <span>{d.receivingUnit.name}</span>}
              </div>
            </li>
          ))}
        </ul>
      )}
      {list.data && list.data.total > PAGE_SIZE && (
        <nav aria-label={t('catalogue.pages')} style={{ marginTop: 20 }}>
          <Pagination current={page} pageSize={PAGE_SIZE} total={list.data.total} showSizeChanger={false} onChange={(p) => setParams({ page: String(p) })} />
        </nav>
      )}
    </>
  );
}
