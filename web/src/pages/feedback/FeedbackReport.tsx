import { useState } from 'react';
import { Button, Input, InputNumber, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { buildUrl } from '../../api';
import { ErrorBox } from '../../components/ErrorBox';
import { Loading } from '../../components/Status';
import { useApi } from '../../lib/useApi';
import { usePageTitle } from '../../lib/usePageTitle';

interface Proportion {
  x: number;
  n: number;
  pct: number | null;
  lowPct: number | null;
  highPct: number | null;
}
interface Group {
  key: { id: string; code: string; name: string };
  received: number;
  onTime: Proportion;
  satisfaction: Proportion & { dissatisfied: number; reopened: number; late: number };
  ratedSatisfaction: Proportion;
  forwardedOutOfCompetence: number;
  inProgress: number;
}
interface Ranked {
  key: { name: string };
  rank: number;
  x: number;
  n: number;
  pct: number;
  lowPct: number;
  highPct: number;
}
interface Report {
  period: { from: string; to: string; evaluatedAt: string };
  method: { vi: string; en: string };
  total: Group;
  groups: Group[];
  rankings: { minSample: number; onTime: { ranked: Ranked[]; insufficientSample: { key: { name: string }; n: number }[] }; satisfaction: { ranked: Ranked[]; insufficientSample: { key: { name: string }; n: number }[] } };
}

const today = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

/** A rate with its numerator/denominator and the Wilson 95% interval as a bar. */
function Rate({ p, na }: { p: Proportion; na: string }) {
  if (p.pct === null) return <span className="muted">{na}</span>;
  return (
    <span style={{ display: 'inline-flex', flexDirection: 'column', minWidth: 120 }}>
      <span>
        <strong>{p.pct}%</strong> ({p.x}/{p.n})
      </span>
      <svg width="120" height="10" role="img" aria-label={`${p.lowPct}% – ${p.highPct}%`}>
        <rect x="0" y="3" width="120" height="4" fill="#e6ebf2" />
        <rect x={(p.lowPct! / 100) * 120} y="1" width={Math.max(2, ((p.highPct! - p.lowPct!) / 100) * 120)} height="8" fill="#5b7fb8" />
        <rect x={(p.pct / 100) * 120 - 1} y="0" width="2" height="10" fill="#1f2a44" />
      </svg>
      <span className="muted" style={{ fontSize: 12 }}>
        {p.lowPct}% – {p.highPct}%
      </span>
    </span>
  );
}

/** /can-bo/phan-anh/bao-cao — received, on time and satisfaction by unit or category; rankings with a minimum sample. */
export default function FeedbackReport() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('fb.reportTitle'));
  const [from, setFrom] = useState(`${today().slice(0, 4)}-01-01`);
  const [to, setTo] = useState(today());
  const [groupBy, setGroupBy] = useState<'unit' | 'category'>('unit');
  const [minSample, setMinSample] = useState<number | null>(null);
  const [query, setQuery] = useState<Record<string, string | number | undefined>>({ from, to, groupBy });
  const r = useApi<Report>('/reports/feedback', query);
  const na = t('fb.na');
  const lang = i18n.language;
  const row = (g: Group, total = false) => (
    <tr key={g.key.id} style={total ? { fontWeight: 600 } : undefined}>
      <th scope="row">{total ? t('fb.grandTotal') : g.key.name}</th>
      <td className="num">{g.received}</td>
      <td>
        <Rate p={g.onTime} na={na} />
      </td>
      <td>
        <Rate p={g.satisfaction} na={na} />
      </td>
      <td>
        <Rate p={g.ratedSatisfaction} na={na} />
      </td>
    </tr>
  );
  return (
    <>
      <div className="page-head">
        <h1>{t('fb.reportTitle')}</h1>
      </div>
      <form
        className="toolbar card"
        onSubmit={(e) => {
          e.preventDefault();
          setQuery({ from, to, groupBy, minSample: minSample ?? undefined });
        }}
      >
        <Space wrap align="end">
          <div>
            <label htmlFor="fb-r-from" style={{ display: 'block' }}>
              {t('fb.from')}
            </label>
            <Input id="fb-r-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
          </div>
          <div>
            <label htmlFor="fb-r-to" style={{ display: 'block' }}>
              {t('fb.to')}
            </label>
            <Input id="fb-r-to" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
          </div>
          <div>
            <span id="fb-r-group" style={{ display: 'block' }}>
              {t('fb.groupBy')}
            </span>
            <Select aria-labelledby="fb-r-group" value={groupBy} onChange={setGroupBy} style={{ minWidth: 140 }} options={[{ value: 'unit', label: t('fb.byUnit') }, { value: 'category', label: t('fb.byCategory') }]} />
          </div>
          <div>
            <label htmlFor="fb-r-min" style={{ display: 'block' }}>
              {t('fb.minSample')}
            </label>
            <InputNumber id="fb-r-min" min={1} max={100000} value={minSample} onChange={(v) => setMinSample(typeof v === 'number' ? v : null)} placeholder="20" />
          </div>
          <Button type="primary" htmlType="submit">
            {t('fb.run')}
          </Button>
          <a className="mc-btn" href={buildUrl('/reports/feedback', { ...query, format: 'xlsx' })} data-testid="fb-report-excel">
            {t('fb.excel')}
          </a>
        </Space>
      </form>
      {r.error && <ErrorBox error={r.error} onRetry={r.reload} />}
      {r.loading && <Loading />}
      {r.data && !r.loading && (
        <>
          <p className="muted" style={{ marginTop: 12 }}>
            {lang.startsWith('en') ? r.data.method.en : r.data.method.vi}
          </p>
          <div className="table-scroll">
            <table className="data-table" data-testid="fb-report-table">
              <caption className="visually-hidden">{t('fb.reportTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{groupBy === 'unit' ? t('fb.byUnit') : t('fb.byCategory')}</th>
                  <th scope="col" className="num">
                    {t('fb.rReceived')}
                  </th>
                  <th scope="col">{t('fb.rOnTime')}</th>
                  <th scope="col">{t('fb.rSatisfied')}</th>
                  <th scope="col">{t('fb.rRated')}</th>
                </tr>
              </thead>
              <tbody>
                {r.data.groups.map((g) => row(g))}
                {row(r.data.total, true)}
              </tbody>
            </table>
          </div>
          {(
            [
              [t('fb.ranking'), r.data.rankings.onTime],
              [t('fb.rankingSat'), r.data.rankings.satisfaction],
            ] as const
          ).map(([title, table]) => (
            <section key={title} style={{ marginTop: 24 }}>
              <h2 style={{ fontSize: 18 }}>
                {title} (n ≥ {r.data!.rankings.minSample})
              </h2>
              <ol>
                {table.ranked.map((x) => (
                  <li key={x.key.name} value={x.rank}>
                    {x.key.name}: <strong>{x.pct}%</strong> ({x.x}/{x.n}; {t('fb.interval')} {x.lowPct}% – {x.highPct}%)
                  </li>
                ))}
              </ol>
              {table.insufficientSample.length > 0 && (
                <p className="muted">
                  {t('fb.insufficient')}: {table.insufficientSample.map((x) => `${x.key.name} (n = ${x.n})`).join('; ')}
                </p>
              )}
            </section>
          ))}
        </>
      )}
    </>
  );
}
