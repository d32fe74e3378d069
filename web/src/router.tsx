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
const ProcedureList = page(() => import('./pages/admin/ProcedureList'));
const ProcedureEditor = page(() => import('./pages/admin/ProcedureEditor'));
const RuleSets = page(() => import('./pages/admin/RuleSets'));
const RuleSetPublish = page(() => import('./pages/admin/RuleSetPublish'));
const DossierReport = page(() => import('./pages/reports/DossierReport'));
const DossierRegister = page(() => import('./pages/reports/Register'));
const MyDossiers = page(() => import('./pages/citizen/MyDossiers'));
const MyDossier = page(() => import('./pages/citizen/MyDossier'));
const SubmitDossier = page(() => import('./pages/citizen/SubmitDossier'));
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
const Receptions = page(() => import('./pages/letters/Receptions'));
const ReceptionDetail = page(() => import('./pages/letters/Receptions').then((m) => ({ default: m.ReceptionDetail })));
const ReceptionRegisterPrint = page(() => import('./pages/letters/FormPrint').then((m) => ({ default: m.ReceptionRegisterPrint })));
const Letters = page(() => import('./pages/letters/Letters'));
const LetterDetail = page(() => import('./pages/letters/Letters').then((m) => ({ default: m.LetterDetail })));
const Cases = page(() => import('./pages/letters/Cases'));
const CaseDetail = page(() => import('./pages/letters/Cases').then((m) => ({ default: m.CaseDetail })));
const LettersReport = page(() => import('./pages/letters/Report'));
const LetterFormPrint = page(() => import('./pages/letters/FormPrint'));
const ReceptionSchedule = page(() => import('./pages/letters/Schedule'));
const ReceptionSessions = page(() => import('./pages/letters/Sessions'));
const ReceptionSessionDetail = page(() => import('./pages/letters/Sessions').then((m) => ({ default: m.SessionDetail })));
const ReceptionInstructions = page(() => import('./pages/letters/Instructions'));
const DossierFormPrint = page(() => import('./pages/forms/DossierFormPrint'));
const RegisterPrint = page(() => import('./pages/reports/RegisterPrint'));
const MyLetters = page(() => import('./pages/citizen/MyLetters'));
const SubmitLetter = page(() => import('./pages/citizen/MyLetters').then((m) => ({ default: m.SubmitLetter })));
const CounterIntake = page(() => import('./pages/intake/CounterIntake'));
const LeaderDashboard = page(() => import('./pages/leader/Dashboard'));

