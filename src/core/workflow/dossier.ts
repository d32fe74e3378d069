/**
 * The dossier lifecycle as data (one-stop.md §5): one table of transitions
 * (action → from states → to state → who → guard → requirements → effects → form), and the two
 * questions everything else asks: "may this user take this action now, and if not why?" (`decide`)
 * and "which actions may this user take now?" (`allowedActions`). Pure: the caller supplies the
 * facts (the dossier's current state and counters, and where the user holds which roles).
 */
import type { Role } from '../access/roles.js';

export const DOSSIER_STATES = [
  'draft',
  'awaiting_postal_pickup',
  'submitted',
  'intake_supplement',
  'refused_at_intake',
  'received',
  'in_process',
  'consulting',
  'interagency',
  'supplement_requested',
  'payment_requested',
  'resolved',
  'returning_by_post',
  'returned',
  'withdrawal_requested',
  'withdrawn',
  'stopped',
  'archived',
] as const;
export type DossierState = (typeof DOSSIER_STATES)[number];

/** Before legal receipt: not counted as received. */
export const PRE_RECEIPT_STATES: readonly DossierState[] = ['draft', 'awaiting_postal_pickup', 'submitted', 'intake_supplement'];
/** Received and not yet ended: the legal clock concerns these ("open" dossiers). */
export const OPEN_STATES: readonly DossierState[] = [
  'received',
  'in_process',
  'consulting',
  'interagency',
  'supplement_requested',
  'payment_requested',
  'withdrawal_requested',
];
/** Processing ended with a result (waiting for or after return). */
export const RESULT_STATES: readonly DossierState[] = ['resolved', 'returning_by_post', 'returned'];
/** No further processing. */
export const FINAL_STATES: readonly DossierState[] = ['refused_at_intake', 'withdrawn', 'stopped', 'archived'];
/** States in which the legal clock is paused. */
export const PAUSED_STATES: readonly DossierState[] = ['supplement_requested', 'payment_requested'];

export const isOpen = (s: DossierState): boolean => OPEN_STATES.includes(s);

/** Where a role must be held, relative to the dossier. */
export type Party =
  /** the receiving unit (one-stop office that issued the code and Form 01) */
  | 'receiving'
  /** the unit currently holding the dossier (current step) */
  | 'holder'
  /** the competent (deciding) unit */
  | 'competent'
  /** a unit with an open inter-agency task or consultation on the dossier */
  | 'task';

export type ActorRule = { role: Extract<Role, 'counter_officer' | 'specialist' | 'leader'>; at: Party } | { applicant: true };

/** Facts about the dossier that the table's guards read. */
export interface DossierFacts {
  status: DossierState;
  /** The open state a pause, consultation or withdrawal request returns to. */
  statusBefore: DossierState | null;
  subStatus: string | null;
  channel: 1 | 2 | 3;
  outcome: 'approved' | 'refused' | null;
  handlerId: string | null;
  /** The process definition has a step after the current one (a `forward` target). */
  hasNextStep: boolean;
  /** Forwarding from the current step forks into parallel inter-agency steps. */
  forwardForks: boolean;
  /** The process allows sending the dossier back to an earlier step from here. */
  hasPreviousStep: boolean;
  /** The process allows the decision (approve / refuse) at the current step. */
  canDecide: boolean;
  /** Inter-agency tasks not yet completed. */
  openTasks: number;
  /** Consultations not yet answered. */
  openConsultations: number;
  rescheduleCount: number;
  /** Legal parameter `dossier.reschedule_limit`. */
  rescheduleMax: number;
  /** Now is later than "due − minimum lead" (legal parameter `dossier.apology_min_lead`). */
  apologyWindowClosed: boolean;
  supplementCount: number;
  /** Legal parameter `dossier.supplement_limit.max` (null = no hard limit; requests are flagged). */
  supplementMax: number | null;
}

/** Where the user holds which roles, relative to the dossier (computed by the caller from grants). */
export interface ActorFacts {
  userId: string;
  rolesAt: Record<Party, ReadonlySet<Role>>;
  /** The user is the applicant (the online account that submitted). */
  isApplicant: boolean;
}

