import { Suspense, useEffect, useState } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { Emblem } from '../components/Emblem';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { Loading } from '../components/Status';
import { useProvince } from '../lib/province';
import { hasRole, isStaff, sessionStore, useSession } from '../session';

/** The citizen portal's frame: a light header, the page, a footer. Kept small (first-load budget). */
export function PublicLayout() {
  const { t } = useTranslation();
  const { user } = useSession();
  const province = useProvince();
  const location = useLocation();
  const navigate = useNavigate();
  const [menuOpen, setMenuOpen] = useState(false);

  useEffect(() => setMenuOpen(false), [location.pathname]);

  const signInHref = `/dang-nhap?next=${encodeURIComponent(location.pathname + location.search)}`;
  return (
    <div className="portal">
      <a className="skip-link" href="#main">
        {t('common.skipToContent')}
      </a>
      <header className="portal-header">
        <div className="portal-header-inner">
          <Link to="/" className="brand" aria-label={t('app.portalName')}>
            <Emblem />
            <span className="brand-text">
              <span className="brand-title">{t('app.portalName')}</span>
              <span className="brand-sub">{province?.name ?? t('app.tagline')}</span>
            </span>
          </Link>
          <div className="header-tools">
            <LanguageSwitch />
            {user ? (
              <>
                <span className="account-name" title={user.fullName}>
                  {user.fullName}
                </span>
                <button
                  type="button"
                  className="mc-btn"
                  onClick={() => void sessionStore.signOut().then(() => navigate('/'))}
                  data-testid="sign-out"
                >
                  {t('header.signOut')}
                </button>
              </>
            ) : (
              location.pathname !== '/dang-nhap' && (
                <Link className="mc-btn primary" to={signInHref} data-testid="sign-in-link">
                  {t('header.signIn')}
                </Link>
              )
            )}
            <button
              type="button"
              className="mc-btn menu-toggle"
              aria-expanded={menuOpen}
              aria-controls="portal-nav"
              onClick={() => setMenuOpen((o) => !o)}
            >
              {t('header.menu')}
            </button>
          </div>
          <nav id="portal-nav" className={`portal-nav${menuOpen ? ' open' : ''}`} aria-label={t('header.mainNav')}>
            <NavLink to="/" end>
              {t('nav.home')}
            </NavLink>
            <NavLink to="/thu-tuc">{t('nav.catalogue')}</NavLink>
            <NavLink to="/tra-cuu">{t('nav.track')}</NavLink>
            <NavLink to="/phan-anh">{t('nav.feedback')}</NavLink>
            <NavLink to="/lich-tiep-cong-dan">{t('nav.receptionSchedule')}</NavLink>
            {user && hasRole(user, 'citizen') && <NavLink to="/ca-nhan/ho-so">{t('nav.myDossiers')}</NavLink>}
            {user && hasRole(user, 'citizen') && <NavLink to="/ca-nhan/don-thu">{t('nav.myLetters')}</NavLink>}
            {user && isStaff(user) && <NavLink to="/can-bo">{t('nav.staffArea')}</NavLink>}
            {!user && <NavLink to="/dang-ky">{t('nav.register')}</NavLink>}
          </nav>
        </div>
      </header>
      <main id="main" className="portal-main" tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
      <footer className="portal-footer">
        <div className="portal-footer-inner">
          <div>
            <strong>{province?.name ?? t('app.portalName')}</strong>
            {province?.address && <div>{province.address}</div>}
          </div>
          <div>{t('footer.software')}</div>
        </div>
      </footer>
    </div>
  );
}
