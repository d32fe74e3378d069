/**
 * The PAKN lifecycle as one transition table (feedback.md §2.1): each action names the states it
 * may start from, the state it leads to, who may take it, a guard, and how it appears in the
 * public Open311 updates feed. The API and the web app both ask `allowedActions` what a user may
 * do now; nothing else checks statuses.
 */
import type { ExtendedStatus, FeedbackStatus } from './states.js';
import { STATUS_LABELS } from './states.js';
import type { DeadlineStep } from './deadlines.js';

export const FEEDBACK_ACTIONS = [
  'refuse',
  'request_supplement',
  'supplement',
  'classify',
  'transfer',
  'forward',
  'assign',
  'answer',
  'publish',
  'close',
  'rate',
  'reopen',
  'merge',
  'reclassify',
  'moderate',
  'comment',
] as const;
export type FeedbackAction = (typeof FEEDBACK_ACTIONS)[number];

/**
 * What the actor is to this item, decided by the module's policy:
 * - `handler`: staff of the responsible unit (or above) with a handling role;
 * - `leader`: a leader of the responsible unit (or above), or an administrator;
 * - `owner`: the sender (signed in, or holding the tracking secret);
 * - `client`: the Open311 client that submitted the item.
 */
export type Capability = 'handler' | 'leader' | 'owner' | 'client';

/** The parts of an item the guards read. */
export interface MachineItem {
  status: FeedbackStatus;
  publishedAt?: Date | null;
  ratedAt?: Date | null;
  answerText?: string | null;
  moderationState?: 'none' | 'edited' | 'hidden';
}

export interface Refusal {
  code: string;
  message: string;
  messageVi: string;
}

export interface Transition {
  action: FeedbackAction;
  from: readonly FeedbackStatus[];
  /** The resulting state; `same` keeps the current one (an event without a state change). */
  to: FeedbackStatus | 'same';
  who: readonly Capability[];
  labelVi: string;
  labelEn: string;
  /** Extended status in the public updates feed; null = not published as an update. */
  update: ExtendedStatus | null;
  /** Default public note of the update (Vietnamese). */
  publicNote?: string;
  /** The operational deadline this action meets (for on-time verdicts). */
  step?: DeadlineStep;
  /** The action needs a reason. */
  needsReason: boolean;
  guard?: (item: MachineItem) => Refusal | null;
}

const PRE_ANSWER: readonly FeedbackStatus[] = ['received', 'supplemented', 'assigned'];
const ACTIVE: readonly FeedbackStatus[] = ['received', 'supplement_requested', 'supplemented', 'assigned', 'reopened'];

