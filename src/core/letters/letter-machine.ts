/**
 * A letter (reception-and-letters.md §4.4, TT 05/2021):
 * RECEIVED → CLASSIFIED → PROPOSED_ACCEPT → CASE_OPENED
 *                       ├→ TRANSFERRED → [reminders]* → REPLY_RECEIVED
 *                       ├→ GUIDED │ ORIGINALS_RETURNED │ ARCHIVED(reason) │ LINKED (to an existing case)
 *                       └→ (flag) preventive escalation
 * end states → CLOSED after follow-up. A mixed letter is SPLIT into one letter per content.
 * Guards: a denunciation is transferred only once for the same content; guidance is given once
 * per content (later identical letters are archived).
 */
import { type Machine, type Refusal, refusal } from './machine.js';
import type { ContentType } from './types.js';

export const LETTER_STATUSES = [
  'received',
  'classified',
  'proposed_accept',
  'case_opened',
  'linked',
  'transferred',
  'reply_received',
  'guided',
  'originals_returned',
  'archived',
  'split',
  'closed',
] as const;
export type LetterStatus = (typeof LETTER_STATUSES)[number];

export const LETTER_ACTIONS = [
  'classify',
  'split',
  'propose_accept',
  'decline_proposal',
  'open_case',
  'link',
  'transfer',
  'remind',
  'record_reply',
  'guide',
  'return_originals',
  'archive',
  'escalate',
  'close',
] as const;
export type LetterAction = (typeof LETTER_ACTIONS)[number];

/** `handler`: reception officer of the letter's unit (or above); `leader`: a leader there. */
export type LetterCapability = 'handler' | 'leader';

export interface LetterFacts {
  contentType: ContentType;
  classified: boolean;
  eligible: boolean | null;
  ownCompetence: boolean | null;
  anonymous: boolean;
  hasOriginals: boolean;
  originalsReturned: boolean;
  sentToManyInclCompetent: boolean;
  /** A letter with the same content (duplicate group) was already transferred as a denunciation. */
  priorDenunciationTransfer: string | null;
  /** A letter with the same content from the same person was already guided. */
  priorGuidance: string | null;
  escalated: boolean;
  now: Date;
  transferReplyDue: Date | null;
}

export const LETTER_LABELS: Record<LetterStatus, { vi: string; en: string }> = {
  received: { vi: 'Đã tiếp nhận', en: 'Received' },
  classified: { vi: 'Đã phân loại', en: 'Classified' },
  proposed_accept: { vi: 'Đề xuất thụ lý', en: 'Acceptance proposed' },
  case_opened: { vi: 'Đã thụ lý', en: 'Case opened' },
  linked: { vi: 'Gộp vào vụ việc đã có', en: 'Linked to an existing case' },
  transferred: { vi: 'Đã chuyển, chờ kết quả', en: 'Transferred, awaiting reply' },
  reply_received: { vi: 'Đã nhận kết quả', en: 'Reply received' },
  guided: { vi: 'Đã hướng dẫn', en: 'Guided' },
  originals_returned: { vi: 'Đã trả lại đơn, giấy tờ gốc', en: 'Originals returned' },
  archived: { vi: 'Lưu đơn', en: 'Archived' },
  split: { vi: 'Đã tách thành nhiều đơn', en: 'Split into parts' },
  closed: { vi: 'Kết thúc', en: 'Closed' },
};

/** States in which the letter still waits for its outcome (the 10-working-day clock runs). */
export const LETTER_PENDING: readonly LetterStatus[] = ['received', 'classified', 'proposed_accept'];

const STAFF: readonly LetterCapability[] = ['handler', 'leader'];

const mustBeClassified = (f: LetterFacts): Refusal | null =>
  f.classified ? null : refusal('not_classified', 'Classify the letter first', 'Phải phân loại đơn trước');

