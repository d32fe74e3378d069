import { useState } from 'react';
import { Button, Input, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorBox } from '../../components/ErrorBox';
import { Loading } from '../../components/Status';
import { useApi } from '../../lib/useApi';
import { usePageTitle } from '../../lib/usePageTitle';
import { SimpleTable } from './common';
import { useMyUnits } from './Letters';

interface Ratio {
  numerator: number;
  denominator: number;
  percent: number | null;
}
interface Report {
  from: string;
  to: string;
  conventions: { visits: string };
  lines: { key: string; labelVi: string; labelEn: string; value: number; ratio?: Ratio; definitionVi: string; definitionEn: string }[];
  overdueByUnit: { unitId: string; unitName: string; count: number }[];
  previous?: Report;
}

/** /can-bo/don-thu/bao-cao — the figures of the seed articles, with numerators and denominators. */
export default function LettersReport() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('lt.reportTitle'));
  const year = new Date().getFullYear();
  const units = useMyUnits(['reception_officer', 'leader', 'inspector', 'supervisor']);
  const [unit, setUnit] = useState('');
  const [from, setFrom] = useState(`${year}-01-01`);
  const [to, setTo] = useState(`${year}-12-31`);
  const [query, setQuery] = useState({ unit: '', from: `${year}-01-01`, to: `${year}-12-31` });
  const r = useApi<Report>('/reports/letters', { ...query, compare: true });
  const en = i18n.language.startsWith('en');
  const qs = new URLSearchParams(Object.entries(query).filter(([, v]) => v) as [string, string][]).toString();
  return (
    <>
      <h1>{t('lt.reportTitle')}</h1>
      <form
        className="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          setQuery({ unit, from, to });
        }}
      >
        <Select aria-label={t('lt.unit')} value={unit} onChange={setUnit} style={{ minWidth: 260 }} options={[{ value: '', label: t('lt.all') }, ...units.map((u) => ({ value: u.id, label: u.name }))]} />
        <label htmlFor="lt-r-from">{t('lt.from')}</label>
        <Input id="lt-r-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} style={{ width: 160 }} />
        <label htmlFor="lt-r-to">{t('lt.to')}</label>
        <Input id="lt-r-to" type="date" value={to} onChange={(e) => setTo(e.target.value)} style={{ width: 160 }} />
        <Button htmlType="submit" type="primary">
          {t('lt.run')}
        </Button>
      </form>
      {r.error && <ErrorBox error={r.error} onRetry={r.reload} />}
      {r.loading && <Loading />}
      {r.data && (
        <>
          <Space style={{ margin: '8px 0' }}>
            <a href={`/api/v1/reports/letters.xlsx?${qs}&compare=true`} data-testid="lt-report-xlsx">{t('lt.excel')}</a>
          </Space>
          <SimpleTable
            testId="lt-report"
            rows={r.data.lines.map((l) => ({ ...l, id: l.key, previous: r.data?.previous?.lines.find((p) => p.key === l.key) }))}
            columns={[
              { title: t('lt.figure'), dataIndex: 'labelVi', render: (_: string, l: any) => <span title={en ? l.definitionEn : l.definitionVi}>{en ? l.labelEn : l.labelVi}</span> },
              { title: t('lt.value'), dataIndex: 'value', render: (v: number, l: any) => <span data-testid={`lt-fig-${l.key}`}>{v}</span> },
              { title: t('lt.numerator'), dataIndex: 'ratio', render: (x?: Ratio) => x?.numerator ?? '' },
              { title: t('lt.denominator'), dataIndex: 'ratio', key: 'den', render: (x?: Ratio) => x?.denominator ?? '' },
              { title: t('lt.rate'), dataIndex: 'ratio', key: 'pct', render: (x?: Ratio, l?: any) => (x?.percent !== undefined && x?.percent !== null ? <span data-testid={`lt-pct-${l.key}`}>{`${String(x.percent).replace('.', en ? '.' : ',')}%`}</span> : '') },
              { title: `${r.data.previous?.from ?? ''} – ${r.data.previous?.to ?? ''}`, dataIndex: 'previous', render: (p: any) => (p ? (p.ratio?.percent ?? p.value) : '') },
            ]}
          />
          <p>
            {t('lt.convention')}: {r.data.conventions.visits}
          </p>
          <section className="card" aria-labelledby="lt-overdue-h" style={{ marginTop: 20 }}>
            <h2 id="lt-overdue-h" style={{ marginTop: 0, fontSize: 18 }}>
              {t('lt.overdueByUnit')}
            </h2>
            {r.data.overdueByUnit.length === 0 ? (
              <p>{t('lt.none')}</p>
            ) : (
              <SimpleTable
                rows={r.data.overdueByUnit.map((o) => ({ ...o, id: o.unitId }))}
                columns={[
                  { title: t('lt.unit'), dataIndex: 'unitName' },
                  { title: t('lt.value'), dataIndex: 'count' },
                ]}
              />
            )}
          </section>
        </>
      )}
    </>
  );
}