export const TRANSITIONS: readonly Transition[] = [
  {
    action: 'refuse',
    from: ['received', 'supplemented'],
    to: 'refused',
    who: ['handler'],
    labelVi: 'Từ chối tiếp nhận',
    labelEn: 'Refuse',
    update: 'no_further_action',
    publicNote: 'Phản ánh không đủ điều kiện tiếp nhận',
    step: 'refuse',
    needsReason: true,
  },
  {
    action: 'request_supplement',
    from: PRE_ANSWER,
    to: 'supplement_requested',
    who: ['handler'],
    labelVi: 'Yêu cầu bổ sung thông tin',
    labelEn: 'Ask for more information',
    update: 'in_progress',
    publicNote: 'Đề nghị người gửi bổ sung thông tin',
    step: 'supplement',
    needsReason: true,
  },
  {
    action: 'supplement',
    from: ['supplement_requested'],
    to: 'supplemented',
    who: ['owner', 'handler', 'client'],
    labelVi: 'Bổ sung thông tin',
    labelEn: 'Supply information',
    update: 'in_progress',
    publicNote: 'Người gửi đã bổ sung thông tin',
    needsReason: false,
  },
  {
    action: 'classify',
    from: ['received', 'supplemented', 'assigned', 'reopened'],
    to: 'same',
    who: ['handler'],
    labelVi: 'Phân loại',
    labelEn: 'Classify',
    update: null,
    needsReason: false,
  },
  {
    action: 'transfer',
    from: ['received', 'supplemented', 'assigned', 'reopened'],
    to: 'received',
    who: ['handler'],
    labelVi: 'Chuyển đơn vị xử lý',
    labelEn: 'Transfer to another unit',
    update: 'internal_referral',
    publicNote: 'Chuyển đơn vị có trách nhiệm xử lý',
    needsReason: true,
  },
  {
    action: 'forward',
    from: PRE_ANSWER,
    to: 'forwarded',
    who: ['handler'],
    labelVi: 'Chuyển cơ quan có thẩm quyền',
    labelEn: 'Forward out of competence',
    update: 'not_councils_responsibility',
    publicNote: 'Chuyển cơ quan có thẩm quyền giải quyết',
    step: 'forward',
    needsReason: true,
  },
  {
    action: 'assign',
    from: ['received', 'supplemented', 'assigned', 'reopened'],
    to: 'assigned',
    who: ['handler'],
    labelVi: 'Phân công xử lý',
    labelEn: 'Assign',
    update: 'investigating',
    publicNote: 'Đang xem xét, xử lý',
    needsReason: false,
  },
  {
    action: 'answer',
    from: ['received', 'supplemented', 'assigned', 'forwarded', 'reopened'],
    to: 'answered',
    who: ['handler'],
    labelVi: 'Trả lời',
    labelEn: 'Answer',
    update: 'in_progress',
    publicNote: 'Đã có văn bản trả lời, chờ công khai',
    step: 'answer',
    needsReason: false,
  },
  {
    action: 'publish',
    from: ['answered'],
    to: 'published',
    who: ['leader'],
    labelVi: 'Công khai kết quả',
    labelEn: 'Publish',
    update: 'fixed',
    step: 'publish',
    needsReason: false,
    guard: (item) =>
      item.answerText
        ? null
        : { code: 'no_answer', message: 'There is no answer to publish', messageVi: 'Chưa có nội dung trả lời để công khai' },
  },
  {
    action: 'close',
    from: ['published'],
    to: 'closed',
    who: ['handler'],
    labelVi: 'Kết thúc',
    labelEn: 'Close',
    update: 'closed',
    publicNote: 'Kết thúc xử lý',
    needsReason: false,
  },
  {
    action: 'rate',
    from: ['published'],
    to: 'closed',
    who: ['owner'],
    labelVi: 'Đánh giá mức độ hài lòng',
    labelEn: 'Rate the answer',
    update: 'closed',
    publicNote: 'Người gửi đã đánh giá kết quả',
    needsReason: false,
    guard: (item) =>
      item.ratedAt
        ? { code: 'already_rated', message: 'The answer has already been rated', messageVi: 'Kết quả đã được đánh giá' }
        : null,
  },
  {
    action: 'reopen',
    from: ['published', 'closed'],
    to: 'reopened',
    who: ['owner', 'handler', 'client'],
    labelVi: 'Phản ánh tiếp',
    labelEn: 'Reopen (continued complaint)',
    update: 'reopen',
    publicNote: 'Người gửi tiếp tục phản ánh; đang xem xét lại',
    needsReason: true,
    guard: (item) =>
      item.publishedAt
        ? null
        : { code: 'not_published', message: 'Only a published answer can be disputed', messageVi: 'Chỉ phản ánh tiếp khi kết quả đã được công khai' },
  },
  {
    action: 'merge',
    from: ACTIVE,
    to: 'merged',
    who: ['handler'],
    labelVi: 'Gộp phản ánh trùng',
    labelEn: 'Merge as a duplicate',
    update: 'duplicate',
    publicNote: 'Trùng nội dung với phản ánh đã có; theo dõi tại phản ánh gốc',
    needsReason: false,
  },
  {
    action: 'reclassify',
    from: ACTIVE,
    to: 'reclassified',
    who: ['handler'],
    labelVi: 'Chuyển xử lý theo đơn khiếu nại, tố cáo',
    labelEn: 'Reclassify as a complaint or denunciation',
    update: null,
    needsReason: true,
  },
  {
    action: 'moderate',
    from: ['received', 'supplement_requested', 'supplemented', 'assigned', 'forwarded', 'answered', 'published', 'closed', 'reopened', 'refused', 'merged'],
    to: 'same',
    who: ['leader'],
    labelVi: 'Kiểm duyệt nội dung công khai',
    labelEn: 'Moderate the public copy',
    update: null,
    needsReason: true,
  },
  {
    action: 'comment',
    from: ['received', 'supplement_requested', 'supplemented', 'assigned', 'forwarded', 'answered', 'published', 'closed', 'reopened'],
    to: 'same',
    who: ['owner', 'handler', 'client'],
    labelVi: 'Ghi chú, cập nhật',
    labelEn: 'Comment',
    update: null,
    needsReason: false,
  },
];

const BY_ACTION = new Map<FeedbackAction, Transition>(TRANSITIONS.map((t) => [t.action, t]));

export function transitionOf(action: FeedbackAction): Transition {
  const t = BY_ACTION.get(action);
  if (!t) throw new RangeError(`Unknown action ${action}`);
  return t;
}

export type CheckResult =
  | { ok: true; transition: Transition; to: FeedbackStatus }
  | { ok: false; status: 403 | 409; code: string; message: string; messageVi: string };

/**
 * May an actor with these capabilities take `action` on the item now? 403 when the actor may never
 * take it; 409 (with the reason) when the current state does not allow it.
 */
export function checkAction(action: FeedbackAction, item: MachineItem, caps: readonly Capability[]): CheckResult {
  const t = transitionOf(action);
  if (!t.who.some((c) => caps.includes(c))) {
    return { ok: false, status: 403, code: 'forbidden', message: `You may not ${t.labelEn.toLowerCase()} this item`, messageVi: `Bạn không có quyền thực hiện thao tác "${t.labelVi}" với phản ánh này` };
  }
  if (!t.from.includes(item.status)) {
    const st = STATUS_LABELS[item.status];
    return {
      ok: false,
      status: 409,
      code: 'illegal_transition',
      message: `Cannot ${t.labelEn.toLowerCase()}: the item is ${st.en.toLowerCase()}`,
      messageVi: `Không thể thực hiện "${t.labelVi}": phản ánh đang ở trạng thái "${st.vi}"`,
    };
  }
  const refusal = t.guard?.(item);
  if (refusal) return { ok: false, status: 409, code: refusal.code, message: refusal.message, messageVi: refusal.messageVi };
  return { ok: true, transition: t, to: t.to === 'same' ? item.status : t.to };
}

/** The actions this actor may take now (for the web app's buttons). */
export function allowedActions(item: MachineItem, caps: readonly Capability[]): FeedbackAction[] {
  return TRANSITIONS.filter((t) => checkAction(t.action, item, caps).ok).map((t) => t.action);
}
