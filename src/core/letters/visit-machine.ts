/**
 * A reception visit (reception-and-letters.md §3.8):
 * REGISTERED (leader sessions) → CHECKED_IN → REFUSED | HEARD; from HEARD one or more of
 * answered directly, guided, letters created, documents received (Mẫu 02/TCD); then the reply
 * within 10 working days → REPLIED → CLOSED.
 */
import { type Machine, refusal } from './machine.js';

export const VISIT_STATUSES = ['registered', 'absent', 'checked_in', 'refused', 'heard', 'replied', 'closed'] as const;
export type VisitStatus = (typeof VISIT_STATUSES)[number];

export const VISIT_ACTIONS = [
  'check_in',
  'mark_absent',
  'refuse',
  'issue_refusal_notice',
  'hear',
  'answer',
  'guide',
  'create_letters',
  'receive_documents',
  'return_documents',
  'reply',
  'close',
] as const;
export type VisitAction = (typeof VISIT_ACTIONS)[number];

/** `officer`: reception officer of the unit (or above); `leader`: a leader of the unit (or above). */
export type VisitCapability = 'officer' | 'leader';

export interface VisitFacts {
  /** A written refusal notice (Mẫu 01/TCD) is required and has not been issued yet. */
  refusalNoticePending: boolean;
  refusalNoticeRequired: boolean;
  outcomes: readonly string[];
  lettersCount: number;
  /** Originals received and not yet returned. */
  originalsHeld: number;
}

export const VISIT_LABELS: Record<VisitStatus, { vi: string; en: string }> = {
  registered: { vi: 'Đã đăng ký tiếp', en: 'Registered' },
  absent: { vi: 'Không đến', en: 'Did not come' },
  checked_in: { vi: 'Đang tiếp', en: 'Checked in' },
  refused: { vi: 'Từ chối tiếp', en: 'Refused' },
  heard: { vi: 'Đã tiếp, chờ trả lời', en: 'Heard, reply due' },
  replied: { vi: 'Đã trả lời', en: 'Replied' },
  closed: { vi: 'Kết thúc', en: 'Closed' },
};

const STAFF: readonly VisitCapability[] = ['officer', 'leader'];

export const VISIT_MACHINE: Machine<VisitStatus, VisitAction, VisitCapability, VisitFacts> = {
  name: 'visit',
  states: VISIT_STATUSES,
  final: ['closed'],
  labels: VISIT_LABELS,
  transitions: [
    { action: 'check_in', from: ['registered'], to: 'checked_in', who: STAFF, labelVi: 'Tiếp người đã đăng ký', labelEn: 'Check in' },
    { action: 'mark_absent', from: ['registered'], to: 'absent', who: STAFF, labelVi: 'Ghi nhận không đến', labelEn: 'Mark as absent' },
    {
      action: 'refuse',
      from: ['checked_in'],
      to: 'refused',
      who: STAFF,
      labelVi: 'Từ chối tiếp công dân',
      labelEn: 'Refuse reception',
      needsReason: true,
      legalBasis: 'Luật Tiếp công dân, Điều 9',
    },
    {
      action: 'issue_refusal_notice',
      from: ['refused'],
      to: 'same',
      who: STAFF,
      labelVi: 'Ra Thông báo từ chối tiếp công dân',
      labelEn: 'Issue the refusal notice',
      guard: (f) =>
        !f.refusalNoticeRequired
          ? refusal('notice_not_required', 'No written refusal notice is required for this ground', 'Lý do từ chối này không phải ra thông báo bằng văn bản')
          : !f.refusalNoticePending
            ? refusal('notice_already_issued', 'The refusal notice has already been issued', 'Đã ra thông báo từ chối tiếp công dân')
            : null,
    },
    { action: 'hear', from: ['checked_in'], to: 'heard', who: STAFF, labelVi: 'Ghi nội dung tiếp', labelEn: 'Record what was heard' },
    { action: 'answer', from: ['heard'], to: 'same', who: STAFF, labelVi: 'Trả lời trực tiếp', labelEn: 'Answer directly' },
    { action: 'guide', from: ['heard'], to: 'same', who: STAFF, labelVi: 'Hướng dẫn', labelEn: 'Guide to the competent body' },
    { action: 'create_letters', from: ['heard'], to: 'same', who: STAFF, labelVi: 'Tạo đơn (tách nội dung)', labelEn: 'Create letters (split content)' },
    { action: 'receive_documents', from: ['heard', 'replied'], to: 'same', who: STAFF, labelVi: 'Nhận thông tin, tài liệu', labelEn: 'Receive documents' },
    {
      action: 'return_documents',
      from: ['heard', 'replied', 'closed'],
      to: 'same',
      who: STAFF,
      labelVi: 'Trả lại tài liệu gốc',
      labelEn: 'Return originals',
      guard: (f) => (f.originalsHeld > 0 ? null : refusal('no_originals_held', 'No original document is held for this visit', 'Không có tài liệu gốc nào đang giữ')),
    },
    {
      action: 'reply',
      from: ['heard'],
      to: 'replied',
      who: STAFF,
      labelVi: 'Trả lời người được tiếp',
      labelEn: 'Reply to the visitor',
      legalBasis: 'Luật Tiếp công dân, Điều 28 khoản 1',
    },
    {
      action: 'close',
      from: ['heard', 'replied', 'refused', 'absent'],
      to: 'closed',
      who: STAFF,
      labelVi: 'Kết thúc',
      labelEn: 'Close',
      guard: (f, s) => {
        if (s === 'refused' && f.refusalNoticePending) {
          return refusal('refusal_notice_pending', 'The written refusal notice (Mẫu 01/TCD) must be issued first', 'Phải ra Thông báo từ chối tiếp công dân (Mẫu 01/TCD) trước');
        }
        if (s === 'heard' && f.outcomes.length === 0) {
          return refusal('no_outcome', 'Record an outcome (answer, guidance, letter or reply) before closing', 'Phải ghi kết quả tiếp (trả lời, hướng dẫn, tạo đơn hoặc trả lời bằng văn bản) trước khi kết thúc');
        }
        return null;
      },
    },
  ],
};
