import type { ReactNode } from 'react';
import {
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  BookOutlined,
  CalendarOutlined,
  CheckSquareOutlined,
  ClockCircleOutlined,
  DashboardOutlined,
  ExclamationCircleOutlined,
  FileSearchOutlined,
  FileAddOutlined,
  FileTextOutlined,
  FolderOpenOutlined,
  FormOutlined,
  GlobalOutlined,
  HomeOutlined,
  InboxOutlined,
  MailOutlined,
  MessageOutlined,
  PieChartOutlined,
  ProfileOutlined,
  SolutionOutlined,
  SwapOutlined,
  TeamOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
/**
 * The staff side menu as data: each entry names the roles that see it. `countKey` names a number
 * in the menu-counts answer (queue sizes) shown beside the entry when the server provides it.
 * Add an entry here when you add a staff page (docs/web.md).
 */
export interface StaffMenuEntry {
  key: string;
  path: string;
  labelKey: string;
  icon?: ReactNode;
  roles?: string[];
  countKey?: string;
  group?: 'work' | 'queues' | 'letters' | 'reports' | 'admin' | 'other';
}

import { DOSSIER_ROLES } from '../session';

export const STAFF_MENU: StaffMenuEntry[] = [
  { key: 'home', path: '/can-bo', labelKey: 'staffMenu.home', icon: <HomeOutlined />, group: 'work' },
  { key: 'intake', path: '/can-bo/tiep-nhan', labelKey: 'staffMenu.intake', icon: <FormOutlined />, roles: ['counter_officer'], group: 'work' },
  { key: 'q-new', path: '/can-bo/ho-so?queue=new', labelKey: 'queues.new', icon: <FileAddOutlined />, roles: DOSSIER_ROLES, countKey: 'new', group: 'queues' },
  { key: 'q-in_progress', path: '/can-bo/ho-so?queue=in_progress', labelKey: 'queues.in_progress', icon: <FolderOpenOutlined />, roles: DOSSIER_ROLES, countKey: 'in_progress', group: 'queues' },
  { key: 'q-due_soon', path: '/can-bo/ho-so?queue=due_soon', labelKey: 'queues.due_soon', icon: <ClockCircleOutlined />, roles: DOSSIER_ROLES, countKey: 'due_soon', group: 'queues' },
  { key: 'q-overdue', path: '/can-bo/ho-so?queue=overdue', labelKey: 'queues.overdue', icon: <ExclamationCircleOutlined />, roles: DOSSIER_ROLES, countKey: 'overdue', group: 'queues' },
  { key: 'q-waiting_supplement', path: '/can-bo/ho-so?queue=waiting_supplement', labelKey: 'queues.waiting_supplement', icon: <InboxOutlined />, roles: DOSSIER_ROLES, countKey: 'waiting_supplement', group: 'queues' },
  { key: 'q-waiting_interagency', path: '/can-bo/ho-so?queue=waiting_interagency', labelKey: 'queues.waiting_interagency', icon: <SwapOutlined />, roles: DOSSIER_ROLES, countKey: 'waiting_interagency', group: 'queues' },
  { key: 'q-ready_to_return', path: '/can-bo/ho-so?queue=ready_to_return', labelKey: 'queues.ready_to_return', icon: <CheckSquareOutlined />, roles: DOSSIER_ROLES, countKey: 'ready_to_return', group: 'queues' },
  { key: 'q-approval', path: '/can-bo/ho-so?queue=approval', labelKey: 'queues.approval', icon: <AuditOutlined />, roles: ['leader'], countKey: 'approval', group: 'queues' },
  { key: 'feedback', path: '/can-bo/phan-anh', labelKey: 'staffMenu.feedback', icon: <MessageOutlined />, roles: ['counter_officer', 'specialist', 'leader', 'reception_officer', 'admin', 'supervisor', 'inspector'], group: 'work' },
  { key: 'feedback-report', path: '/can-bo/phan-anh/bao-cao', labelKey: 'staffMenu.feedbackReport', icon: <PieChartOutlined />, roles: ['leader', 'admin', 'supervisor', 'inspector'], group: 'reports' },
  { key: 'lt-receptions', path: '/can-bo/tiep-cong-dan', labelKey: 'staffMenu.receptions', icon: <UserSwitchOutlined />, roles: ['reception_officer', 'leader', 'supervisor'], group: 'letters' },
  { key: 'lt-sessions', path: '/can-bo/tiep-cong-dan/buoi-tiep', labelKey: 'staffMenu.receptionSessions', icon: <CalendarOutlined />, roles: ['reception_officer', 'leader', 'supervisor'], group: 'letters' },
  { key: 'lt-instructions', path: '/can-bo/tiep-cong-dan/chi-dao', labelKey: 'staffMenu.receptionInstructions', icon: <CheckSquareOutlined />, roles: ['reception_officer', 'leader', 'inspector', 'supervisor'], group: 'letters' },
  { key: 'lt-letters', path: '/can-bo/don-thu', labelKey: 'staffMenu.letters', icon: <MailOutlined />, roles: ['reception_officer', 'leader', 'inspector', 'supervisor'], group: 'letters' },
  { key: 'lt-cases', path: '/can-bo/vu-viec', labelKey: 'staffMenu.cases', icon: <SolutionOutlined />, roles: ['reception_officer', 'leader', 'inspector', 'supervisor'], group: 'letters' },
  { key: 'lt-report', path: '/can-bo/don-thu/bao-cao', labelKey: 'staffMenu.lettersReport', icon: <FileSearchOutlined />, roles: ['reception_officer', 'leader', 'inspector', 'supervisor'], group: 'reports' },
  { key: 'dashboard', path: '/can-bo/bang-dieu-khien', labelKey: 'staffMenu.dashboard', icon: <DashboardOutlined />, roles: ['leader', 'supervisor', 'admin'], group: 'reports' },
  { key: 'reports', path: '/can-bo/bao-cao', labelKey: 'staffMenu.reports', icon: <BarChartOutlined />, roles: ['leader', 'supervisor', 'admin', 'counter_officer'], group: 'reports' },
  { key: 'register', path: '/can-bo/so-theo-doi', labelKey: 'staffMenu.register', icon: <BookOutlined />, roles: ['leader', 'supervisor', 'counter_officer'], group: 'reports' },
  { key: 'procedures', path: '/quan-tri/thu-tuc', labelKey: 'staffMenu.procedures', icon: <FileTextOutlined />, roles: ['admin'], group: 'admin' },
  { key: 'units', path: '/quan-tri/don-vi', labelKey: 'staffMenu.units', icon: <ApartmentOutlined />, roles: ['admin'], group: 'admin' },
  { key: 'users', path: '/quan-tri/nguoi-dung', labelKey: 'staffMenu.users', icon: <TeamOutlined />, roles: ['admin'], group: 'admin' },
  { key: 'calendar', path: '/quan-tri/lich-nghi', labelKey: 'staffMenu.calendar', icon: <CalendarOutlined />, roles: ['admin'], group: 'admin' },
  { key: 'ruleSets', path: '/quan-tri/bo-quy-dinh-don-thu', labelKey: 'staffMenu.ruleSets', icon: <ProfileOutlined />, roles: ['admin'], group: 'admin' },
  { key: 'portal', path: '/', labelKey: 'staffMenu.portal', icon: <GlobalOutlined />, group: 'other' },
];

/**
 * The entry of the current page: an entry with a query (a queue) matches its path and every
 * parameter it names; otherwise the entry whose path is the longest prefix of the current path.
 */
export function activeEntry(pathname: string, search: string, entries: StaffMenuEntry[]): StaffMenuEntry | undefined {
  const params = new URLSearchParams(search);
  const withQuery = entries.find((e) => {
    const [path, query] = e.path.split('?');
    if (!query || path !== pathname) return false;
    return [...new URLSearchParams(query)].every(([k, v]) => params.get(k) === v);
  });
  if (withQuery) return withQuery;
  return entries
    .filter((e) => !e.path.includes('?'))
    .filter((e) => (e.path === '/' ? pathname === '/' : pathname === e.path || pathname.startsWith(e.path + '/')))
    .sort((a, b) => b.path.length - a.path.length)[0];
}
