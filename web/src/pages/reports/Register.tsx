import { Alert, Pagination } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { buildUrl } from '../../api';
import { ErrorBox } from '../../components/ErrorBox';
import { ScrollRegion } from '../../components/ScrollRegion';
import { Loading } from '../../components/Status';
import { useApi } from '../../lib/useApi';
import { usePageTitle } from '../../lib/usePageTitle';
import { ReportFilters, useReportFilters } from './DossierReport';
import { exclusiveEnd } from './common';
import './i18n';

interface RegisterRow {
  stt: number;
  id: string;
  code: string | null;
  registerBook: string | null;
  procedureName: string;
  setsCount: number;
  applicantName: string;
  addressPhone: string;
  competentUnit: string;
  receivedAt: string;
  dueAt: string;
  transferredAt: string;
  resultReceivedAt: string;
  returnedAt: string;
  signature: string;
  note: string;
}
interface RegisterAnswer {
  unit: { id: string; name: string };
  period: { labelVi: string };
  form: { number: string | null; title: string; legalBasis: string } | null;
  columns: { key: string; header: string }[];
  total: number;
  page: number;
  pageSize: number;
  rows: RegisterRow[];
}

const REGISTER_ROLES = ['leader', 'supervisor', 'counter_officer'];
const PAGE_SIZE = 50;

/** /can-bo/so-theo-doi — the dossier register (Sổ theo dõi hồ sơ) of the period, paged, with its Excel file. */
export default function Register() {
  const { t } = useTranslation();
  usePageTitle(t('rp.registerTitle'));
  const [filters, setFilters] = useReportFilters(REGISTER_ROLES);
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('page')) || 1;
  const base = filters.unit ? { unit: filters.unit, from: filters.from, to: exclusiveEnd(filters.to), by: filters.by } : null;
  const r = useApi<RegisterAnswer>(base ? '/reports/register' : null, base ? { ...base, page, pageSize: PAGE_SIZE } : undefined);
  const data = r.data;
  const goPage = (p: number) => {
    const next = new URLSearchParams(params);
    next.set('page', String(p));
    setParams(next);
  };
  const columns = data?.columns.filter((c) => c.key !== 'signature') ?? [];

  return (
    <>
      <div className="page-head">
        <h1>{t('rp.registerTitle')}</h1>
        <Link to={`/can-bo/bao-cao?${new URLSearchParams({ unit: filters.unit, from: filters.from, to: filters.to, by: filters.by })}`}>{t('rp.reportLink')}</Link>
      </div>
      <p className="muted">{t('rp.registerIntro')}</p>
      <ReportFilters
        filters={filters}
        onApply={setFilters}
        withGroupBy={false}
        extra={
          base && (
            <>
              <a className="ant-btn ant-btn-default ant-btn-outlined" href={buildUrl('/reports/register.xlsx', base)} download data-testid="register-excel">
                {t('rp.excel')}
              </a>
              <Link className="ant-btn ant-btn-default ant-btn-outlined" to={`/can-bo/so-theo-doi/in?${new URLSearchParams({ unit: filters.unit, from: filters.from, to: filters.to, by: filters.by })}`} data-testid="register-print">
                {t('rp.registerPrint')}
              </Link>
            </>
          )
        }
      />
      {!filters.unit && <Alert type="warning" showIcon title={t('rp.noUnit')} />}
      {r.error && <ErrorBox error={r.error} onRetry={r.reload} />}
      {r.loading && <Loading />}
      {data && !r.loading && (
        <section aria-labelledby="register-heading">
          <h2 id="register-heading" style={{ fontSize: 18 }}>
            {data.unit.name} — {data.period.labelVi}
          </h2>
          {data.form && <p className="muted">{t('rp.registerForm', { title: data.form.title, basis: data.form.legalBasis })}</p>}
          <p aria-live="polite" data-testid="register-count">{t('rp.registerCount', { n: data.total })}</p>
          <ScrollRegion label={t('rp.registerLabel')}>
            <table className="data-table register-table" data-testid="register-table">
              <thead>
                <tr>
                  {columns.map((c) => (
                    <th key={c.key} scope="col">{c.header}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.rows.length === 0 && (
                  <tr>
                    <td colSpan={columns.length}>{t('common.noData')}</td>
                  </tr>
                )}
                {data.rows.map((row) => (
                  <tr key={row.id}>
                    {columns.map((c) => {
                      const v = (row as any)[c.key];
                      if (c.key === 'code')
                        return (
                          <th key={c.key} scope="row">
                            {row.code}
                            {row.registerBook && <div className="muted">{row.registerBook}</div>}
                          </th>
                        );
                      return <td key={c.key} className={typeof v === 'number' ? 'num' : undefined}>{v}</td>;
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
          {data.total > PAGE_SIZE && (
            <nav aria-label={t('rp.page')} style={{ marginTop: 12 }}>
              <Pagination current={data.page} pageSize={PAGE_SIZE} total={data.total} showSizeChanger={false} onChange={goPage} />
            </nav>
          )}
        </section>
      )}
    </>
  );
}
