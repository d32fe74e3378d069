/**
 * PAKN states, classes and channels (feedback.md §1–§2.1) and their Open311 mapping (§5.15).
 * Plain data; the transitions between states are in `machine.ts`.
 */

export const FEEDBACK_STATUSES = [
  'received',
  'supplement_requested',
  'supplemented',
  'assigned',
  'forwarded',
  'answered',
  'published',
  'closed',
  'reopened',
  'refused',
  'merged',
  'reclassified',
] as const;
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];

export const STATUS_LABELS: Record<FeedbackStatus, { vi: string; en: string }> = {
  received: { vi: 'Đã tiếp nhận', en: 'Received' },
  supplement_requested: { vi: 'Yêu cầu bổ sung thông tin', en: 'More information requested' },
  supplemented: { vi: 'Đã bổ sung thông tin', en: 'Information supplied' },
  assigned: { vi: 'Đang xử lý', en: 'Assigned' },
  forwarded: { vi: 'Đã chuyển cơ quan có thẩm quyền', en: 'Forwarded to the competent body' },
  answered: { vi: 'Đã trả lời, chờ công khai', en: 'Answered, awaiting publication' },
  published: { vi: 'Đã công khai', en: 'Published' },
  closed: { vi: 'Đã kết thúc', en: 'Closed' },
  reopened: { vi: 'Phản ánh tiếp', en: 'Reopened' },
  refused: { vi: 'Từ chối tiếp nhận', en: 'Refused' },
  merged: { vi: 'Trùng, đã gộp', en: 'Merged as a duplicate' },
  reclassified: { vi: 'Chuyển xử lý theo đơn thư', en: 'Reclassified as a letter' },
};

/** States in which the item still waits for the unit (the 766 "in progress" population). */
export const OPEN_STATUSES: readonly FeedbackStatus[] = [
  'received',
  'supplement_requested',
  'supplemented',
  'assigned',
  'forwarded',
  'answered',
  'reopened',
];

/** Content class (766 indicator 5.1): about regulations, or about officials' conduct. */
export const FEEDBACK_CLASSES = ['regulation', 'conduct'] as const;
export type FeedbackClass = (typeof FEEDBACK_CLASSES)[number];

export const CLASS_LABELS: Record<FeedbackClass, { vi: string; en: string }> = {
  regulation: { vi: 'Về quy định hành chính', en: 'About regulations' },
  conduct: { vi: 'Về hành vi của cán bộ, công chức', en: 'About officials’ conduct' },
};

/** NĐ 20/2008 Art. 9 classification at receipt. */
export const SUBCLASSES = ['rejected', 'conduct', 'regulation_own', 'regulation_other'] as const;
export type FeedbackSubclass = (typeof SUBCLASSES)[number];

export const SUBCLASS_LABELS: Record<FeedbackSubclass, { vi: string; en: string }> = {
  rejected: { vi: 'Không đủ điều kiện tiếp nhận (Điều 7)', en: 'Fails Art. 7' },
  conduct: { vi: 'Phản ánh về hành vi', en: 'About conduct' },
  regulation_own: { vi: 'Quy định thuộc thẩm quyền', en: 'Regulation within competence' },
  regulation_other: { vi: 'Quy định ngoài thẩm quyền', en: 'Regulation outside competence' },
};

/** The class a subclass implies (a re-classification may change the content class). */
export function classOfSubclass(s: FeedbackSubclass, current: FeedbackClass): FeedbackClass {
  if (s === 'conduct') return 'conduct';
  if (s === 'regulation_own' || s === 'regulation_other') return 'regulation';
  return current;
}

export const CHANNELS = ['portal', 'app', 'counter', 'post', 'phone', 'box', 'survey', 'email', 'voter_meeting'] as const;
export type FeedbackChannel = (typeof CHANNELS)[number];

export const CHANNEL_LABELS: Record<FeedbackChannel, { vi: string; en: string }> = {
  portal: { vi: 'Cổng dịch vụ công', en: 'Portal' },
  app: { vi: 'Ứng dụng di động', en: 'Mobile app' },
  counter: { vi: 'Trực tiếp tại Bộ phận Một cửa', en: 'Counter' },
  post: { vi: 'Bưu chính', en: 'Post' },
  phone: { vi: 'Điện thoại', en: 'Phone' },
  box: { vi: 'Hòm thư góp ý', en: 'Suggestion box' },
  survey: { vi: 'Phiếu lấy ý kiến', en: 'Survey' },
  email: { vi: 'Thư điện tử', en: 'E-mail' },
  voter_meeting: { vi: 'Ý kiến cử tri', en: 'Voters’ meeting' },
};

/** Channels entered by staff on the sender's behalf (the sender needs no account). */
export const STAFF_CHANNELS: readonly FeedbackChannel[] = ['counter', 'post', 'phone', 'box', 'survey', 'email', 'voter_meeting'];

export const RATINGS = ['very_satisfied', 'satisfied', 'dissatisfied'] as const;
export type Rating = (typeof RATINGS)[number];

export const RATING_LABELS: Record<Rating, { vi: string; en: string }> = {
  very_satisfied: { vi: 'Rất hài lòng', en: 'Very satisfied' },
  satisfied: { vi: 'Hài lòng', en: 'Satisfied' },
  dissatisfied: { vi: 'Không hài lòng', en: 'Dissatisfied' },
};

/**
 * Open311 `status` of a request (§5.15): `open` while the unit works on it, `closed` once
 * published, closed, refused or merged. Items reclassified as complaints or denunciations are not
 * public at all (null).
 */
export function open311Status(s: FeedbackStatus): 'open' | 'closed' | null {
  switch (s) {
    case 'published':
    case 'closed':
    case 'refused':
    case 'merged':
      return 'closed';
    case 'reclassified':
      return null;
    default:
      return 'open';
  }
}

/** mySociety extended statuses (§5.11), lower case as in GET; POST sends them upper case. */
export const EXTENDED_STATUSES = [
  'open',
  'closed',
  'fixed',
  'in_progress',
  'action_scheduled',
  'investigating',
  'duplicate',
  'not_councils_responsibility',
  'no_further_action',
  'internal_referral',
  'reopen',
  'for_triage',
  'planned',
  'cancelled',
] as const;
export type ExtendedStatus = (typeof EXTENDED_STATUSES)[number];

/** Parses an extended status in either case (`FIXED`, `fixed`); null when unknown. */
export function parseExtendedStatus(s: string): ExtendedStatus | null {
  const v = s.trim().toLowerCase();
  return (EXTENDED_STATUSES as readonly string[]).includes(v) ? (v as ExtendedStatus) : null;
}