export interface Refusal {
  code: string;
  message: string;
  messageVi: string;
}

/** Inputs an action cannot do without (checked for presence; shapes are checked by the API schema). */
export type Requirement =
  | 'reason'
  | 'legalBasis'
  | 'items'
  | 'handlerId'
  | 'newDueAt'
  | 'agencies'
  | 'consultee'
  | 'taskId'
  | 'postal'
  | 'fees';

export type FormKey = 'receipt' | 'supplement_request' | 'intake_refusal' | 'apology_extension' | 'stop_notice' | 'control_slip' | 'register';

/** Side effects the service performs (declared here, so the table reads as the whole rule). */
export type Effect =
  | 'assign_code'
  | 'fix_receipt_and_due'
  | 'flag_late_acceptance'
  | 'close_intake'
  | 'hand_over_to_competent'
  | 'flag_late_transfer'
  | 'set_handler'
  | 'advance_step'
  | 'open_interagency_tasks'
  | 'close_interagency_task'
  | 'open_consultation'
  | 'close_consultation'
  | 'pause_clock'
  | 'resume_clock'
  | 'restart_legal_clock'
  | 'flag_supplement'
  | 'set_rescheduled_due'
  | 'end_processing'
  | 'classify'
  | 'hand_result_to_office'
  | 'notify_applicant'
  | 'open_rating'
  | 'record_postal'
  | 'archive';

export const DOSSIER_ACTIONS = [
  'submit',
  'accept',
  'request_intake_supplement',
  'resubmit',
  'refuse_intake',
  'withdraw',
  'transfer',
  'assign',
  'forward',
  'send_back',
  'consult',
  'answer_consultation',
  'send_interagency',
  'complete_interagency_task',
  'request_supplement',
  'complete_supplement',
  'request_payment',
  'confirm_payment',
  'apologise_reschedule',
  'approve',
  'refuse',
  'stop',
  'request_withdrawal',
  'confirm_withdrawal',
  'cancel_withdrawal',
  'notify_result',
  'return_result',
  'send_by_post',
  'confirm_delivery',
  'archive',
] as const;
export type DossierAction = (typeof DOSSIER_ACTIONS)[number];

export interface TransitionDef {
  action: DossierAction;
  labelVi: string;
  labelEn: string;
  from: readonly DossierState[];
  /** Target: a state, `'same'` (stay), `'previous'` (statusBefore), or computed from the facts. */
  to: DossierState | 'same' | 'previous' | ((d: DossierFacts) => DossierState);
  actors: readonly ActorRule[];
  guard?: (d: DossierFacts, a: ActorFacts) => Refusal | null;
  requires?: readonly Requirement[];
  effects: readonly Effect[];
  form?: FormKey;
  /** Sub-status after the action; undefined = decided by the service (e.g. from the next step). */
  subStatus?: string | null;
  /** Plain-language line of the public timeline. */
  publicVi: string;
  /** Whether the event appears on the public tracking page. */
  public: boolean;
}

const COUNTER: ActorRule = { role: 'counter_officer', at: 'receiving' };
const APPLICANT: ActorRule = { applicant: true };
const HOLDER_SPECIALIST: ActorRule = { role: 'specialist', at: 'holder' };
const HOLDER_LEADER: ActorRule = { role: 'leader', at: 'holder' };
const COMPETENT_LEADER: ActorRule = { role: 'leader', at: 'competent' };
const PROCESSING_STATES: readonly DossierState[] = ['received', 'in_process', 'consulting', 'interagency', 'supplement_requested', 'payment_requested'];

const refusal = (code: string, message: string, messageVi: string): Refusal => ({ code, message, messageVi });

