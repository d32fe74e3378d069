import { lazy, Suspense, type ReactNode } from 'react';
import { Alert, Button, DatePicker, Form, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { buildUrl } from '../../api';
import { ErrorBox } from '../../components/ErrorBox';
import { ScrollRegion } from '../../components/ScrollRegion';
import { Loading } from '../../components/Status';
import { formatDateTime } from '../../lib/format';
import { useApi } from '../../lib/useApi';
import { usePageTitle } from '../../lib/usePageTitle';
import { UnitTreeSelect, defaultPeriod, exclusiveEnd, useDefaultUnit, useUnitTree } from './common';
import './i18n';

const ReportChart = lazy(() => import('./ReportChart'));

export type CountKey =
  | 'toProcess' | 'carriedOver' | 'received' | 'receivedCounter' | 'receivedOnline' | 'receivedPostal'
  | 'resolved' | 'early' | 'onTime' | 'late' | 'refused' | 'returned' | 'notReturned'
  | 'inProgress' | 'notYetDue' | 'overdue' | 'waitingSupplement' | 'withdrawn' | 'stopped' | 'refusedAtIntake';

export type Counts = Record<CountKey, number> & { ontimePct: number | null; ontimePctText: string };
interface Invariant { holds: boolean; left: number; right: number }
export interface ReportRow extends Counts { stt: number; group: { id: string | null; code: string | null; name: string }; invariant: Invariant }
interface Column { key: string; code: string; labelVi: string; labelEn: string; rule: string }
export interface Report {
  unit: { id: string; code: string; name: string };
  period: { from: string; to: string; labelVi: string; labelEn: string };
  groupBy: string;
  groupLabel: { vi: string; en: string };
  ruleDescription: { vi: string; en: string };
  asOf: string;
  formula: { labelVi: string; labelEn: string; formula: string; formulaVi: string };
  columns: Column[];
  rows: ReportRow[];
  total: Counts & { invariant: Invariant };
  notes: { vi: string; en: string }[];
}

/** The grouped header of the official table (docs/reports.md, core/reports/columns.ts). */
type Head = { labelKey?: string; key?: string; children?: Head[] };
const HEADER: Head[] = [
  { labelKey: 'rp.hToProcess', children: [{ key: 'toProcess' }, { key: 'carriedOver' }, { labelKey: 'rp.hReceived', children: [{ key: 'received' }, { key: 'receivedCounter' }, { key: 'receivedOnline' }, { key: 'receivedPostal' }] }] },
  { labelKey: 'rp.hResolved', children: [{ key: 'resolved' }, { key: 'early' }, { key: 'onTime' }, { key: 'late' }, { key: 'refused' }, { key: 'returned' }, { key: 'notReturned' }] },
  { labelKey: 'rp.hInProgress', children: [{ key: 'inProgress' }, { key: 'notYetDue' }, { key: 'overdue' }, { key: 'waitingSupplement' }] },
  { key: 'withdrawn' },
  { key: 'stopped' },
  { key: 'ontimePct' },
  { key: 'refusedAtIntake' },
];
const depth = (hs: Head[]): number => Math.max(...hs.map((h) => 1 + (h.children ? depth(h.children) : 0)));
const leaves = (hs: Head[]): string[] => hs.flatMap((h) => (h.children ? leaves(h.children) : [h.key!]));
const width = (h: Head): number => (h.children ? h.children.reduce((s, c) => s + width(c), 0) : 1);
export const LEAVES = leaves(HEADER);

const GROUP_BYS = ['field', 'unit', 'procedure'] as const;
const REPORT_ROLES = ['leader', 'supervisor', 'admin', 'counter_officer'];
const dateProps = {
  getValueProps: (v: string | null | undefined) => ({ value: v ? dayjs(v) : null }),
  normalize: (d: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : null),
};

interface Filters { unit: string; from: string; to: string; groupBy: string; by: string; rule: string }

/** Filters kept in the address (so a report can be shared and reloaded). `to` is the inclusive last day. */
export function useReportFilters(roles: string[]): [Filters, (f: Partial<Filters>) => void] {
  const [params, setParams] = useSearchParams();
  const fallbackUnit = useDefaultUnit(roles);
  const d = defaultPeriod();
  const filters: Filters = {
    unit: params.get('unit') ?? fallbackUnit ?? '',
    from: params.get('from') ?? d.from,
    to: params.get('to') ?? d.to,
    groupBy: params.get('groupBy') ?? 'field',
    by: params.get('by') ?? 'receiving',
    rule: params.get('rule') ?? 'legal',
  };
  const set = (f: Partial<Filters>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(f)) if (v) next.set(k, v);
    next.delete('page');
    setParams(next, { replace: true });
  };
  return [filters, set];
}

