import { lazy, Suspense, type ComponentType, type LazyExoticComponent, type ReactElement } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router-dom';
import { PublicLayout } from './layouts/PublicLayout';
import { Loading, NotFound } from './components/Status';
import { RequireUser } from './components/RequireUser';
import { DOSSIER_ROLES } from './session';

/**
 * All pages are lazily loaded: the citizen portal's first load carries only the portal frame and
 * the page asked for; staff pages, tables, forms and charts come in their own chunks.
 * To add a page: create it under pages/, add a `page(() => import(...))` line and a route below,
 * and (staff) a menu entry in layouts/staffMenu.ts. See docs/web.md.
 */
function page(load: () => Promise<{ default: ComponentType }>): LazyExoticComponent<ComponentType> {
  return lazy(load);
}

const PortalHome = page(() => import('./pages/public/PortalHome'));
const Catalogue = page(() => import('./pages/public/Catalogue'));
const ProcedureSheet = page(() => import('./pages/public/ProcedureSheet'));
const Track = page(() => import('./pages/public/Track'));
const SignIn = page(() => import('./pages/public/SignIn'));
const Register = page(() => import('./pages/public/Register'));

const StaffLayout = page(() => import('./layouts/StaffLayout'));
const StaffHome = page(() => import('./pages/staff/StaffHome'));
const Units = page(() => import('./pages/admin/Units'));
const UnitForm = page(() => import('./pages/admin/UnitForm'));
const Users = page(() => import('./pages/admin/Users'));
const UserCreate = page(() => import('./pages/admin/UserCreate'));
const UserEdit = page(() => import('./pages/admin/UserEdit'));
const HolidayCalendar = page(() => import('./pages/admin/HolidayCalendar'));
const MyDossiers = page(() => import('./pages/citizen/MyDossiers'));
const MyDossier = page(() => import('./pages/citizen/MyDossier'));
const DossierQueue = page(() => import('./pages/dossiers/DossierQueue'));
const DossierDetail = page(() => import('./pages/dossiers/DossierDetail'));
const FeedbackPublicList = page(() => import('./pages/feedback/FeedbackPublic'));
const FeedbackPublicItem = page(() => import('./pages/feedback/FeedbackPublic').then((m) => ({ default: m.FeedbackPublicItem })));
const FeedbackSubmit = page(() => import('./pages/feedback/FeedbackSubmit'));
const FeedbackTrack = page(() => import('./pages/feedback/FeedbackTrack'));
const MyFeedback = page(() => import('./pages/feedback/FeedbackTrack').then((m) => ({ default: m.MyFeedback })));
const FeedbackInbox = page(() => import('./pages/feedback/FeedbackStaff'));
const FeedbackHandle = page(() => import('./pages/feedback/FeedbackStaff').then((m) => ({ default: m.FeedbackHandle })));
const FeedbackReport = page(() => import('./pages/feedback/FeedbackReport'));

const admin = (el: ReactElement) => <RequireUser roles={['admin']}>{el}</RequireUser>;

export const routes: RouteObject[] = [
  {
    element: <PublicLayout />,
    children: [
      { index: true, element: <PortalHome /> },
      { path: 'thu-tuc', element: <Catalogue /> },
      { path: 'thu-tuc/:id', element: <ProcedureSheet /> },
      { path: 'tra-cuu', element: <Track /> },
      { path: 'tra-cuu/:code', element: <Track /> },
      { path: 'dang-nhap', element: <SignIn /> },
      { path: 'dang-ky', element: <Register /> },
      { path: 'ca-nhan/ho-so', element: <RequireUser roles={['citizen']}><MyDossiers /></RequireUser> },
      { path: 'ca-nhan/ho-so/:id', element: <RequireUser roles={['citizen']}><MyDossier /></RequireUser> },
      { path: 'phan-anh', element: <FeedbackPublicList /> },
      { path: 'phan-anh/gui', element: <FeedbackSubmit /> },
      { path: 'phan-anh/theo-doi', element: <FeedbackTrack /> },
      { path: 'phan-anh/cua-toi', element: <RequireUser><MyFeedback /></RequireUser> },
      { path: 'phan-anh/cua-toi/:id', element: <RequireUser><MyFeedback /></RequireUser> },
      { path: 'phan-anh/:code', element: <FeedbackPublicItem /> },
      { path: '*', element: <NotFound /> },
    ],
  },
  {
    element: (
      <RequireUser staff>
        <Suspense fallback={<Loading />}>
          <StaffLayout />
        </Suspense>
      </RequireUser>
    ),
    children: [
      { path: 'can-bo', element: <StaffHome /> },
      { path: 'quan-tri/don-vi', element: admin(<Units />) },
      { path: 'quan-tri/don-vi/moi', element: admin(<UnitForm />) },
      { path: 'quan-tri/don-vi/:id', element: admin(<UnitForm />) },
      { path: 'quan-tri/nguoi-dung', element: admin(<Users />) },
      { path: 'quan-tri/nguoi-dung/moi', element: admin(<UserCreate />) },
      { path: 'quan-tri/nguoi-dung/:id', element: admin(<UserEdit />) },
      { path: 'quan-tri/lich-nghi', element: admin(<HolidayCalendar />) },
      { path: 'can-bo/ho-so', element: <RequireUser roles={DOSSIER_ROLES}><DossierQueue /></RequireUser> },
      { path: 'can-bo/ho-so/:id', element: <RequireUser roles={DOSSIER_ROLES}><DossierDetail /></RequireUser> },
      { path: 'can-bo/phan-anh', element: <FeedbackInbox /> },
      { path: 'can-bo/phan-anh/bao-cao', element: <FeedbackReport /> },
      { path: 'can-bo/phan-anh/:id', element: <FeedbackHandle /> },
    ],
  },
];

export const router = createBrowserRouter(routes);
