import { lazy, Suspense } from 'react';
import { Alert, Button, Space } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ErrorBox } from '../../components/ErrorBox';
import { ScrollRegion } from '../../components/ScrollRegion';
import { Loading } from '../../components/Status';
import { formatDateTime } from '../../lib/format';
import { useApi } from '../../lib/useApi';
import { usePageTitle } from '../../lib/usePageTitle';
import type { Counts } from '../reports/DossierReport';
import { UnitTreeSelect, useDefaultUnit, useUnitTree } from '../reports/common';
import './i18n';

const ResultsChart = lazy(() => import('./DashboardCharts').then((m) => ({ default: m.ResultsChart })));
const StepsChart = lazy(() => import('./DashboardCharts').then((m) => ({ default: m.StepsChart })));

interface Item { id: string; code: string | null; procedureName: string; dueAt: string; handler: string | null; remainingVi: string; remainingEn: string }
interface Dashboard {
  unit: { id: string; code: string; name: string };
  by: 'competent' | 'receiving';
  asOf: string;
  month: Counts & { from: string; to: string; labelVi: string };
  overdueNow: {
    total: number;
    byStep: { stepCode: string; stepName: string; unitId: string | null; unitName: string | null; active: number; stepsOverdue: number; dossiersOverdue: number }[];
    byOfficer: { handlerId: string | null; handlerName: string; overdue: number; oldestDueAt: string }[];
    items: Item[];
  };
  dueSoon: { total: number; workingDays: number; until: string; legalBasis: string | null; items: Item[] };
  notes: { vi: string; en: string }[];
}

const ROLES = ['leader', 'supervisor', 'admin'];

function Kpi({ label, value, sub, tone, testId }: { label: string; value: string | number; sub?: string; tone?: 'bad' | 'warn'; testId: string }) {
  return (
    <div className={`kpi${tone ? ` kpi-${tone}` : ''}`} data-testid={testId}>
      <div className="kpi-label">{label}</div>
      <div className="kpi-value">{value}</div>
      {sub && <div className="kpi-sub">{sub}</div>}
    </div>
  );
}

