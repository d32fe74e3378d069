import { Suspense, useEffect, useMemo, useState } from 'react';
import { Button, Drawer, Grid, Layout, Menu, type MenuProps } from 'antd';
import { MenuOutlined } from '@ant-design/icons';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { Loading } from '../components/Status';
import { hasRole, sessionStore, useSession } from '../session';
import { activeEntry, STAFF_MENU, type StaffMenuEntry } from './staffMenu';
import { useMenuCounts } from './menuCounts';

/** The staff frame: side menu (a drawer on phones), header with language and account. */
export default function StaffLayout() {
  const { t } = useTranslation();
  const { user } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const mobile = screens.lg === false;
  const [drawerOpen, setDrawerOpen] = useState(false);
  useEffect(() => setDrawerOpen(false), [location.pathname]);

  const entries = useMemo(() => STAFF_MENU.filter((e) => !e.roles || hasRole(user, ...e.roles)), [user]);
  const counts = useMenuCounts(entries);
  const active = activeEntry(location.pathname, location.search, entries);

  const items: MenuProps['items'] = useMemo(() => {
    const item = (e: StaffMenuEntry) => {
      const n = e.countKey ? counts[e.countKey] : undefined;
      return {
        key: e.key,
        icon: e.icon,
        label: (
          <Link to={e.path}>
            {t(e.labelKey)}
            {n !== undefined && (
              <span className={`menu-count${n > 0 && (e.countKey === 'overdue' || e.countKey === 'due_soon') ? ' urgent' : ''}`} data-testid={`count-${e.countKey}`}>
                <span className="visually-hidden">: </span>
                {n > 999 ? '999+' : n}
              </span>
            )}
          </Link>
        ),
      };
    };
    const groups: { key: string; labelKey: string; list: StaffMenuEntry[] }[] = [
      { key: 'work', labelKey: 'staffMenu.groupWork', list: entries.filter((e) => e.group === 'work') },
      { key: 'queues', labelKey: 'staffMenu.groupQueues', list: entries.filter((e) => e.group === 'queues') },
      { key: 'letters', labelKey: 'staffMenu.groupLetters', list: entries.filter((e) => e.group === 'letters') },
      { key: 'reports', labelKey: 'staffMenu.groupReports', list: entries.filter((e) => e.group === 'reports') },
      { key: 'admin', labelKey: 'staffMenu.groupAdmin', list: entries.filter((e) => e.group === 'admin') },
      { key: 'other', labelKey: 'staffMenu.groupOther', list: entries.filter((e) => e.group === 'other' || !e.group) },
    ];
    return groups
      .filter((g) => g.list.length)
      .map((g) => ({ type: 'group' as const, key: g.key, label: t(g.labelKey), children: g.list.map(item) }));
  }, [entries, counts, t]);

  const menu = <Menu mode="inline" items={items} selectedKeys={active ? [active.key] : []} />;

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="skip-link" href="#main">
        {t('common.skipToContent')}
      </a>
      {!mobile && (
        <Layout.Sider width={240} className="staff-sider" theme="light">
          <div style={{ padding: '14px 20px', borderBottom: '1px solid #d9dde3' }}>
            <Link to="/can-bo" className="staff-brand">
              {t('app.staffName')}
            </Link>
          </div>
          <nav aria-label={t('staffMenu.label')}>{menu}</nav>
        </Layout.Sider>
      )}
      <Layout>
        <Layout.Header className="staff-header">
          {mobile && (
            <>
              <Button icon={<MenuOutlined />} aria-label={t('header.menu')} aria-expanded={drawerOpen} onClick={() => setDrawerOpen(true)} />
              <Link to="/can-bo" className="staff-brand">
                {t('app.staffName')}
              </Link>
            </>
          )}
          <span style={{ flex: 1 }} />
          <LanguageSwitch />
          {user && (
            <span className="account-name" title={user.fullName} data-testid="staff-user">
              {user.fullName}
            </span>
          )}
          <Button
            onClick={() => {
              void sessionStore.signOut().then(() => navigate('/dang-nhap'));
            }}
            data-testid="sign-out"
          >
            {t('header.signOut')}
          </Button>
        </Layout.Header>
        <Layout.Content id="main" className="staff-content" tabIndex={-1}>
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
      {mobile && (
        <Drawer placement="left" open={drawerOpen} onClose={() => setDrawerOpen(false)} title={t('app.staffName')} size={280}>
          <nav aria-label={t('staffMenu.label')}>{menu}</nav>
        </Drawer>
      )}
    </Layout>
  );
}