export const TRANSITIONS: readonly TransitionDef[] = [
  // ---------------------------------------------------------------- intake (NĐ 61 Art. 17)
  {
    action: 'submit',
    labelVi: 'Nộp hồ sơ',
    labelEn: 'Submit',
    from: ['draft'],
    to: 'submitted',
    actors: [APPLICANT],
    effects: ['assign_code'],
    publicVi: 'Hồ sơ đã được nộp trực tuyến, chờ tiếp nhận',
    public: true,
  },
  {
    action: 'accept',
    labelVi: 'Tiếp nhận hồ sơ',
    labelEn: 'Accept',
    from: ['submitted'],
    to: 'received',
    actors: [COUNTER],
    effects: ['fix_receipt_and_due', 'flag_late_acceptance'],
    form: 'receipt',
    subStatus: null,
    publicVi: 'Hồ sơ đã được tiếp nhận; ngày hẹn trả kết quả đã được xác định',
    public: true,
  },
  {
    action: 'request_intake_supplement',
    labelVi: 'Yêu cầu bổ sung khi tiếp nhận',
    labelEn: 'Request a supplement at intake',
    from: ['submitted'],
    to: 'intake_supplement',
    actors: [COUNTER],
    requires: ['reason', 'items'],
    effects: ['notify_applicant'],
    form: 'supplement_request',
    publicVi: 'Hồ sơ cần bổ sung, hoàn thiện trước khi được tiếp nhận',
    public: true,
  },
  {
    action: 'resubmit',
    labelVi: 'Nộp lại hồ sơ đã bổ sung',
    labelEn: 'Resubmit',
    from: ['intake_supplement'],
    to: 'submitted',
    actors: [APPLICANT, COUNTER],
    guard: (d, a) =>
      a.isApplicant && d.channel !== 2 && !hasRole(a, COUNTER)
        ? refusal('resubmit_at_counter', 'A counter or postal dossier is resubmitted at the one-stop office', 'Hồ sơ nộp trực tiếp hoặc qua bưu chính được nộp bổ sung tại Bộ phận Một cửa')
        : null,
    effects: [],
    publicVi: 'Hồ sơ đã được nộp bổ sung, chờ tiếp nhận',
    public: true,
  },
  {
    action: 'refuse_intake',
    labelVi: 'Từ chối tiếp nhận',
    labelEn: 'Refuse at intake',
    from: ['submitted', 'intake_supplement'],
    to: 'refused_at_intake',
    actors: [COUNTER],
    requires: ['reason'],
    effects: ['close_intake', 'notify_applicant'],
    form: 'intake_refusal',
    publicVi: 'Hồ sơ không được tiếp nhận (xem lý do trong phiếu từ chối)',
    public: true,
  },
  {
    action: 'withdraw',
    labelVi: 'Rút hồ sơ',
    labelEn: 'Withdraw',
    from: ['draft', 'submitted', 'intake_supplement'],
    to: 'withdrawn',
    actors: [APPLICANT, COUNTER],
    effects: ['close_intake'],
    publicVi: 'Người nộp đã rút hồ sơ',
    public: true,
  },
  // ---------------------------------------------------------------- processing (Art. 18–19)
  {
    action: 'transfer',
    labelVi: 'Chuyển cơ quan giải quyết',
    labelEn: 'Transfer to the competent unit',
    from: ['received'],
    to: 'in_process',
    actors: [COUNTER],
    effects: ['hand_over_to_competent', 'flag_late_transfer', 'advance_step'],
    subStatus: null,
    publicVi: 'Hồ sơ đã được chuyển đến cơ quan có thẩm quyền giải quyết',
    public: true,
  },
  {
    action: 'assign',
    labelVi: 'Phân công xử lý',
    labelEn: 'Assign a handler',
    from: ['in_process'],
    to: 'same',
    actors: [HOLDER_LEADER],
    requires: ['handlerId'],
    effects: ['set_handler'],
    subStatus: 'assigned',
    publicVi: 'Hồ sơ đã được phân công xử lý',
    public: false,
  },
  {
    action: 'forward',
    labelVi: 'Chuyển bước tiếp theo',
    labelEn: 'Forward to the next step',
    from: ['in_process'],
    // Forwarding into a parallel group of the process opens one inter-agency task per member.
    to: (d) => (d.forwardForks ? 'interagency' : d.status),
    actors: [HOLDER_SPECIALIST, HOLDER_LEADER],
    guard: (d) =>
      d.hasNextStep ? null : refusal('no_next_step', 'This is the last step of the process: approve or refuse', 'Đây là bước cuối của quy trình: hãy phê duyệt hoặc từ chối'),
    effects: ['advance_step', 'open_interagency_tasks'],
    publicVi: 'Hồ sơ đang được giải quyết',
    public: false,
  },
  {
    action: 'send_back',
    labelVi: 'Trả lại bước trước',
    labelEn: 'Send back to an earlier step',
    from: ['in_process'],
    to: 'same',
    actors: [HOLDER_SPECIALIST, HOLDER_LEADER],
    requires: ['reason'],
    guard: (d) =>
      d.hasPreviousStep ? null : refusal('no_previous_step', 'The process has no earlier step to send the dossier back to', 'Quy trình không có bước trước để trả lại hồ sơ'),
    effects: ['advance_step'],
    publicVi: 'Hồ sơ đang được giải quyết',
    public: false,
  },
  {
    action: 'consult',
    labelVi: 'Lấy ý kiến',
    labelEn: 'Consult another body',
    from: ['in_process'],
    to: 'consulting',
    actors: [HOLDER_SPECIALIST, HOLDER_LEADER],
    requires: ['consultee', 'reason'],
    effects: ['open_consultation'],
    publicVi: 'Cơ quan giải quyết đang lấy ý kiến của cơ quan liên quan',
    public: true,
  },
  {
    action: 'answer_consultation',
    labelVi: 'Ghi nhận ý kiến trả lời',
    labelEn: 'Record the consultation answer',
    from: ['consulting'],
    to: 'in_process',
    actors: [HOLDER_SPECIALIST, HOLDER_LEADER, { role: 'specialist', at: 'task' }, { role: 'leader', at: 'task' }],
    effects: ['close_consultation'],
    publicVi: 'Đã có ý kiến của cơ quan liên quan',
    public: false,
  },
  {
    action: 'send_interagency',
    labelVi: 'Chuyển xử lý liên thông',
    labelEn: 'Send for inter-agency processing',
    from: ['in_process'],
    to: 'interagency',
    actors: [HOLDER_SPECIALIST, HOLDER_LEADER],
    requires: ['agencies'],
    effects: ['open_interagency_tasks'],
    publicVi: 'Hồ sơ đang được xử lý liên thông với cơ quan khác',
    public: true,
  },
  {
    action: 'complete_interagency_task',
    labelVi: 'Hoàn thành phần việc liên thông',
    labelEn: 'Complete an inter-agency task',
    from: ['interagency'],
    to: (d) => (d.openTasks <= 1 ? 'in_process' : 'interagency'),
    actors: [{ role: 'specialist', at: 'task' }, { role: 'leader', at: 'task' }],
    requires: ['taskId'],
    guard: (d) => (d.openTasks > 0 ? null : refusal('no_open_task', 'No inter-agency task is open', 'Không còn phần việc liên thông nào đang mở')),
    effects: ['close_interagency_task'],
    publicVi: 'Một cơ quan phối hợp đã hoàn thành phần việc liên thông',
    public: false,
  },
  {
    action: 'request_supplement',
    labelVi: 'Yêu cầu bổ sung hồ sơ',
    labelEn: 'Request a supplement',
    from: ['in_process'],
    to: 'supplement_requested',
    actors: [HOLDER_SPECIALIST, HOLDER_LEADER],
    requires: ['reason', 'items'],
    guard: (d) =>
      d.supplementMax !== null && d.supplementCount >= d.supplementMax
        ? refusal(
            'supplement_limit',
            `At most ${d.supplementMax} supplement request(s) are allowed`,
            `Chỉ được yêu cầu bổ sung tối đa ${d.supplementMax} lần`,
          )
        : null,
    effects: ['pause_clock', 'flag_supplement', 'notify_applicant'],
    form: 'supplement_request',
    publicVi: 'Cơ quan giải quyết yêu cầu bổ sung hồ sơ; thời hạn tạm dừng',
    public: true,
  },
  {
    action: 'complete_supplement',
    labelVi: 'Tiếp nhận hồ sơ bổ sung',
    labelEn: 'Record the completed supplement',
    from: ['supplement_requested'],
    to: 'in_process',
    actors: [COUNTER, APPLICANT],
    guard: (d, a) =>
      a.isApplicant && d.channel !== 2 && !hasRole(a, COUNTER)
        ? refusal('supplement_at_counter', 'The supplement of a counter or postal dossier is handed in at the one-stop office', 'Hồ sơ bổ sung của hồ sơ nộp trực tiếp hoặc qua bưu chính được nộp tại Bộ phận Một cửa')
        : null,
    effects: ['resume_clock', 'restart_legal_clock'],
    publicVi: 'Đã nhận đủ hồ sơ bổ sung; thời hạn giải quyết được tính lại',
    public: true,
  },
  {
    action: 'request_payment',
    labelVi: 'Yêu cầu thực hiện nghĩa vụ tài chính',
    labelEn: 'Request payment',
    from: ['in_process'],
    to: 'payment_requested',
    actors: [HOLDER_SPECIALIST, HOLDER_LEADER],
    requires: ['fees'],
    effects: ['pause_clock', 'notify_applicant'],
    publicVi: 'Chờ người nộp thực hiện nghĩa vụ tài chính; thời hạn tạm dừng',
    public: true,
  },
  {
    action: 'confirm_payment',
    labelVi: 'Xác nhận đã nộp phí, lệ phí',
    labelEn: 'Confirm payment',
    from: ['payment_requested'],
    to: 'in_process',
    actors: [COUNTER, HOLDER_SPECIALIST, HOLDER_LEADER],
    effects: ['resume_clock'],
    publicVi: 'Đã thực hiện nghĩa vụ tài chính; tiếp tục giải quyết',
    public: true,
  },
  {
    action: 'apologise_reschedule',
    labelVi: 'Xin lỗi và hẹn lại ngày trả',
    labelEn: 'Apologise and set a new date',
    from: ['in_process', 'consulting', 'interagency'],
    to: 'same',
    actors: [COMPETENT_LEADER, HOLDER_LEADER],
    requires: ['reason', 'newDueAt'],
    guard: (d) => {
      if (d.rescheduleCount >= d.rescheduleMax) {
        return refusal(
          'reschedule_limit',
          `The return date may be reset at most ${d.rescheduleMax} time(s)`,
          `Chỉ được hẹn lại ngày trả kết quả tối đa ${d.rescheduleMax} lần`,
        );
      }
      if (d.apologyWindowClosed) {
        return refusal(
          'apology_too_late',
          'The apology must be sent at least one working day before the due date',
          'Văn bản xin lỗi phải được gửi chậm nhất 01 ngày làm việc trước ngày hẹn trả',
        );
      }
      return null;
    },
    effects: ['set_rescheduled_due', 'notify_applicant'],
    form: 'apology_extension',
    publicVi: 'Cơ quan giải quyết đã xin lỗi và hẹn lại ngày trả kết quả',
    public: true,
  },
  {
    action: 'approve',
    labelVi: 'Phê duyệt kết quả',
    labelEn: 'Approve',
    from: ['in_process'],
    to: 'resolved',
    actors: [HOLDER_LEADER],
    guard: (d) =>
      d.canDecide ? null : refusal('not_decision_step', 'The process does not allow the decision at this step: forward the dossier to the approval step', 'Quy trình không cho phép quyết định ở bước này: hãy chuyển hồ sơ đến bước phê duyệt'),
    effects: ['end_processing', 'classify', 'hand_result_to_office', 'notify_applicant'],
    publicVi: 'Đã có kết quả giải quyết, mời nhận kết quả',
    public: true,
  },
  {
    action: 'refuse',
    labelVi: 'Từ chối giải quyết',
    labelEn: 'Refuse after appraisal',
    from: ['in_process'],
    to: 'resolved',
    actors: [HOLDER_LEADER],
    requires: ['reason'],
    guard: (d) =>
      d.canDecide ? null : refusal('not_decision_step', 'The process does not allow the decision at this step: forward the dossier to the approval step', 'Quy trình không cho phép quyết định ở bước này: hãy chuyển hồ sơ đến bước phê duyệt'),
    effects: ['end_processing', 'classify', 'hand_result_to_office', 'notify_applicant'],
    publicVi: 'Hồ sơ đã được giải quyết: từ chối, có văn bản nêu rõ lý do',
    public: true,
  },
  {
    action: 'stop',
    labelVi: 'Dừng giải quyết',
    labelEn: 'Stop processing',
    from: PROCESSING_STATES,
    to: 'stopped',
    actors: [COMPETENT_LEADER, HOLDER_LEADER],
    requires: ['reason', 'legalBasis'],
    effects: ['end_processing', 'notify_applicant'],
    form: 'stop_notice',
    publicVi: 'Cơ quan giải quyết đã dừng giải quyết hồ sơ',
    public: true,
  },
  {
    action: 'request_withdrawal',
    labelVi: 'Yêu cầu rút hồ sơ',
    labelEn: 'Request withdrawal',
    from: PROCESSING_STATES,
    to: 'withdrawal_requested',
    actors: [APPLICANT, COUNTER],
    requires: ['reason'],
    effects: [],
    publicVi: 'Người nộp đã yêu cầu rút hồ sơ',
    public: true,
  },
  {
    action: 'confirm_withdrawal',
    labelVi: 'Xác nhận rút hồ sơ',
    labelEn: 'Confirm withdrawal',
    from: ['withdrawal_requested'],
    to: 'withdrawn',
    actors: [COUNTER, HOLDER_LEADER],
    effects: ['end_processing', 'notify_applicant'],
    publicVi: 'Hồ sơ đã được rút theo yêu cầu của người nộp',
    public: true,
  },
  {
    action: 'cancel_withdrawal',
    labelVi: 'Hủy yêu cầu rút hồ sơ',
    labelEn: 'Cancel the withdrawal request',
    from: ['withdrawal_requested'],
    to: 'previous',
    actors: [APPLICANT, COUNTER],
    effects: [],
    publicVi: 'Người nộp đã hủy yêu cầu rút hồ sơ; tiếp tục giải quyết',
    public: true,
  },
  // ---------------------------------------------------------------- result and return (§5.7)
  {
    action: 'notify_result',
    labelVi: 'Thông báo có kết quả',
    labelEn: 'Notify that the result is ready',
    from: ['resolved'],
    to: 'same',
    actors: [COUNTER],
    effects: ['notify_applicant'],
    publicVi: 'Đã thông báo cho người nộp đến nhận kết quả',
    public: true,
  },
  {
    action: 'return_result',
    labelVi: 'Trả kết quả',
    labelEn: 'Return the result',
    from: ['resolved'],
    to: 'returned',
    actors: [COUNTER],
    effects: ['open_rating'],
    publicVi: 'Đã trả kết quả cho người nộp',
    public: true,
  },
  {
    action: 'send_by_post',
    labelVi: 'Chuyển trả qua bưu chính',
    labelEn: 'Send the result by post',
    from: ['resolved'],
    to: 'returning_by_post',
    actors: [COUNTER],
    requires: ['postal'],
    effects: ['record_postal'],
    publicVi: 'Kết quả đã được giao cho bưu chính để chuyển trả',
    public: true,
  },
  {
    action: 'confirm_delivery',
    labelVi: 'Xác nhận đã phát kết quả',
    labelEn: 'Confirm postal delivery',
    from: ['returning_by_post'],
    to: 'returned',
    actors: [COUNTER],
    effects: ['open_rating'],
    publicVi: 'Bưu chính đã phát kết quả cho người nhận',
    public: true,
  },
  {
    action: 'archive',
    labelVi: 'Lưu trữ hồ sơ',
    labelEn: 'Archive',
    from: ['returned', 'withdrawn', 'stopped', 'refused_at_intake'],
    to: 'archived',
    actors: [COUNTER, COMPETENT_LEADER],
    effects: ['archive'],
    publicVi: 'Hồ sơ đã được lưu trữ',
    public: false,
  },
];