function ItemsTable({ items, caption, testId }: { items: Item[]; caption: string; testId: string }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  if (!items.length) return <p className="muted">{t('ld.none')}</p>;
  return (
    <ScrollRegion label={caption}>
      <table className="data-table" data-testid={testId}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('ld.code')}</th>
            <th scope="col">{t('ld.procedure')}</th>
            <th scope="col">{t('ld.due')}</th>
            <th scope="col">{t('ld.remaining')}</th>
            <th scope="col">{t('ld.handler')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((d) => (
            <tr key={d.id}>
              <td><Link to={`/can-bo/ho-so/${d.id}`}>{d.code ?? d.id.slice(0, 8)}</Link></td>
              <td>{d.procedureName}</td>
              <td>{formatDateTime(d.dueAt, i18n.language)}</td>
              <td>{en ? d.remainingEn : d.remainingVi}</td>
              <td>{d.handler ?? t('ld.noHandler')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

/**
 * /can-bo/bang-dieu-khien — a leader's view of the unit: received and resolved this month with the
 * on-time rate (counted like the standard report), what is overdue now by step and by officer,
 * and what falls due within the due-soon window.
 */
export default function LeaderDashboard() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('ld.title'));
  const en = i18n.language === 'en';
  const [params, setParams] = useSearchParams();
  const fallback = useDefaultUnit(ROLES);
  const unit = params.get('unit') ?? fallback ?? '';
  const units = useUnitTree();
  const r = useApi<Dashboard>(unit ? '/reports/dashboard' : null, unit ? { unit } : undefined);
  const d = r.data;

  return (
    <>
      <div className="page-head">
        <h1>{t('ld.title')}</h1>
        <Space wrap>
          <Link to="/can-bo/ho-so?queue=approval">{t('queues.approval')}</Link>
          <Link to={`/can-bo/bao-cao?unit=${encodeURIComponent(unit)}&by=competent`}>{t('staffMenu.reports')}</Link>
        </Space>
      </div>
      <Space wrap align="end" style={{ marginBottom: 16 }}>
        <div>
          <label htmlFor="dashboard-unit" style={{ display: 'block', marginBottom: 4 }}>{t('ld.unit')}</label>
          <UnitTreeSelect id="dashboard-unit" value={unit || undefined} onChange={(v) => setParams({ unit: v }, { replace: true })} treeData={units.treeData} loading={units.loading} />
        </div>
        <Button onClick={r.reload} data-testid="dashboard-reload">{t('ld.refresh')}</Button>
      </Space>
      {!unit && <Alert type="warning" showIcon title={t('rp.noUnit')} />}
      {r.error && <ErrorBox error={r.error} onRetry={r.reload} />}
      {r.loading && !d && <Loading />}
      {d && (
        <div data-testid="dashboard">
          <h2 style={{ fontSize: 18 }}>{d.unit.name}</h2>
          <p className="muted" aria-live="polite">{t('ld.asOf', { time: formatDateTime(d.asOf, i18n.language) })} · {d.month.labelVi}</p>
          <div className="kpi-grid">
            <Kpi testId="kpi-received" label={t('ld.received')} value={d.month.received} sub={t('ld.receivedSplit', { counter: d.month.receivedCounter, online: d.month.receivedOnline, postal: d.month.receivedPostal })} />
            <Kpi testId="kpi-resolved" label={t('ld.resolved')} value={d.month.resolved} sub={`${t('ld.early')} ${d.month.early} · ${t('ld.onTimeS')} ${d.month.onTime} · ${t('ld.late')} ${d.month.late}`} />
            <Kpi testId="kpi-ontime" label={t('ld.ontime')} value={d.month.ontimePct === null ? '—' : `${d.month.ontimePctText} %`} tone={d.month.ontimePct !== null && d.month.ontimePct < 90 ? 'warn' : undefined} />
            <Kpi testId="kpi-overdue" label={t('ld.overdue')} value={d.overdueNow.total} tone={d.overdueNow.total ? 'bad' : undefined} />
            <Kpi testId="kpi-due-soon" label={t('ld.dueSoon', { days: d.dueSoon.workingDays })} value={d.dueSoon.total} tone={d.dueSoon.total ? 'warn' : undefined} sub={d.dueSoon.legalBasis ?? undefined} />
          </div>

          <div className="dashboard-grid">
            <section aria-labelledby="ld-results">
              <h3 id="ld-results">{t('ld.chartResults')}</h3>
              <Suspense fallback={<Loading />}>
                <ResultsChart early={d.month.early} onTime={d.month.onTime} late={d.month.late} />
              </Suspense>
            </section>
            <section aria-labelledby="ld-steps-chart">
              <h3 id="ld-steps-chart">{t('ld.chartSteps')}</h3>
              <Suspense fallback={<Loading />}>
                <StepsChart steps={d.overdueNow.byStep.map((s) => ({ name: s.stepName, value: s.dossiersOverdue }))} />
              </Suspense>
            </section>
          </div>

          <section aria-labelledby="ld-by-step">
            <h3 id="ld-by-step">{t('ld.byStep')}</h3>
            {d.overdueNow.byStep.length ? (
              <ScrollRegion label={t('ld.byStep')}>
                <table className="data-table" data-testid="dashboard-by-step">
                  <thead>
                    <tr>
                      <th scope="col">{t('ld.step')}</th>
                      <th scope="col">{t('ld.stepUnit')}</th>
                      <th scope="col" className="num">{t('ld.active')}</th>
                      <th scope="col" className="num">{t('ld.stepsOverdue')}</th>
                      <th scope="col" className="num">{t('ld.dossiersOverdue')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.overdueNow.byStep.map((s) => (
                      <tr key={`${s.stepCode}-${s.unitId}`}>
                        <td>{s.stepName}</td>
                        <td>{s.unitName ?? ''}</td>
                        <td className="num">{s.active}</td>
                        <td className="num">{s.stepsOverdue}</td>
                        <td className="num">{s.dossiersOverdue}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollRegion>
            ) : (
              <p className="muted">{t('ld.none')}</p>
            )}
          </section>

          <section aria-labelledby="ld-by-officer">
            <h3 id="ld-by-officer">{t('ld.byOfficer')}</h3>
            {d.overdueNow.byOfficer.length ? (
              <ScrollRegion label={t('ld.byOfficer')}>
                <table className="data-table" data-testid="dashboard-by-officer">
                  <thead>
                    <tr>
                      <th scope="col">{t('ld.officer')}</th>
                      <th scope="col" className="num">{t('ld.dossiersOverdue')}</th>
                      <th scope="col">{t('ld.oldestDue')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.overdueNow.byOfficer.map((o) => (
                      <tr key={o.handlerId ?? 'none'}>
                        <td>{o.handlerId ? o.handlerName : t('ld.noHandler')}</td>
                        <td className="num">{o.overdue}</td>
                        <td>{formatDateTime(o.oldestDueAt, i18n.language)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollRegion>
            ) : (
              <p className="muted">{t('ld.none')}</p>
            )}
          </section>

          <section aria-labelledby="ld-overdue-list">
            <h3 id="ld-overdue-list">{t('ld.overdueList')}</h3>
            <ItemsTable items={d.overdueNow.items} caption={t('ld.overdueList')} testId="dashboard-overdue" />
          </section>
          <section aria-labelledby="ld-soon-list">
            <h3 id="ld-soon-list">{t('ld.dueSoonList')}</h3>
            <ItemsTable items={d.dueSoon.items} caption={t('ld.dueSoonList')} testId="dashboard-due-soon" />
          </section>
          {d.notes.map((n) => (
            <p key={n.vi} className="muted">{en ? n.en : n.vi}</p>
          ))}
        </div>
      )}
    </>
  );
}
