/** Shapes of the dossier API (src/modules/dossiers/views.ts) used by the staff pages. */

export const QUEUES = ['new', 'in_progress', 'due_soon', 'overdue', 'waiting_supplement', 'waiting_interagency', 'ready_to_return', 'approval'] as const;
export type Queue = (typeof QUEUES)[number];

export interface UnitRef {
  id: string;
  code: string;
  name: string;
}

export interface DossierListItem {
  id: string;
  code: string;
  version: number;
  procedure: { id: string; name: string };
  applicantName: string;
  applicantCitizenId: string | null;
  channel: 'counter' | 'online' | 'postal';
  channelLabel: string;
  returnChannel: string | null;
  status: string;
  subStatus: string | null;
  statusLabelVi: string;
  statusLabelEn: string;
  receivingUnit: UnitRef | null;
  competentUnit: UnitRef | null;
  submittedAt: string | null;
  receivedAt: string | null;
  dueAt: string | null;
  appointmentAt: string | null;
  endedAt: string | null;
  returnedAt: string | null;
  overdue: boolean;
  classDay: string | null;
}

export interface DossierPage {
  items: DossierListItem[];
  total: number;
  page: number;
  pageSize: number;
}

export interface AllowedAction {
  action: string;
  path: string;
  labelVi: string;
  labelEn: string;
  requires: string[];
  form: string | null;
}

export interface DossierComponent {
  code: string;
  name: string;
  required: boolean;
  originals: number;
  certifiedCopies: number;
  copies: number;
  provided: boolean;
  digitised: boolean;
  fromDataStore: boolean;
  note: string | null;
  files: { id: string; name: string | null; mime: string | null; size: number | null; url: string }[];
}

export interface DossierStep {
  id: string;
  seq: number;
  kind: 'intake' | 'process' | 'interagency' | 'consultation' | 'return';
  code: string | null;
  name: string;
  role: string | null;
  unit: UnitRef | null;
  assignee: { id: string; name: string | null } | null;
  task: string | null;
  lead: boolean | null;
  status: string;
  receivedAt: string | null;
  budgetMinutes: number | null;
  dueAt: string | null;
  endedAt: string | null;
  classification: 'early' | 'on_time' | 'late' | null;
  overrunMinutes: number | null;
  note: string | null;
}

export interface DossierEvent {
  seq: number;
  action: string;
  label: { vi: string; en: string };
  at: string;
  actor: string | null;
  actorUnit: UnitRef | null;
  fromState: string | null;
  toState: string | null;
  step: string | null;
  reason: string | null;
  legalBasis: string | null;
  form: { key: string; set: string; number: string } | null;
  dueBefore: string | null;
  dueAfter: string | null;
}

export interface DossierDetail extends DossierListItem {
  applicant: {
    kind: 'citizen' | 'organisation';
    name: string;
    citizenId: string | null;
    taxCode: string | null;
    address: string | null;
    phone: string | null;
    email: string | null;
    representativeName: string | null;
    hasAccount: boolean;
  };
  summary: string | null;
  setsCount: number;
  duration: { amount: number; unit: string; textVi: string; cutoffTime: string | null };
  statusLabel: { vi: string; en: string };
  holderUnit: UnitRef | null;
  handler: { id: string; name: string | null } | null;
  times: Record<string, string | null>;
  flags: { overdue: boolean; paused: boolean; rescheduled: boolean; dueProvisional: boolean; supplementFlagged: boolean; transferLate: boolean; acceptanceLate: boolean };
  counters: { supplementCount: number; intakeSupplementCount: number; rescheduleCount: number };
  result: { endKind: string | null; outcome: string | null; classDay: string | null; classLabelVi: string | null };
  remaining: { state: string; textVi: string; textEn: string; labelVi: string; labelEn: string; workingMinutes: number } | null;
  components: DossierComponent[];
  steps: DossierStep[];
  events: DossierEvent[];
  allowedActions: AllowedAction[];
  forms: string[];
  rating: { rating: string; at: string } | null;
}