const BY_ACTION = new Map<string, TransitionDef>(TRANSITIONS.map((t) => [t.action, t]));

export function transitionOf(action: string): TransitionDef | undefined {
  return BY_ACTION.get(action);
}

function hasRole(a: ActorFacts, rule: ActorRule): boolean {
  if ('applicant' in rule) return a.isApplicant;
  return a.rolesAt[rule.at].has(rule.role);
}

/** Whether the user is one of the action's actors (ignoring the state). */
export function isActor(def: TransitionDef, a: ActorFacts): boolean {
  return def.actors.some((r) => hasRole(a, r));
}

function target(def: TransitionDef, d: DossierFacts): DossierState {
  if (def.to === 'same') return d.status;
  if (def.to === 'previous') return d.statusBefore ?? 'in_process';
  if (typeof def.to === 'function') return def.to(d);
  return def.to;
}

export const STATE_LABELS: Record<DossierState, { vi: string; en: string }> = {
  draft: { vi: 'Hồ sơ nháp', en: 'Draft' },
  awaiting_postal_pickup: { vi: 'Chờ bưu chính thu gom', en: 'Awaiting postal pick-up' },
  submitted: { vi: 'Chờ tiếp nhận', en: 'Submitted' },
  intake_supplement: { vi: 'Yêu cầu bổ sung (tiếp nhận)', en: 'Supplement requested at intake' },
  refused_at_intake: { vi: 'Không được tiếp nhận', en: 'Refused at intake' },
  received: { vi: 'Đã tiếp nhận', en: 'Received' },
  in_process: { vi: 'Đang xử lý', en: 'In process' },
  consulting: { vi: 'Đang lấy ý kiến', en: 'Consulting' },
  interagency: { vi: 'Đang xử lý liên thông', en: 'Inter-agency processing' },
  supplement_requested: { vi: 'Chờ bổ sung hồ sơ', en: 'Waiting for a supplement' },
  payment_requested: { vi: 'Chờ thực hiện nghĩa vụ tài chính', en: 'Waiting for payment' },
  resolved: { vi: 'Đã có kết quả, chờ trả', en: 'Result ready' },
  returning_by_post: { vi: 'Đang chuyển trả qua bưu chính', en: 'Returning by post' },
  returned: { vi: 'Đã trả kết quả', en: 'Returned' },
  withdrawal_requested: { vi: 'Yêu cầu rút hồ sơ', en: 'Withdrawal requested' },
  withdrawn: { vi: 'Đã rút hồ sơ', en: 'Withdrawn' },
  stopped: { vi: 'Dừng xử lý', en: 'Stopped' },
  archived: { vi: 'Đã lưu trữ', en: 'Archived' },
};