export function ReportFilters({ filters, onApply, withGroupBy, extra }: { filters: Filters; onApply: (f: Partial<Filters>) => void; withGroupBy: boolean; extra?: ReactNode }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Filters>();
  const units = useUnitTree();
  return (
    <Form
      form={form}
      name="report-filters"
      layout="vertical"
      className="report-filters"
      initialValues={filters}
      onFinish={(v) => onApply(v)}
      style={{ display: 'flex', flexWrap: 'wrap', gap: '0 16px', alignItems: 'flex-end' }}
    >
      <Form.Item label={t('rp.unit')} name="unit" htmlFor="report-filters_unit" rules={[{ required: true, message: t('validation.required') }]}>
        <UnitTreeSelect id="report-filters_unit" treeData={units.treeData} loading={units.loading} />
      </Form.Item>
      <Form.Item label={t('rp.periodFrom')} name="from" rules={[{ required: true, message: t('validation.required') }]} {...dateProps}>
        <DatePicker format="DD/MM/YYYY" allowClear={false} />
      </Form.Item>
      <Form.Item
        label={t('rp.periodTo')}
        name="to"
        dependencies={['from']}
        rules={[
          { required: true, message: t('validation.required') },
          ({ getFieldValue }) => ({ validator: async (_r, v) => { if (v && getFieldValue('from') && v < getFieldValue('from')) throw new Error(t('rp.periodInvalid')); } }),
        ]}
        {...dateProps}
      >
        <DatePicker format="DD/MM/YYYY" allowClear={false} />
      </Form.Item>
      {withGroupBy && (
        <Form.Item label={t('rp.groupBy')} name="groupBy">
          <Select style={{ minWidth: 170 }} options={GROUP_BYS.map((g) => ({ value: g, label: t(`rp.group${g[0].toUpperCase()}${g.slice(1)}`) }))} />
        </Form.Item>
      )}
      <Form.Item label={t('rp.by')} name="by">
        <Select style={{ minWidth: 170 }} options={[{ value: 'receiving', label: t('rp.byReceiving') }, { value: 'competent', label: t('rp.byCompetent') }]} />
      </Form.Item>
      {withGroupBy && (
        <Form.Item label={t('rp.rule')} name="rule">
          <Select style={{ minWidth: 200 }} options={[{ value: 'legal', label: t('rp.ruleLegal') }, { value: 'index766', label: t('rp.ruleIndex766') }]} />
        </Form.Item>
      )}
      <Form.Item>
        <Space wrap>
          <Button type="primary" htmlType="submit" data-testid="report-apply">
            {t('rp.show')}
          </Button>
          {extra}
        </Space>
      </Form.Item>
    </Form>
  );
}

