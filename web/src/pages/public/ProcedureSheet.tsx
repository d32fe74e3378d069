import { Alert, Button, Tag } from 'antd';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ErrorBox } from '../../components/ErrorBox';
import { ScrollRegion } from '../../components/ScrollRegion';
import { Loading } from '../../components/Status';
import { formatDate, formatMoney } from '../../lib/format';
import { useApi } from '../../lib/useApi';
import { usePageTitle } from '../../lib/usePageTitle';
import { type ProcessingTime, timeText } from './procedures';
import '../citizen/i18n';

interface Component {
  code: string;
  name: string;
  originals: number;
  certifiedCopies: number;
  copies: number;
  required: boolean;
  template?: string | null;
  fromPopulationDb?: boolean;
  note?: string | null;
}

interface Fee {
  code?: string | null;
  name: string;
  amount: number;
  kind: string;
  unit?: string | null;
  note?: string | null;
  exemptions?: string | null;
}

interface Step {
  code: string;
  name: string;
  role: string;
  unit: string;
  budgetHours: number;
  clock?: string;
  parallelGroup?: string | null;
}

interface Variant {
  id: string;
  code: string;
  name: string;
  processingTime: ProcessingTime | null;
  onlineProcessingAmount: number | null;
  setsCount: number;
  components: Component[];
  fees: Fee[];
  process: { steps: Step[] };
  legalBasis: string;
  effectiveFrom: string;
}

interface SheetUnit {
  id: string;
  code: string;
  name: string;
  shortName?: string | null;
  address?: string | null;
  phone?: string | null;
}

/** GET /procedures/:ref — the published sheet of one procedure. */
export interface ProcedureSheetData {
  id: string;
  nationalCode: string;
  portalCode: string | null;
  name: string;
  field: { code: string; name: string } | null;
  level: string;
  onlineLevel: string;
  onlineReason: string | null;
  postal: string;
  cutoffTime: string | null;
  resultDocuments: string | null;
  stepsText: string | null;
  methodText: string | null;
  requirementsText: string | null;
  legalBasis: string;
  publicationDecision: string | null;
  units: { receiving: SheetUnit[]; competent: SheetUnit[]; cooperating: SheetUnit[] };
  variants: Variant[];
  upcomingVariants: Variant[];
}

