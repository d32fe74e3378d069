/**
 * Names and labels of citizen reception and letters (reception-and-letters.md; glossary.md).
 * English identifiers in code, Vietnamese on screen, on printed forms and in exports.
 */

export type Label = { vi: string; en: string };

export const VISIT_KINDS = ['regular', 'periodic', 'ad_hoc', 'online'] as const;
export type VisitKind = (typeof VISIT_KINDS)[number];
export const VISIT_KIND_LABELS: Record<VisitKind, Label> = {
  regular: { vi: 'Thường xuyên', en: 'Regular' },
  periodic: { vi: 'Định kỳ', en: 'Periodic (by the head)' },
  ad_hoc: { vi: 'Đột xuất', en: 'Ad hoc' },
  online: { vi: 'Trực tuyến', en: 'Online' },
};
/** Visits counted as "received by leaders" (tiếp định kỳ và đột xuất của lãnh đạo). */
export const LEADER_VISIT_KINDS: readonly VisitKind[] = ['periodic', 'ad_hoc'];

export const SESSION_KINDS = ['periodic', 'ad_hoc', 'online'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

export const CONTENT_TYPES = ['complaint', 'denunciation', 'petition', 'feedback', 'mixed'] as const;
export type ContentType = (typeof CONTENT_TYPES)[number];
export const CONTENT_TYPE_LABELS: Record<ContentType | 'other', Label> = {
  complaint: { vi: 'Khiếu nại', en: 'Complaint' },
  denunciation: { vi: 'Tố cáo', en: 'Denunciation' },
  petition: { vi: 'Kiến nghị', en: 'Petition' },
  feedback: { vi: 'Phản ánh', en: 'Feedback' },
  mixed: { vi: 'Nhiều nội dung', en: 'Mixed content' },
  other: { vi: 'Khác', en: 'Other' },
};

export const LETTER_SOURCES = ['reception', 'post', 'direct_drop', 'online', 'forwarded'] as const;
export type LetterSource = (typeof LETTER_SOURCES)[number];
export const SOURCE_LABELS: Record<LetterSource, Label> = {
  reception: { vi: 'Qua tiếp công dân', en: 'At reception' },
  post: { vi: 'Qua bưu chính', en: 'By post' },
  direct_drop: { vi: 'Trực tiếp tại cơ quan, hòm thư', en: 'Handed in or letter box' },
  online: { vi: 'Trực tuyến', en: 'Online' },
  forwarded: { vi: 'Do cơ quan, tổ chức chuyển đến', en: 'Forwarded by a body' },
};

export const FORWARDER_KINDS = ['na_deputy', 'na_delegation', 'ban_dan_nguyen', 'peoples_council', 'fatherland_front', 'higher_body', 'press', 'other'] as const;
export type ForwarderKind = (typeof FORWARDER_KINDS)[number];

export const COMPETENT_SYSTEMS = ['administration', 'elected', 'judicial', 'party', 'public_service', 'state_enterprise'] as const;
export type CompetentSystem = (typeof COMPETENT_SYSTEMS)[number];
export const COMPETENT_SYSTEM_LABELS: Record<CompetentSystem, Label> = {
  administration: { vi: 'Hành chính', en: 'Administration' },
  elected: { vi: 'Cơ quan dân cử', en: 'Elected bodies' },
  judicial: { vi: 'Tòa án, Viện kiểm sát, Thi hành án', en: 'Courts, procuracy, enforcement' },
  party: { vi: 'Đảng, đoàn thể', en: 'Party and mass organisations' },
  public_service: { vi: 'Đơn vị sự nghiệp công lập', en: 'Public service units' },
  state_enterprise: { vi: 'Doanh nghiệp nhà nước', en: 'State enterprises' },
};

export const ARCHIVE_REASONS = [
  'not_eligible',
  'duplicate',
  'already_guided',
  'already_transferred',
  'sent_to_many_incl_competent',
  'anonymous',
  'withdrawn',
  'no_further_step',
  'other',
] as const;
export type ArchiveReason = (typeof ARCHIVE_REASONS)[number];
export const ARCHIVE_REASON_LABELS: Record<ArchiveReason, Label> = {
  not_eligible: { vi: 'Đơn không đủ điều kiện xử lý', en: 'Not eligible' },
  duplicate: { vi: 'Đơn trùng nội dung', en: 'Duplicate' },
  already_guided: { vi: 'Đã hướng dẫn một lần cùng nội dung', en: 'Already guided once on the same content' },
  already_transferred: { vi: 'Đơn tố cáo đã được chuyển một lần', en: 'Denunciation already transferred once' },
  sent_to_many_incl_competent: { vi: 'Đơn gửi nhiều nơi, đã gửi đúng cơ quan có thẩm quyền', en: 'Sent to many bodies including the competent one' },
  anonymous: { vi: 'Đơn tố cáo nặc danh, mạo danh, không rõ người tố cáo', en: 'Anonymous denunciation' },
  withdrawn: { vi: 'Người gửi rút đơn', en: 'Withdrawn by the sender' },
  no_further_step: { vi: 'Đã được giải quyết, không còn bước tiếp theo', en: 'Already handled; no further step allowed' },
  other: { vi: 'Lý do khác', en: 'Other reason' },
};

export const INELIGIBLE_REASONS = [
  'not_vietnamese',
  'undated',
  'no_name',
  'no_address',
  'unsigned',
  'no_respondent',
  'no_content',
  'no_reasons',
  'no_request',
  'no_violation',
  'already_handled',
  'time_barred',
] as const;
export type IneligibleReason = (typeof INELIGIBLE_REASONS)[number];
export const INELIGIBLE_LABELS: Record<IneligibleReason, Label> = {
  not_vietnamese: { vi: 'Đơn không viết bằng tiếng Việt', en: 'Not in Vietnamese' },
  undated: { vi: 'Đơn không ghi ngày, tháng, năm', en: 'Not dated' },
  no_name: { vi: 'Không ghi họ tên người viết đơn', en: 'No name' },
  no_address: { vi: 'Không ghi địa chỉ người viết đơn', en: 'No address' },
  unsigned: { vi: 'Không có chữ ký hoặc điểm chỉ', en: 'Neither signed nor finger-printed' },
  no_respondent: { vi: 'Không nêu cơ quan, người bị khiếu nại', en: 'Does not name the body or person complained about' },
  no_content: { vi: 'Không nêu rõ nội dung', en: 'Does not state the content' },
  no_reasons: { vi: 'Không nêu lý do khiếu nại', en: 'Does not state the reasons' },
  no_request: { vi: 'Không nêu yêu cầu giải quyết', en: 'Does not state the request' },
  no_violation: { vi: 'Không nêu người vi phạm và hành vi vi phạm', en: 'Does not name the violator and the violation' },
  already_handled: { vi: 'Vụ việc đã được giải quyết, không còn bước tiếp theo', en: 'Already handled; no further step' },
  time_barred: { vi: 'Hết thời hiệu khiếu nại (90 ngày)', en: 'Time-barred (90-day limitation)' },
};

export const CASE_TYPES = ['complaint', 'denunciation', 'petition'] as const;
export type CaseType = (typeof CASE_TYPES)[number];
export const CASE_TYPE_LABELS: Record<CaseType, Label> = {
  complaint: { vi: 'Khiếu nại', en: 'Complaint' },
  denunciation: { vi: 'Tố cáo', en: 'Denunciation' },
  petition: { vi: 'Kiến nghị, phản ánh', en: 'Petition or feedback' },
};

/** The case type a letter content opens. */
export function caseTypeOf(content: ContentType): CaseType | null {
  if (content === 'complaint') return 'complaint';
  if (content === 'denunciation') return 'denunciation';
  if (content === 'petition' || content === 'feedback') return 'petition';
  return null;
}

export const COMPLEX_CRITERIA_LABELS: Record<string, Label> = {
  multi_site_verification: { vi: 'Phải xác minh ở từ hai nơi trở lên', en: 'Verification needed in two or more places' },
  multiple_contents: { vi: 'Có từ hai nội dung trở lên', en: 'Two or more contents' },
  many_people: { vi: 'Nhiều người khiếu nại hoặc nhiều người bị ảnh hưởng', en: 'Many complainants or people affected' },
  foreign_element: { vi: 'Có yếu tố nước ngoài', en: 'Foreign element' },
  several_bodies: { vi: 'Liên quan trách nhiệm của nhiều cơ quan', en: 'Several bodies responsible' },
  bodies_disagree: { vi: 'Các cơ quan có ý kiến khác nhau', en: 'The bodies disagree' },
  conflicting_evidence: { vi: 'Chứng cứ mâu thuẫn', en: 'Conflicting evidence' },
};

/** What everyone not entitled to a protected identity sees in its place. */
export const PROTECTED_TEXT = '[được bảo vệ]';
export const PROTECTED_LABEL_VI = `Người tố cáo: ${PROTECTED_TEXT}`;
