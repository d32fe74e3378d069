/**
 * Cases (vụ việc) opened by acceptance (thụ lý): complaints (§5), denunciations (§6), petitions and
 * feedback (§7), each as one transition table. Verification, conclusion or decision and the
 * follow-up of enforcement are actions; every action is an event.
 */
import { type Machine, refusal } from './machine.js';
import type { CaseType } from './types.js';

/** `resolver`: the assigned resolver or a leader of the resolving unit; `verifier`: an assigned verifier or inspector. */
export type CaseCapability = 'resolver' | 'verifier';

export interface CaseFacts {
  now: Date;
  instance: 1 | 2;
  dueAt: Date | null;
  secondRequestDue: Date | null;
  statusBefore: string | null;
  suspensionAvailable: boolean;
  extensions: number;
  maxExtensions: number;
  maxExtensionDays: number;
  /** Days asked for by an extension request (checked only when given). */
  requestedDays?: number;
  enforcementStatus: 'none' | 'in_progress' | 'done';
  decisionResult: string | null;
}

// ------------------------------------------------------------------ complaints

export const COMPLAINT_STATUSES = [
  'accepted',
  'verifying',
  'dialogue',
  'suspended',
  'decided',
  'final',
  'second_instance_requested',
  'court_filed',
  'withdrawn',
  'terminated',
  'closed',
] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