export type Decision =
  | { ok: true; def: TransitionDef; to: DossierState }
  | {
      ok: false;
      status: 400 | 403 | 404 | 409;
      code: string;
      message: string;
      messageVi: string;
      fields?: { field: string; message: string; messageVi: string }[];
    };

const REQUIREMENT_LABELS: Record<Requirement, [string, string]> = {
  reason: ['reason is required for this action', 'Cần nêu lý do'],
  legalBasis: ['legalBasis is required for this action', 'Cần nêu căn cứ pháp lý'],
  items: ['items must list at least one published component', 'Cần nêu ít nhất một thành phần hồ sơ cần bổ sung'],
  handlerId: ['handlerId is required', 'Cần chọn người xử lý'],
  newDueAt: ['newDueAt is required', 'Cần nêu ngày hẹn trả mới'],
  agencies: ['agencies must list at least one agency', 'Cần nêu ít nhất một cơ quan phối hợp'],
  consultee: ['consultee is required', 'Cần nêu cơ quan được lấy ý kiến'],
  taskId: ['taskId is required', 'Cần chọn phần việc liên thông'],
  postal: ['postal (operator and slip number) is required', 'Cần nêu đơn vị bưu chính và số phiếu gửi'],
  fees: ['fees must list at least one fee line', 'Cần nêu ít nhất một khoản phí, lệ phí'],
};

