import { i18nReady } from './i18n';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router-dom';
import { setUnauthorizedHandler } from './api';
import { Providers } from './Providers';
import { router } from './router';
import { sessionStore } from './session';

// A 401 from any API call: the session has expired (or was never there). Go to the sign-in page
// and come back to this page afterwards; form drafts are kept in sessionStorage meanwhile.
setUnauthorizedHandler(() => {
  const { pathname, search } = window.location;
  if (pathname === '/dang-nhap') return;
  sessionStore.expire();
  const next = encodeURIComponent(pathname + search);
  void router.navigate(`/dang-nhap?next=${next}${sessionStore.get().expired ? '&expired=1' : ''}`, { replace: true });
});

void sessionStore.load();

void i18nReady.then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <Providers>
        <RouterProvider router={router} />
      </Providers>
    </StrictMode>,
  ),
);
