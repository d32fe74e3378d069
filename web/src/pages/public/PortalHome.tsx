import { useState } from 'react';
import { Input } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../lib/useApi';
import { usePageTitle } from '../../lib/usePageTitle';
import { useProvince } from '../../lib/province';
import { type FieldCount, type ProcedurePage, ProcedureList } from './procedures';

/** / — the portal's home: search the catalogue, track a dossier, browse by field. */
export default function PortalHome() {
  const { t } = useTranslation();
  usePageTitle(null);
  const navigate = useNavigate();
  const province = useProvince();
  const [q, setQ] = useState('');
  const fields = useApi<FieldCount[]>('/procedure-fields');
  const latest = useApi<ProcedurePage>('/procedures', { pageSize: 6 });

  return (
    <>
      <section className="hero" aria-labelledby="hero-title">
        <h1 id="hero-title">{t('home.title')}</h1>
        <p>{province ? t('home.subtitleOf', { name: province.name }) : t('home.subtitle')}</p>
        <form
          role="search"
          className="hero-search"
          onSubmit={(e) => {
            e.preventDefault();
            navigate(q.trim() ? `/thu-tuc?q=${encodeURIComponent(q.trim())}` : '/thu-tuc');
          }}
        >
          <label htmlFor="home-search" className="visually-hidden">
            {t('catalogue.searchLabel')}
          </label>
          <Input.Search
            id="home-search"
            size="large"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            placeholder={t('catalogue.searchPlaceholder')}
            enterButton={t('catalogue.search')}
            onSearch={(v) => navigate(v.trim() ? `/thu-tuc?q=${encodeURIComponent(v.trim())}` : '/thu-tuc')}
            autoComplete="off"
          />
        </form>
        <div className="hero-links">
          <Link to="/tra-cuu">{t('home.trackLink')}</Link>
          <Link to="/thu-tuc">{t('home.allProcedures')}</Link>
        </div>
      </section>

      {fields.data && fields.data.length > 0 && (
        <section aria-labelledby="fields-title" style={{ marginBottom: 28 }}>
          <h2 id="fields-title" className="section-title">
            {t('home.byField')}
          </h2>
          <ul className="field-grid">
            {fields.data
              .filter((f) => f.count > 0)
              .map((f) => (
                <li key={f.code}>
                  <Link to={`/thu-tuc?field=${encodeURIComponent(f.code)}`}>
                    <span>{f.name}</span>
                    <span className="field-count">{t('home.procedureCount', { count: f.count })}</span>
                  </Link>
                </li>
              ))}
          </ul>
        </section>
      )}

      {latest.data && latest.data.items.length > 0 && (
        <section aria-labelledby="latest-title">
          <h2 id="latest-title" className="section-title">
            {t('home.featured')}
          </h2>
          <ProcedureList items={latest.data.items} />
        </section>
      )}
    </>
  );
}
