import { useMemo } from 'react';
import { Card, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { Unit } from '../../api';
import { ErrorBox } from '../../components/ErrorBox';
import { Loading } from '../../components/Status';
import { STAFF_MENU } from '../../layouts/staffMenu';
import { useMenuCounts } from '../../layouts/menuCounts';
import { useApi } from '../../lib/useApi';
import { usePageTitle } from '../../lib/usePageTitle';
import { hasRole, useSession } from '../../session';

/** /can-bo — the staff home: who you are, where your roles apply, and where you can go. */
export default function StaffHome() {
  const { t } = useTranslation();
  usePageTitle(t('staffHome.title'));
  const { user } = useSession();
  const units = useApi<Unit[]>('/units', { all: true });
  const unitById = useMemo(() => new Map((units.data ?? []).map((u) => [u.id, u])), [units.data]);
  const visible = useMemo(() => STAFF_MENU.filter((e) => e.key !== 'home' && (!e.roles || hasRole(user, ...e.roles))), [user]);
  const counts = useMenuCounts(visible);
  if (!user) return null;
  const queues = visible.filter((e) => e.group === 'queues');
  const links = visible.filter((e) => e.group !== 'queues');

  return (
    <>
      <div className="page-head">
        <h1>{t('staffHome.greeting', { name: user.fullName })}</h1>
      </div>
      {queues.length > 0 && (
        <section aria-labelledby="queues-title" style={{ marginBottom: 20 }}>
          <h2 id="queues-title" className="section-title">
            {t('staffHome.queues')}
          </h2>
          <ul className="queue-grid" data-testid="queue-cards">
            {queues.map((e) => (
              <li key={e.key}>
                <Link to={e.path} className={e.countKey === 'overdue' && (counts.overdue ?? 0) > 0 ? 'urgent' : undefined}>
                  <span className="queue-count">{e.countKey && counts[e.countKey] !== undefined ? counts[e.countKey] : '–'}</span>
                  <span>{t(e.labelKey)}</span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      <div className="grid-cards" style={{ gridTemplateColumns: 'repeat(auto-fill, minmax(320px, 1fr))' }}>
        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('staffHome.roles')}</h2>}>
          {units.error && <ErrorBox error={units.error} onRetry={units.reload} />}
          {units.loading && !units.data ? (
            <Loading />
          ) : (
            <ul className="role-list" data-testid="role-list">
              {user.roles.map((g, i) => {
                const unit = g.unitId ? unitById.get(g.unitId) : undefined;
                return (
                  <li key={i}>
                    <Tag color="blue">{t(`roles.${g.role}`, { defaultValue: g.role })}</Tag>{' '}
                    <span>{unit ? unit.name : g.unitId ? g.unitId : t('staffHome.allUnits')}</span>
                    {unit && <span className="muted"> ({unit.code})</span>}
                  </li>
                );
              })}
            </ul>
          )}
          <p className="muted" style={{ marginTop: 12, marginBottom: 0 }}>
            {t('staffHome.scopeNote')}
          </p>
        </Card>
        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('staffHome.links')}</h2>}>
          <ul className="role-list" data-testid="staff-links">
            {links.map((e) => (
              <li key={e.key}>
                <Link to={e.path}>
                  {e.icon} {t(e.labelKey)}
                </Link>
                <div className="muted" style={{ fontSize: 13 }}>
                  {t(`staffHome.describe.${e.key}`, { defaultValue: '' })}
                </div>
              </li>
            ))}
          </ul>
        </Card>
      </div>
    </>
  );
}