export const LETTER_MACHINE: Machine<LetterStatus, LetterAction, LetterCapability, LetterFacts> = {
  name: 'letter',
  states: LETTER_STATUSES,
  final: ['closed', 'split'],
  labels: LETTER_LABELS,
  transitions: [
    { action: 'classify', from: ['received', 'classified'], to: 'classified', who: STAFF, labelVi: 'Phân loại đơn', labelEn: 'Classify', legalBasis: 'TT 05/2021/TT-TTCP, Điều 6' },
    {
      action: 'split',
      from: ['received', 'classified'],
      to: 'split',
      who: STAFF,
      labelVi: 'Tách đơn nhiều nội dung',
      labelEn: 'Split mixed content',
      guard: (f) => (f.contentType === 'mixed' ? null : refusal('not_mixed', 'Only a letter with mixed content is split', 'Chỉ tách đơn có nhiều nội dung')),
    },
    {
      action: 'propose_accept',
      from: ['classified'],
      to: 'proposed_accept',
      who: STAFF,
      labelVi: 'Đề xuất thụ lý',
      labelEn: 'Propose acceptance',
      legalBasis: 'TT 05/2021/TT-TTCP (Mẫu 01)',
      guard: (f) =>
        mustBeClassified(f) ??
        (f.contentType === 'mixed'
          ? refusal('mixed_content', 'A letter with mixed content must be split first', 'Đơn có nhiều nội dung phải được tách trước')
          : f.anonymous && f.contentType === 'denunciation'
            ? refusal('anonymous_denunciation', 'An anonymous denunciation is not accepted; archive it (reason: anonymous)', 'Đơn tố cáo nặc danh không được thụ lý; lưu đơn với lý do nặc danh')
            : f.eligible !== true
              ? refusal('not_eligible', 'Only an eligible letter can be proposed for acceptance', 'Chỉ đề xuất thụ lý đơn đủ điều kiện xử lý')
              : f.ownCompetence !== true
                ? refusal('not_own_competence', 'The letter is not within this body’s competence; transfer or guide instead', 'Đơn không thuộc thẩm quyền; hãy chuyển đơn hoặc hướng dẫn')
                : null),
    },
    { action: 'decline_proposal', from: ['proposed_accept'], to: 'classified', who: ['leader'], labelVi: 'Không đồng ý đề xuất thụ lý', labelEn: 'Decline the proposal', needsReason: true },
    { action: 'open_case', from: ['proposed_accept'], to: 'case_opened', who: ['leader'], labelVi: 'Thụ lý, mở vụ việc', labelEn: 'Accept and open the case' },
    { action: 'link', from: ['received', 'classified', 'proposed_accept'], to: 'linked', who: STAFF, labelVi: 'Gộp vào vụ việc đã có', labelEn: 'Link to an existing case' },
    {
      action: 'transfer',
      from: ['classified'],
      to: 'transferred',
      who: STAFF,
      labelVi: 'Chuyển đơn',
      labelEn: 'Transfer to the competent body',
      legalBasis: 'TT 05/2021/TT-TTCP; Luật Tố cáo, Điều 24',
      guard: (f) =>
        mustBeClassified(f) ??
        (f.ownCompetence !== false
          ? refusal('own_competence', 'The letter is within this body’s competence; propose acceptance instead', 'Đơn thuộc thẩm quyền; hãy đề xuất thụ lý')
          : f.contentType === 'mixed'
            ? refusal('mixed_content', 'A letter with mixed content must be split first', 'Đơn có nhiều nội dung phải được tách trước')
            : f.sentToManyInclCompetent
              ? refusal('sent_to_competent_body', 'The letter was also sent to the competent body: archive it instead of transferring', 'Đơn đã gửi đồng thời đến cơ quan có thẩm quyền: lưu đơn, không chuyển')
              : f.contentType === 'denunciation' && f.priorDenunciationTransfer
                ? refusal(
                    'denunciation_already_transferred',
                    `A denunciation with the same content was already transferred once (letter ${f.priorDenunciationTransfer}); archive this one and link it to the first transfer`,
                    `Đơn tố cáo cùng nội dung đã được chuyển một lần (đơn ${f.priorDenunciationTransfer}); lưu đơn này và liên kết với lần chuyển trước`,
                  )
                : null),
    },
    {
      action: 'remind',
      from: ['transferred'],
      to: 'same',
      who: STAFF,
      labelVi: 'Đôn đốc',
      labelEn: 'Send a reminder',
      guard: (f) =>
        f.transferReplyDue && f.now.getTime() > f.transferReplyDue.getTime()
          ? null
          : refusal('reply_not_overdue', 'The competent body’s reply is not overdue yet', 'Chưa quá hạn trả lời của cơ quan có thẩm quyền'),
    },
    { action: 'record_reply', from: ['transferred'], to: 'reply_received', who: STAFF, labelVi: 'Nhận kết quả giải quyết', labelEn: 'Record the reply' },
    {
      action: 'guide',
      from: ['classified'],
      to: 'guided',
      who: STAFF,
      labelVi: 'Hướng dẫn',
      labelEn: 'Guide the sender',
      guard: (f) =>
        mustBeClassified(f) ??
        (f.priorGuidance
          ? refusal(
              'already_guided',
              `The sender was already guided once on the same content (letter ${f.priorGuidance}); archive this letter`,
              `Người gửi đã được hướng dẫn một lần cùng nội dung (đơn ${f.priorGuidance}); lưu đơn này`,
            )
          : null),
    },
    {
      action: 'return_originals',
      from: ['classified'],
      to: 'originals_returned',
      who: STAFF,
      labelVi: 'Trả lại đơn, giấy tờ gốc',
      labelEn: 'Return the originals',
      guard: (f) => originalsGuard(f),
    },
    {
      action: 'return_originals',
      from: ['guided', 'archived', 'transferred', 'reply_received'],
      to: 'same',
      who: STAFF,
      labelVi: 'Trả lại đơn, giấy tờ gốc',
      labelEn: 'Return the originals',
      guard: (f) => originalsGuard(f),
    },
    { action: 'archive', from: ['received', 'classified', 'proposed_accept'], to: 'archived', who: STAFF, labelVi: 'Lưu đơn', labelEn: 'Archive', needsReason: true },
    {
      action: 'escalate',
      from: ['received', 'classified', 'proposed_accept', 'transferred', 'case_opened'],
      to: 'same',
      who: STAFF,
      labelVi: 'Báo cáo áp dụng biện pháp ngăn chặn',
      labelEn: 'Escalate for preventive measures',
      needsReason: true,
      legalBasis: 'TT 05/2021/TT-TTCP, Điều 15–16',
      guard: (f) =>
        f.contentType !== 'denunciation'
          ? refusal('not_denunciation', 'Only a denunciation is escalated for preventive measures', 'Chỉ đơn tố cáo mới báo cáo áp dụng biện pháp ngăn chặn')
          : f.escalated
            ? refusal('already_escalated', 'Already escalated', 'Đã báo cáo')
            : null,
    },
    { action: 'close', from: ['guided', 'reply_received', 'originals_returned', 'archived'], to: 'closed', who: STAFF, labelVi: 'Kết thúc theo dõi', labelEn: 'Close' },
  ],
};

function originalsGuard(f: LetterFacts): Refusal | null {
  if (!f.hasOriginals) return refusal('no_originals', 'No original documents were attached', 'Đơn không kèm giấy tờ, tài liệu gốc');
  if (f.originalsReturned) return refusal('originals_already_returned', 'The originals were already returned', 'Đã trả lại giấy tờ, tài liệu gốc');
  return null;
}

/** The transfer form for a content type (form keys of the rule set). */
export function transferFormKey(content: ContentType): 'transfer_complaint' | 'transfer_denunciation' | 'transfer_petition' {
  if (content === 'complaint') return 'transfer_complaint';
  if (content === 'denunciation') return 'transfer_denunciation';
  return 'transfer_petition';
}