const admin = (el: ReactElement) => <RequireUser roles={['admin']}>{el}</RequireUser>;
/** Citizen reception and letters (the server scopes each record again). */
const LT_ROLES = ['reception_officer', 'leader', 'inspector', 'supervisor'];
const LT_VISIT_ROLES = ['reception_officer', 'leader', 'supervisor'];

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
      { path: 'ca-nhan/don-thu', element: <RequireUser roles={['citizen']}><MyLetters /></RequireUser> },
      { path: 'ca-nhan/gui-don', element: <RequireUser roles={['citizen']}><SubmitLetter /></RequireUser> },
      { path: 'ca-nhan/ho-so/:id', element: <RequireUser roles={['citizen']}><MyDossier /></RequireUser> },
      { path: 'ca-nhan/ho-so/:id/bieu-mau/:key', element: <RequireUser roles={['citizen']}><DossierFormPrint /></RequireUser> },
      { path: 'ca-nhan/nop-ho-so/:procedureId', element: <RequireUser roles={['citizen']}><SubmitDossier /></RequireUser> },
      { path: 'phan-anh', element: <FeedbackPublicList /> },
      { path: 'phan-anh/gui', element: <FeedbackSubmit /> },
      { path: 'phan-anh/theo-doi', element: <FeedbackTrack /> },
      { path: 'phan-anh/cua-toi', element: <RequireUser><MyFeedback /></RequireUser> },
      { path: 'phan-anh/cua-toi/:id', element: <RequireUser><MyFeedback /></RequireUser> },
      { path: 'phan-anh/:code', element: <FeedbackPublicItem /> },
      { path: 'lich-tiep-cong-dan', element: <ReceptionSchedule /> },
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
      { path: 'quan-tri/thu-tuc', element: admin(<ProcedureList />) },
      { path: 'quan-tri/thu-tuc/moi', element: admin(<ProcedureEditor />) },
      { path: 'quan-tri/thu-tuc/:id', element: admin(<ProcedureEditor />) },
      { path: 'quan-tri/bo-quy-dinh-don-thu', element: admin(<RuleSets />) },
      { path: 'quan-tri/bo-quy-dinh-don-thu/moi', element: admin(<RuleSetPublish />) },
      { path: 'can-bo/bao-cao', element: <RequireUser roles={['leader', 'supervisor', 'admin', 'counter_officer']}><DossierReport /></RequireUser> },
      { path: 'can-bo/so-theo-doi', element: <RequireUser roles={['leader', 'supervisor', 'counter_officer']}><DossierRegister /></RequireUser> },
      { path: 'can-bo/so-theo-doi/in', element: <RequireUser roles={['leader', 'supervisor', 'counter_officer']}><RegisterPrint /></RequireUser> },
      { path: 'can-bo/ho-so', element: <RequireUser roles={DOSSIER_ROLES}><DossierQueue /></RequireUser> },
      { path: 'can-bo/bang-dieu-khien', element: <RequireUser roles={['leader', 'supervisor', 'admin']}><LeaderDashboard /></RequireUser> },
      { path: 'can-bo/tiep-nhan', element: <RequireUser roles={['counter_officer']}><CounterIntake /></RequireUser> },
      { path: 'can-bo/ho-so/:id/bieu-mau/:key', element: <RequireUser roles={DOSSIER_ROLES}><DossierFormPrint /></RequireUser> },
      { path: 'can-bo/ho-so/:id', element: <RequireUser roles={DOSSIER_ROLES}><DossierDetail /></RequireUser> },
      { path: 'can-bo/phan-anh', element: <FeedbackInbox /> },
      { path: 'can-bo/phan-anh/bao-cao', element: <FeedbackReport /> },
      { path: 'can-bo/phan-anh/:id', element: <FeedbackHandle /> },
      { path: 'can-bo/tiep-cong-dan', element: <RequireUser roles={LT_VISIT_ROLES}><Receptions /></RequireUser> },
      { path: 'can-bo/tiep-cong-dan/buoi-tiep', element: <RequireUser roles={LT_VISIT_ROLES}><ReceptionSessions /></RequireUser> },
      { path: 'can-bo/tiep-cong-dan/buoi-tiep/:id', element: <RequireUser roles={LT_VISIT_ROLES}><ReceptionSessionDetail /></RequireUser> },
      { path: 'can-bo/tiep-cong-dan/chi-dao', element: <RequireUser roles={LT_ROLES}><ReceptionInstructions /></RequireUser> },
      { path: 'can-bo/tiep-cong-dan/so/in', element: <RequireUser roles={LT_VISIT_ROLES}><ReceptionRegisterPrint /></RequireUser> },
      { path: 'can-bo/tiep-cong-dan/:id', element: <RequireUser roles={LT_VISIT_ROLES}><ReceptionDetail /></RequireUser> },
      { path: 'can-bo/don-thu', element: <RequireUser roles={LT_ROLES}><Letters /></RequireUser> },
      { path: 'can-bo/don-thu/bao-cao', element: <RequireUser roles={LT_ROLES}><LettersReport /></RequireUser> },
      { path: 'can-bo/don-thu/:id', element: <LetterDetail /> },
      { path: 'can-bo/vu-viec', element: <RequireUser roles={LT_ROLES}><Cases /></RequireUser> },
      { path: 'can-bo/vu-viec/:id', element: <CaseDetail /> },
      { path: 'can-bo/bieu-mau/:entity/:id/:key', element: <LetterFormPrint /> },
    ],
  },
];

export const router = createBrowserRouter(routes);