/**
 * May `a` take `action` on the dossier now? Checks, in order: the action exists (404), the state
 * allows it (409 `illegal_transition`), the user is one of its actors (403), its guard (409 with
 * the guard's code), and its required inputs (400, field by field; `provided` lists the inputs
 * present — omit it to skip this check, as `allowedActions` does).
 */
export function decide(action: string, d: DossierFacts, a: ActorFacts, provided?: ReadonlySet<Requirement>): Decision {
  const def = BY_ACTION.get(action);
  if (!def) {
    return { ok: false, status: 404, code: 'unknown_action', message: `Unknown action: ${action}`, messageVi: `Không có thao tác: ${action}` };
  }
  if (!def.from.includes(d.status)) {
    const st = STATE_LABELS[d.status];
    return {
      ok: false,
      status: 409,
      code: 'illegal_transition',
      message: `"${def.labelEn}" is not possible while the dossier is "${st.en}"`,
      messageVi: `Không thể "${def.labelVi.toLowerCase()}" khi hồ sơ đang ở trạng thái "${st.vi}"`,
    };
  }
  if (!isActor(def, a)) {
    return {
      ok: false,
      status: 403,
      code: 'forbidden',
      message: `You may not "${def.labelEn}" this dossier`,
      messageVi: `Bạn không có quyền "${def.labelVi.toLowerCase()}" hồ sơ này`,
    };
  }
  const g = def.guard?.(d, a);
  if (g) return { ok: false, status: 409, ...g };
  if (provided && def.requires) {
    const missing = def.requires.filter((r) => !provided.has(r));
    if (missing.length) {
      return {
        ok: false,
        status: 400,
        code: 'validation_failed',
        message: 'Invalid input',
        messageVi: 'Dữ liệu không hợp lệ',
        fields: missing.map((m) => ({ field: m, message: REQUIREMENT_LABELS[m][0], messageVi: REQUIREMENT_LABELS[m][1] })),
      };
    }
  }
  return { ok: true, def, to: target(def, d) };
}