export const CASE_ACTIONS = [
  'assign',
  'record_complexity',
  'start_verification',
  'hold_dialogue',
  'suspend',
  'resume',
  'extend',
  'decide',
  'conclude',
  'handle_conclusion',
  'answer',
  'withdraw',
  'terminate',
  'continue',
  'request_second_instance',
  'file_court',
  'finalize',
  'record_enforcement',
  'close',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

const COMPLAINT_OPEN: readonly ComplaintStatus[] = ['accepted', 'verifying', 'dialogue'];
const BOTH: readonly CaseCapability[] = ['resolver', 'verifier'];
const RESOLVER: readonly CaseCapability[] = ['resolver'];

export const COMPLAINT_LABELS: Record<ComplaintStatus, { vi: string; en: string }> = {
  accepted: { vi: 'Đã thụ lý', en: 'Accepted' },
  verifying: { vi: 'Đang xác minh', en: 'Verifying' },
  dialogue: { vi: 'Đối thoại', en: 'Dialogue' },
  suspended: { vi: 'Tạm đình chỉ', en: 'Suspended' },
  decided: { vi: 'Đã có quyết định giải quyết', en: 'Decided' },
  final: { vi: 'Quyết định có hiệu lực', en: 'Final' },
  second_instance_requested: { vi: 'Khiếu nại lần hai', en: 'Second instance requested' },
  court_filed: { vi: 'Khởi kiện tại Tòa án', en: 'Filed at court' },
  withdrawn: { vi: 'Rút khiếu nại', en: 'Withdrawn' },
  terminated: { vi: 'Đình chỉ giải quyết', en: 'Terminated' },
  closed: { vi: 'Kết thúc', en: 'Closed' },
};

const pastDue = (f: CaseFacts) => !!f.dueAt && f.now.getTime() > f.dueAt.getTime();

export const COMPLAINT_MACHINE: Machine<ComplaintStatus, CaseAction, CaseCapability, CaseFacts> = {
  name: 'complaint',
  states: COMPLAINT_STATUSES,
  final: ['closed'],
  labels: COMPLAINT_LABELS,
  transitions: [
    { action: 'assign', from: [...COMPLAINT_OPEN, 'suspended', 'decided'], to: 'same', who: RESOLVER, labelVi: 'Phân công', labelEn: 'Assign' },
    { action: 'record_complexity', from: COMPLAINT_OPEN, to: 'same', who: RESOLVER, labelVi: 'Xác định vụ việc phức tạp', labelEn: 'Record complexity', legalBasis: 'NĐ 155/2026/NĐ-CP, Điều 3a' },
    { action: 'start_verification', from: ['accepted'], to: 'verifying', who: BOTH, labelVi: 'Bắt đầu xác minh', labelEn: 'Start verification' },
    { action: 'hold_dialogue', from: ['verifying'], to: 'dialogue', who: BOTH, labelVi: 'Tổ chức đối thoại', labelEn: 'Hold the dialogue' },
    {
      action: 'suspend',
      from: COMPLAINT_OPEN,
      to: 'suspended',
      who: RESOLVER,
      labelVi: 'Tạm đình chỉ (Mẫu 14a)',
      labelEn: 'Suspend (Form 14a)',
      needsReason: true,
      legalBasis: 'Luật Khiếu nại (sửa đổi 2025), Điều 11a; NĐ 155/2026, Điều 28a',
      guard: (f) =>
        f.suspensionAvailable
          ? null
          : refusal('suspension_not_available', 'Suspension is not available under the rules in force for this case', 'Quy định áp dụng cho vụ việc này chưa có thủ tục tạm đình chỉ'),
    },
    {
      action: 'resume',
      from: ['suspended'],
      to: (f) => (f.statusBefore && (COMPLAINT_OPEN as readonly string[]).includes(f.statusBefore) ? (f.statusBefore as ComplaintStatus) : 'verifying'),
      who: RESOLVER,
      labelVi: 'Tiếp tục giải quyết (Mẫu 14b)',
      labelEn: 'Resume (Form 14b)',
      legalBasis: 'NĐ 155/2026, Điều 28b: thời hạn được tính lại từ ngày tiếp tục',
    },
    { action: 'decide', from: ['verifying', 'dialogue'], to: 'decided', who: RESOLVER, labelVi: 'Ra quyết định giải quyết khiếu nại', labelEn: 'Decide', legalBasis: 'Luật Khiếu nại, Điều 31, 40' },
    { action: 'withdraw', from: [...COMPLAINT_OPEN, 'suspended'], to: 'withdrawn', who: BOTH, labelVi: 'Ghi nhận rút khiếu nại', labelEn: 'Record the withdrawal', legalBasis: 'Luật Khiếu nại, Điều 10' },
    { action: 'terminate', from: [...COMPLAINT_OPEN, 'suspended', 'withdrawn'], to: 'terminated', who: RESOLVER, labelVi: 'Đình chỉ giải quyết', labelEn: 'Terminate', needsReason: true },
    {
      action: 'request_second_instance',
      from: ['decided'],
      to: 'second_instance_requested',
      who: BOTH,
      labelVi: 'Ghi nhận khiếu nại lần hai',
      labelEn: 'Record a second-instance request',
      legalBasis: 'Luật Khiếu nại, Điều 33',
      guard: (f) =>
        f.instance !== 1
          ? refusal('already_second_instance', 'This is already the second instance', 'Vụ việc đã là khiếu nại lần hai')
          : f.secondRequestDue && f.now.getTime() > f.secondRequestDue.getTime()
            ? refusal('second_request_window_passed', 'The time to request a second instance has passed', 'Đã hết thời hạn khiếu nại lần hai')
            : null,
    },
    {
      action: 'request_second_instance',
      from: COMPLAINT_OPEN,
      to: 'second_instance_requested',
      who: BOTH,
      labelVi: 'Ghi nhận khiếu nại lần hai (quá hạn chưa giải quyết)',
      labelEn: 'Record a second-instance request (first instance overdue)',
      legalBasis: 'Luật Khiếu nại, Điều 33',
      guard: (f) =>
        f.instance !== 1
          ? refusal('already_second_instance', 'This is already the second instance', 'Vụ việc đã là khiếu nại lần hai')
          : !pastDue(f)
            ? refusal('first_instance_not_overdue', 'A second instance can be requested only after a decision or once the first-instance period has expired', 'Chỉ khiếu nại lần hai khi đã có quyết định lần đầu hoặc đã hết thời hạn giải quyết lần đầu')
            : null,
    },
    { action: 'file_court', from: ['decided', ...COMPLAINT_OPEN], to: 'court_filed', who: BOTH, labelVi: 'Ghi nhận khởi kiện vụ án hành chính', labelEn: 'Record a court filing' },
    {
      action: 'finalize',
      from: ['decided'],
      to: 'final',
      who: RESOLVER,
      labelVi: 'Quyết định có hiệu lực pháp luật',
      labelEn: 'Mark the decision final',
      guard: (f) =>
        f.instance === 2 || (f.secondRequestDue && f.now.getTime() > f.secondRequestDue.getTime())
          ? null
          : refusal('second_request_window_open', 'The time to request a second instance has not passed yet', 'Chưa hết thời hạn khiếu nại lần hai'),
    },
    { action: 'record_enforcement', from: ['decided', 'final'], to: 'same', who: BOTH, labelVi: 'Theo dõi thi hành quyết định', labelEn: 'Follow up enforcement' },
    {
      action: 'close',
      from: ['final', 'court_filed', 'second_instance_requested', 'withdrawn', 'terminated'],
      to: 'closed',
      who: RESOLVER,
      labelVi: 'Kết thúc hồ sơ',
      labelEn: 'Close',
      guard: (f, s) =>
        s === 'final' && f.enforcementStatus === 'in_progress'
          ? refusal('enforcement_in_progress', 'Enforcement of the decision is still being followed up', 'Việc thi hành quyết định đang được theo dõi')
          : null,
    },
  ],
};

// ------------------------------------------------------------------ denunciations

export const DENUNCIATION_STATUSES = ['accepted', 'verifying', 'concluded', 'handling_conclusion', 'withdrawn', 'terminated', 'closed'] as const;
export type DenunciationStatus = (typeof DENUNCIATION_STATUSES)[number];

export const DENUNCIATION_LABELS: Record<DenunciationStatus, { vi: string; en: string }> = {
  accepted: { vi: 'Đã thụ lý', en: 'Accepted' },
  verifying: { vi: 'Đang xác minh', en: 'Verifying' },
  concluded: { vi: 'Đã kết luận nội dung tố cáo', en: 'Concluded' },
  handling_conclusion: { vi: 'Xử lý kết luận', en: 'Handling the conclusion' },
  withdrawn: { vi: 'Rút tố cáo', en: 'Withdrawn' },
  terminated: { vi: 'Đình chỉ giải quyết', en: 'Terminated' },
  closed: { vi: 'Kết thúc', en: 'Closed' },
};

export const DENUNCIATION_MACHINE: Machine<DenunciationStatus, CaseAction, CaseCapability, CaseFacts> = {
  name: 'denunciation',
  states: DENUNCIATION_STATUSES,
  final: ['closed'],
  labels: DENUNCIATION_LABELS,
  transitions: [
    { action: 'assign', from: ['accepted', 'verifying', 'concluded', 'handling_conclusion'], to: 'same', who: RESOLVER, labelVi: 'Phân công', labelEn: 'Assign' },
    { action: 'record_complexity', from: ['accepted', 'verifying'], to: 'same', who: RESOLVER, labelVi: 'Xác định vụ việc phức tạp', labelEn: 'Record complexity' },
    { action: 'start_verification', from: ['accepted'], to: 'verifying', who: BOTH, labelVi: 'Bắt đầu xác minh', labelEn: 'Start verification' },
    {
      action: 'extend',
      from: ['accepted', 'verifying'],
      to: 'same',
      who: RESOLVER,
      labelVi: 'Gia hạn giải quyết tố cáo',
      labelEn: 'Extend the resolution period',
      needsReason: true,
      legalBasis: 'Luật Tố cáo, Điều 30',
      guard: (f) =>
        f.maxExtensions === 0
          ? refusal('extension_not_allowed', 'Only a complex case may be extended; record the complexity first', 'Chỉ vụ việc phức tạp mới được gia hạn; hãy xác định vụ việc phức tạp trước')
          : f.extensions >= f.maxExtensions
            ? refusal(
                'extension_limit',
                `The resolution period may be extended at most ${f.maxExtensions} time(s) for this case`,
                `Vụ việc này chỉ được gia hạn tối đa ${f.maxExtensions} lần`,
              )
            : f.requestedDays !== undefined && (f.requestedDays > f.maxExtensionDays || f.requestedDays < 1)
              ? refusal('extension_too_long', `Each extension is at most ${f.maxExtensionDays} days`, `Mỗi lần gia hạn không quá ${f.maxExtensionDays} ngày`)
              : null,
    },
    { action: 'conclude', from: ['verifying'], to: 'concluded', who: RESOLVER, labelVi: 'Kết luận nội dung tố cáo', labelEn: 'Conclude', legalBasis: 'Luật Tố cáo, Điều 35' },
    { action: 'handle_conclusion', from: ['concluded'], to: 'handling_conclusion', who: RESOLVER, labelVi: 'Xử lý kết luận nội dung tố cáo', labelEn: 'Handle the conclusion', legalBasis: 'Luật Tố cáo, Điều 36' },
    { action: 'record_enforcement', from: ['handling_conclusion'], to: 'same', who: BOTH, labelVi: 'Theo dõi việc xử lý', labelEn: 'Follow up the handling' },
    { action: 'withdraw', from: ['accepted', 'verifying'], to: 'withdrawn', who: BOTH, labelVi: 'Ghi nhận rút tố cáo (Mẫu 02)', labelEn: 'Record the withdrawal (Form 02)', legalBasis: 'Luật Tố cáo, Điều 33; NĐ 156/2026' },
    { action: 'terminate', from: ['withdrawn', 'accepted', 'verifying'], to: 'terminated', who: RESOLVER, labelVi: 'Đình chỉ giải quyết tố cáo', labelEn: 'Terminate', needsReason: true },
    { action: 'continue', from: ['withdrawn'], to: 'verifying', who: RESOLVER, labelVi: 'Tiếp tục giải quyết', labelEn: 'Continue despite the withdrawal', needsReason: true, legalBasis: 'Luật Tố cáo, Điều 33 khoản 3' },
    {
      action: 'close',
      from: ['handling_conclusion', 'terminated'],
      to: 'closed',
      who: RESOLVER,
      labelVi: 'Kết thúc hồ sơ',
      labelEn: 'Close',
      guard: (f, s) =>
        s === 'handling_conclusion' && f.enforcementStatus === 'in_progress'
          ? refusal('enforcement_in_progress', 'The handling of the conclusion is still being followed up', 'Việc xử lý kết luận đang được theo dõi')
          : null,
    },
  ],
};

// ------------------------------------------------------------------ petitions and feedback

export const PETITION_STATUSES = ['accepted', 'in_progress', 'answered', 'closed'] as const;
export type PetitionStatus = (typeof PETITION_STATUSES)[number];

export const PETITION_LABELS: Record<PetitionStatus, { vi: string; en: string }> = {
  accepted: { vi: 'Đã tiếp nhận xử lý', en: 'Accepted' },
  in_progress: { vi: 'Đang xem xét', en: 'In progress' },
  answered: { vi: 'Đã trả lời', en: 'Answered' },
  closed: { vi: 'Kết thúc', en: 'Closed' },
};

export const PETITION_MACHINE: Machine<PetitionStatus, CaseAction, CaseCapability, CaseFacts> = {
  name: 'petition',
  states: PETITION_STATUSES,
  final: ['closed'],
  labels: PETITION_LABELS,
  transitions: [
    { action: 'assign', from: ['accepted', 'in_progress'], to: 'same', who: RESOLVER, labelVi: 'Phân công', labelEn: 'Assign' },
    { action: 'start_verification', from: ['accepted'], to: 'in_progress', who: BOTH, labelVi: 'Xem xét, kiểm tra', labelEn: 'Start review' },
    { action: 'answer', from: ['accepted', 'in_progress'], to: 'answered', who: RESOLVER, labelVi: 'Trả lời bằng văn bản', labelEn: 'Answer in writing' },
    { action: 'close', from: ['answered'], to: 'closed', who: RESOLVER, labelVi: 'Kết thúc', labelEn: 'Close' },
  ],
};

export type CaseStatus = ComplaintStatus | DenunciationStatus | PetitionStatus;

export function caseMachine(type: CaseType): Machine<any, CaseAction, CaseCapability, CaseFacts> {
  if (type === 'complaint') return COMPLAINT_MACHINE;
  if (type === 'denunciation') return DENUNCIATION_MACHINE;
  return PETITION_MACHINE;
}

/** Status labels of a case type. */
export function caseStatusLabel(type: CaseType, status: string): { vi: string; en: string } {
  const m = caseMachine(type);
  return (m.labels as Record<string, { vi: string; en: string }>)[status] ?? { vi: status, en: status };
}

/** Statuses that count as resolved (the resolution clock stopped with a result). */
export const RESOLVED_STATUSES: Record<CaseType, readonly string[]> = {
  complaint: ['decided', 'final', 'second_instance_requested', 'court_filed', 'withdrawn', 'terminated', 'closed'],
  denunciation: ['concluded', 'handling_conclusion', 'withdrawn', 'terminated', 'closed'],
  petition: ['answered', 'closed'],
};

/** The action that resolves a case of each type (ends its clock with a result). */
export const RESOLVING_ACTIONS: readonly CaseAction[] = ['decide', 'conclude', 'answer', 'withdraw', 'terminate'];