/** /thu-tuc/:id — a procedure's sheet: what to bring, how long, how much, where, on what legal basis. */
export default function ProcedureSheet() {
  const { id } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const sheet = useApi<ProcedureSheetData>(`/procedures/${encodeURIComponent(id ?? '')}`);
  const navigate = useNavigate();
  usePageTitle(sheet.data?.name ?? t('sheet.title'));
  if (sheet.loading && !sheet.data) return <Loading />;
  if (sheet.error) {
    if (sheet.error.status === 404 || sheet.error.status === 400)
      return <Alert type="warning" showIcon role="alert" title={t('sheet.notFound')} description={<Link to="/thu-tuc">{t('sheet.back')}</Link>} />;
    return <ErrorBox error={sheet.error} onRetry={sheet.reload} />;
  }
  const p = sheet.data!;
  const where = p.units.receiving;
  const deciding = p.units.competent;
  const cooperating = p.units.cooperating;

  return (
    <article className="sheet" aria-labelledby="sheet-title">
      <p style={{ marginTop: 0 }}>
        <Link to="/thu-tuc">← {t('sheet.back')}</Link>
      </p>
      <h1 id="sheet-title" className="page-title">
        {p.name}
      </h1>
      <div className="proc-meta" style={{ marginBottom: 12 }}>
        <span>
          {t('catalogue.code')}: {p.portalCode ?? p.nationalCode}
        </span>
        {p.field && <span>{p.field.name}</span>}
        <span>{t(`levels.${p.level}`, { defaultValue: p.level })}</span>
        <Tag color={p.onlineLevel === 'full' ? 'green' : p.onlineLevel === 'partial' ? 'blue' : 'default'}>{t(`online.${p.onlineLevel}`)}</Tag>
      </div>
      {p.onlineLevel === 'partial' && p.onlineReason && <Alert type="info" showIcon title={t('sheet.partialReason')} description={p.onlineReason} />}
      {p.onlineLevel !== 'none' && (
        <p>
          <Button type="primary" onClick={() => navigate(`/ca-nhan/nop-ho-so/${p.id}`)} data-testid="apply-online">
            {t('cz.submitOnline')}
          </Button>
        </p>
      )}

      {p.variants.map((v) => (
        <section key={v.id} aria-label={v.name}>
          {p.variants.length > 1 && <h2 className="case-title">{v.name}</h2>}
          <h2>{t('sheet.time')}</h2>
          <p data-testid="processing-time">
            {timeText(v.processingTime, lang)}
            {v.onlineProcessingAmount !== null && v.processingTime && v.onlineProcessingAmount !== v.processingTime.amount && (
              <> ({t('sheet.online', { text: timeText({ ...v.processingTime, ...onlineTime(v) }, lang) })})</>
            )}
          </p>
          <h2>{t('sheet.components')}</h2>
          <ScrollRegion label={t('sheet.components')}>
            <table className="data-table stack-table">
              <caption className="visually-hidden">{t('sheet.components')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('sheet.no')}</th>
                  <th scope="col">{t('sheet.componentName')}</th>
                  <th scope="col" className="num">
                    {t('sheet.originals')}
                  </th>
                  <th scope="col" className="num">
                    {t('sheet.certified')}
                  </th>
                  <th scope="col" className="num">
                    {t('sheet.copies')}
                  </th>
                  <th scope="col">{t('sheet.required')}</th>
                </tr>
              </thead>
              <tbody>
                {v.components.map((c, i) => (
                  <tr key={c.code}>
                    <td className="num" data-label={t('sheet.no')}>
                      {i + 1}
                    </td>
                    <td className="stack-title">
                      {c.name}
                      {c.template && <div className="muted">{t('sheet.template', { name: c.template })}</div>}
                      {c.note && <div className="muted">{c.note}</div>}
                      {c.fromPopulationDb && <div className="muted">{t('sheet.fromPopulationDb')}</div>}
                    </td>
                    <td className="num" data-label={t('sheet.originals')}>
                      {c.originals}
                    </td>
                    <td className="num" data-label={t('sheet.certified')}>
                      {c.certifiedCopies}
                    </td>
                    <td className="num" data-label={t('sheet.copies')}>
                      {c.copies}
                    </td>
                    <td data-label={t('sheet.required')}>{c.required ? t('sheet.yes') : t('sheet.optional')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
          <p>{t('sheet.sets', { count: v.setsCount })}</p>
          <h2>{t('sheet.fees')}</h2>
          {v.fees.length === 0 ? (
            <p>{t('sheet.noFee')}</p>
          ) : (
            <ul>
              {v.fees.map((fee, i) => (
                <li key={i}>
                  {fee.name}: <strong>{fee.amount > 0 ? formatMoney(fee.amount) : t('sheet.free')}</strong>
                  {fee.unit && <span> / {fee.unit}</span>}
                  {fee.note && <span className="muted"> — {fee.note}</span>}
                  {fee.exemptions && <div className="muted">{fee.exemptions}</div>}
                </li>
              ))}
            </ul>
          )}
          {v.process.steps.length > 0 && (
            <>
              <h2>{t('sheet.process')}</h2>
              <ScrollRegion label={t('sheet.process')}>
                <table className="data-table stack-table">
                  <caption className="visually-hidden">{t('sheet.process')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('sheet.step')}</th>
                      <th scope="col">{t('sheet.stepName')}</th>
                      <th scope="col">{t('sheet.stepBy')}</th>
                      <th scope="col">{t('sheet.stepBudget')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {v.process.steps.map((st, i) => (
                      <tr key={st.code}>
                        <td className="num" data-label={t('sheet.step')}>
                          {i + 1}
                        </td>
                        <td className="stack-title">{st.name}</td>
                        <td data-label={t('sheet.stepBy')}>{t(`roles.${st.role}`, { defaultValue: st.role })}</td>
                        <td data-label={t('sheet.stepBudget')}>{st.budgetHours > 0 ? t('sheet.hours', { n: st.budgetHours }) : '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollRegion>
            </>
          )}
        </section>
      ))}
      {p.upcomingVariants.length > 0 && (
        <p className="muted">
          {p.upcomingVariants.map((v) => t('sheet.upcoming', { date: formatDate(v.effectiveFrom) }) + (v.name ? ` (${v.name})` : '')).join('; ')}
        </p>
      )}

      <h2>{t('sheet.where')}</h2>
      {where.length === 0 ? (
        <p className="muted">{t('sheet.noUnits')}</p>
      ) : (
        <ul>
          {where.map((u) => (
            <li key={u.id}>
              <strong>{u.name}</strong>
              {u.address && <div className="muted">{u.address}</div>}
              {u.phone && <div className="muted">{t('sheet.phone', { phone: u.phone })}</div>}
            </li>
          ))}
        </ul>
      )}
      {deciding.length > 0 && (
        <p>
          {t('sheet.deciding')}: {deciding.map((u) => u.name).join('; ')}
        </p>
      )}
      {cooperating.length > 0 && (
        <p>
          {t('sheet.cooperating')}: {cooperating.map((u) => u.name).join('; ')}
        </p>
      )}
      <p>
        {t('sheet.postal')}: {t(`postal.${p.postal}`, { defaultValue: p.postal })}
      </p>
      {p.stepsText && (
        <>
          <h2>{t('sheet.steps')}</h2>
          <div className="prewrap">{p.stepsText}</div>
        </>
      )}
      {p.methodText && (
        <>
          <h2>{t('sheet.method')}</h2>
          <div className="prewrap">{p.methodText}</div>
        </>
      )}
      {p.requirementsText && (
        <>
          <h2>{t('sheet.requirements')}</h2>
          <div className="prewrap">{p.requirementsText}</div>
        </>
      )}
      {p.resultDocuments && (
        <>
          <h2>{t('sheet.result')}</h2>
          <div className="prewrap">{p.resultDocuments}</div>
        </>
      )}
      <h2>{t('sheet.legalBasis')}</h2>
      <div className="prewrap">{p.legalBasis}</div>
      {p.publicationDecision && <p className="muted">{t('sheet.publication', { text: p.publicationDecision })}</p>}
    </article>
  );
}

/** The online time limit, worded like the counter one. */
function onlineTime(v: Variant): Partial<ProcessingTime> {
  const amount = v.onlineProcessingAmount ?? v.processingTime?.amount ?? 0;
  const base = v.processingTime;
  if (!base) return {};
  const swap = (text: string) => text.replace(/^[\d.,]+/, (m) => (m.startsWith('0') && amount < 10 ? String(amount).padStart(2, '0') : String(amount)));
  return { amount, text: swap(base.text), textEn: swap(base.textEn) };
}