/** /can-bo/bao-cao — the standard dossier statistics table (one-stop.md §9) with charts and the Excel file. */
export default function DossierReport() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('rp.title'));
  const en = i18n.language === 'en';
  const [filters, setFilters] = useReportFilters(REPORT_ROLES);
  const query = filters.unit ? { unit: filters.unit, from: filters.from, to: exclusiveEnd(filters.to), groupBy: filters.groupBy, by: filters.by, rule: filters.rule } : null;
  const r = useApi<Report>(query ? '/reports/dossiers' : null, query ?? undefined);
  const report = r.data;
  const label = (key: string) => {
    const c = report?.columns.find((x) => x.key === key);
    return c ? (en ? c.labelEn : c.labelVi) : key;
  };
  const groupName = report ? (en ? report.groupLabel.en : report.groupLabel.vi) : '';
  const d = depth(HEADER);

  const headerRows: ReactNode[][] = Array.from({ length: d }, () => []);
  const walk = (hs: Head[], level: number) => {
    for (const h of hs) {
      if (h.children) {
        headerRows[level].push(<th key={h.labelKey} scope="colgroup" colSpan={width(h)} className="num">{t(h.labelKey!)}</th>);
        walk(h.children, level + 1);
      } else {
        headerRows[level].push(<th key={h.key} scope="col" rowSpan={d - level} className="num">{label(h.key!)}</th>);
      }
    }
  };
  walk(HEADER, 0);

  const cells = (c: Counts) =>
    LEAVES.map((k) => <td key={k} className="num">{k === 'ontimePct' ? c.ontimePctText : (c as any)[k]}</td>);

  const broken = report ? [...report.rows.filter((x) => !x.invariant.holds).map((x) => ({ name: x.group.name, ...x.invariant })), ...(report.total.invariant.holds ? [] : [{ name: t('rp.total'), ...report.total.invariant }])] : [];

  return (
    <>
      <div className="page-head">
        <h1>{t('rp.title')}</h1>
        <Link to={`/can-bo/so-theo-doi?${new URLSearchParams({ unit: filters.unit, from: filters.from, to: filters.to, by: filters.by })}`}>{t('rp.registerLink')}</Link>
      </div>
      <p className="muted">{t('rp.intro')}</p>
      <ReportFilters
        filters={filters}
        onApply={setFilters}
        withGroupBy
        extra={
          query && (
            <a className="ant-btn ant-btn-default ant-btn-outlined" href={buildUrl('/reports/dossiers.xlsx', query)} download data-testid="report-excel">
              {t('rp.excel')}
            </a>
          )
        }
      />
      {!filters.unit && <Alert type="warning" showIcon title={t('rp.noUnit')} />}
      {r.error && <ErrorBox error={r.error} onRetry={r.reload} />}
      {r.loading && <Loading />}
      {report && !r.loading && (
        <section aria-labelledby="report-heading">
          <h2 id="report-heading" style={{ fontSize: 18 }}>
            {report.unit.name} — {en ? report.period.labelEn : report.period.labelVi}
          </h2>
          <p className="muted" aria-live="polite">
            {en ? report.ruleDescription.en : report.ruleDescription.vi} · {t('rp.asOf', { at: formatDateTime(report.asOf, i18n.language) })}
          </p>
          {broken.map((b) => (
            <Alert key={b.name} type="error" showIcon title={t('rp.invariantBroken', b)} style={{ marginBottom: 8 }} />
          ))}
          <ScrollRegion label={t('rp.tableLabel')}>
            <table className="data-table report-table" data-testid="report-table">
              <thead>
                {headerRows.map((row, i) => (
                  <tr key={i}>
                    {i === 0 && (
                      <>
                        <th scope="col" rowSpan={d} className="num">{t('rp.stt')}</th>
                        <th scope="col" rowSpan={d}>{groupName}</th>
                      </>
                    )}
                    {row}
                  </tr>
                ))}
                <tr>
                  {['(1)', '(2)', ...LEAVES.map((_k, i) => `(${i + 3})`)].map((n) => (
                    <td key={n} className="num muted">{n}</td>
                  ))}
                </tr>
              </thead>
              <tbody>
                {report.rows.map((row) => (
                  <tr key={row.group.id ?? row.group.name}>
                    <td className="num">{row.stt}</td>
                    <th scope="row">{row.group.name}</th>
                    {cells(row)}
                  </tr>
                ))}
                <tr className="report-total" data-testid="report-total" style={{ fontWeight: 600 }}>
                  <td />
                  <th scope="row">{t('rp.total')}</th>
                  {cells(report.total)}
                </tr>
              </tbody>
            </table>
          </ScrollRegion>
          <p style={{ marginTop: 8 }}>
            <strong>{t('rp.formula')}:</strong> {en ? report.formula.formula : report.formula.formulaVi}
          </p>
          {report.notes.length > 0 && (
            <details>
              <summary>{t('rp.notes')}</summary>
              <ul>
                {report.notes.map((n, i) => (
                  <li key={i}>{en ? n.en : n.vi}</li>
                ))}
              </ul>
            </details>
          )}
          <h2 style={{ fontSize: 18, marginTop: 24 }}>{t('rp.chartTitle', { group: groupName.toLowerCase() })}</h2>
          <Suspense fallback={<Loading />}>
            <ReportChart rows={report.rows} label={t('rp.chartLabel', { group: groupName.toLowerCase() })} />
          </Suspense>
        </section>
      )}
    </>
  );
}