/** The actions this user may take on the dossier now (what the web shows as buttons). */
export function allowedActions(d: DossierFacts, a: ActorFacts): DossierAction[] {
  return TRANSITIONS.filter((t) => decide(t.action, d, a).ok).map((t) => t.action);
}

/**
 * May the user attach a file to a component now? The applicant while preparing or supplementing;
 * the receiving counter while the dossier is not closed (scanning at intake is mandatory); the
 * holding unit's staff while processing (verification records, the result).
 */
export function mayAttachFile(status: DossierState, a: ActorFacts): boolean {
  if (a.isApplicant && (status === 'draft' || status === 'intake_supplement' || status === 'supplement_requested')) return true;
  if (a.rolesAt.receiving.has('counter_officer') && !FINAL_STATES.includes(status)) return true;
  if ((a.rolesAt.holder.has('specialist') || a.rolesAt.holder.has('leader')) && (isOpen(status) || status === 'resolved')) return true;
  return false;
}

/** May the user edit a draft (only the applicant, only while it is a draft)? */
export function mayEditDraft(status: DossierState, a: ActorFacts): boolean {
  return a.isApplicant && status === 'draft';
}

/** `'request-supplement'` → `'request_supplement'` (URLs use kebab-case). */
export function actionFromPath(s: string): string {
  return s.replace(/-/g, '_');
}

/** Which dossier states each action can start from (for docs and the web). */
export function transitionTable(): { action: DossierAction; from: readonly DossierState[]; to: string; actors: string[]; requires: readonly Requirement[]; form: FormKey | null; effects: readonly Effect[] }[] {
  return TRANSITIONS.map((t) => ({
    action: t.action,
    from: t.from,
    to: typeof t.to === 'function' ? 'computed' : t.to,
    actors: t.actors.map((r) => ('applicant' in r ? 'applicant' : `${r.role}@${r.at}`)),
    requires: t.requires ?? [],
    form: t.form ?? null,
    effects: t.effects,
  }));
}
