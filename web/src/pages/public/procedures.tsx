import { Tag } from 'antd';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../../lib/format';

/** Processing time as the API words it (both languages). */
export interface ProcessingTime {
  amount: number;
  unit: string;
  text: string;
  textEn: string;
}

/** A procedure in the public catalogue list (GET /procedures). */
export interface ProcedureSummary {
  id: string;
  nationalCode: string;
  portalCode: string | null;
  name: string;
  field: { code: string; name: string } | null;
  level: string;
  onlineLevel: string;
  postal: string;
  processingTime: ProcessingTime | null;
  feeTotal: number | null;
  cases: number;
  units: { id: string; code: string; name: string; role: string }[];
  match: string | null;
}

export interface ProcedurePage {
  items: ProcedureSummary[];
  total: number;
  page: number;
  pageSize: number;
}

export interface FieldCount {
  id: string;
  code: string;
  name: string;
  count: number;
}

export function timeText(p: ProcessingTime | null | undefined, lang: string): string {
  if (!p) return '';
  return lang === 'en' ? p.textEn : p.text;
}

export function ProcedureList({ items }: { items: ProcedureSummary[] }) {
  const { t, i18n } = useTranslation();
  return (
    <ul className="proc-list" data-testid="procedure-list">
      {items.map((p) => {
        const receiving = p.units.filter((u) => u.role === 'receiving');
        return (
          <li key={p.id} className="proc-item">
            <h3>
              <Link to={`/thu-tuc/${p.id}`}>{p.name}</Link>
            </h3>
            <div className="proc-meta">
              <span>
                {t('catalogue.code')}: {p.nationalCode}
              </span>
              {p.field && <span>{p.field.name}</span>}
              <span>{t(`levels.${p.level}`, { defaultValue: p.level })}</span>
              {p.processingTime && (
                <span>
                  {t('catalogue.time')}: {timeText(p.processingTime, i18n.language)}
                </span>
              )}
              {p.feeTotal !== null && <span>{p.feeTotal > 0 ? `${t('catalogue.fee')}: ${formatMoney(p.feeTotal)}` : t('sheet.noFee')}</span>}
              {p.onlineLevel !== 'none' && <Tag color={p.onlineLevel === 'full' ? 'green' : 'blue'}>{t(`online.${p.onlineLevel}`)}</Tag>}
            </div>
            {receiving.length > 0 && (
              <div className="proc-meta" style={{ marginTop: 4 }}>
                <span>
                  {t('catalogue.submitAt')}: {receiving.length > 2 ? t('catalogue.unitsCount', { count: receiving.length }) : receiving.map((u) => u.name).join('; ')}
                </span>
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
