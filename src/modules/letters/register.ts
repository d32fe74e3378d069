/**
 * Sổ tiếp công dân (Mẫu 03/TCD): one row per visit received, numbered per unit per year, with all
 * 13 columns. Columns 11–12 follow the letters and cases the visit led to. CCCD masked; a protected
 * denouncer prints "[được bảo vệ]".
 */
import type { Queryable } from '../../db/types.js';
import { maskCitizenId } from '../../core/access/roles.js';
import { CONTENT_TYPE_LABELS, LETTER_LABELS, PROTECTED_TEXT, caseStatusLabel, refusalGround, type RuleSet } from '../../core/letters/index.js';
import { iso, ruleSetById } from './common.js';

export interface RegisterRow {
  visitId: string;
  /** (1) STT */
  no: number;
  /** (2) Ngày tiếp */
  date: string | null;
  /** (3) Họ tên, địa chỉ */
  nameAddress: string;
  /** (4) CCCD/CMND/Hộ chiếu, masked */
  idNo: string | null;
  /** (5) Nội dung */
  content: string | null;
  /** (6) Loại đơn */
  letterType: string | null;
  /** (7) Số người cùng nội dung */
  peopleCount: number;
  /** (8) Cơ quan đã giải quyết */
  priorBodies: string | null;
  /** (9) Thuộc thẩm quyền (x) */
  withinCompetence: 'x' | '';
  /** (10) Hướng dẫn */
  guidance: string;
  /** (11) Cơ quan, đơn vị thụ lý / chuyển đơn */
  handling: string;
  /** (12) Theo dõi kết quả giải quyết */
  followUp: string;
  /** (13) Ghi chú */
  notes: string;
  kind: string;
  protected: boolean;
}

export const REGISTER_COLUMNS = [
  'STT',
  'Ngày tiếp',
  'Họ tên, địa chỉ',
  'CCCD/CMND/Hộ chiếu',
  'Nội dung',
  'Loại đơn',
  'Số người cùng nội dung',
  'Cơ quan đã giải quyết',
  'Thuộc thẩm quyền',
  'Hướng dẫn',
  'Cơ quan, đơn vị thụ lý / chuyển đơn',
  'Theo dõi kết quả giải quyết',
  'Ghi chú',
] as const;

export async function registerRows(db: Queryable, tenantId: string, unitId: string, year: number): Promise<RegisterRow[]> {
  const rows = (
    await db.query(
      `select v.*,
          (select coalesce(json_agg(json_build_object(
                     'code', l.code, 'status', l.status, 'outcome', l.outcome, 'transferredTo', l.transferred_to, 'transferDocNo', l.transfer_doc_no,
                     'guidedTo', l.guided_to, 'guidanceDocNo', l.guidance_doc_no,
                     'caseCode', c.code, 'caseType', c.type, 'caseStatus', c.status, 'caseUnit', cu.name, 'acceptanceDocNo', c.acceptance_doc_no,
                     'resultNo', coalesce(c.decision_no, c.conclusion_no, c.answer_doc_no)) order by l.code), '[]')
             from letters l left join cases c on c.id = l.case_id left join units cu on cu.id = c.unit_id where l.visit_id = v.id) letters
         from reception_visits v
        where v.tenant_id=$1 and v.unit_id=$2 and v.register_year=$3 and v.register_no is not null
        order by v.register_no`,
      [tenantId, unitId, year],
    )
  ).rows;
  const rsCache = new Map<string, RuleSet>();
  const out: RegisterRow[] = [];
  for (const v of rows) {
    let rs = rsCache.get(v.rule_set_id);
    if (!rs) rsCache.set(v.rule_set_id, (rs = await ruleSetById(db, v.rule_set_id)));
    const letters: any[] = v.letters ?? [];
    const handling = [
      v.handling_body ? `${v.handling_body}${v.handling_doc_no ? ` (${v.handling_doc_no})` : ''}` : null,
      ...letters.map((l) =>
        l.caseCode
          ? `Thụ lý: ${l.caseUnit}${l.acceptanceDocNo ? ` (${l.acceptanceDocNo})` : ''}`
          : l.transferredTo
            ? `Chuyển đơn: ${l.transferredTo}${l.transferDocNo ? ` (${l.transferDocNo})` : ''}`
            : null,
      ),
    ].filter(Boolean);
    const follow = [
      v.follow_up,
      ...letters.map((l) =>
        l.caseCode
          ? `${l.caseCode}: ${caseStatusLabel(l.caseType, l.caseStatus).vi}${l.resultNo ? ` (${l.resultNo})` : ''}`
          : `${l.code}: ${(LETTER_LABELS as any)[l.status]?.vi ?? l.status}`,
      ),
    ].filter(Boolean);
    const guidance = [
      v.guidance_to ? `${v.guidance_to}${v.guidance_doc_no ? ` (${v.guidance_doc_no})` : ''}` : null,
      ...letters.filter((l) => l.guidedTo).map((l) => `${l.guidedTo}${l.guidanceDocNo ? ` (${l.guidanceDocNo})` : ''}`),
    ].filter(Boolean);
    const notes = [
      v.notes,
      v.status === 'refused' ? `Từ chối tiếp: ${refusalGround(rs.rules, v.refusal_reason)?.labelVi ?? v.refusal_reason}${v.refusal_notice_no ? ` (TB số ${v.refusal_notice_no})` : ''}` : null,
      v.mass_group ? 'Đoàn đông người' : null,
      v.kind !== 'regular' ? `Tiếp ${v.kind === 'periodic' ? 'định kỳ' : v.kind === 'ad_hoc' ? 'đột xuất' : 'trực tuyến'}` : null,
      v.answer_text ? `Đã trả lời trực tiếp` : null,
    ].filter(Boolean);
    out.push({
      visitId: v.id,
      no: v.register_no,
      date: iso(v.received_at),
      nameAddress: v.protected ? PROTECTED_TEXT : [v.visitor_name, v.visitor_address].filter(Boolean).join(', '),
      idNo: v.protected ? PROTECTED_TEXT : maskCitizenId(v.visitor_id_no),
      content: v.content_summary,
      letterType: v.content_type ? ((CONTENT_TYPE_LABELS as any)[v.content_type]?.vi ?? v.content_type) : null,
      peopleCount: v.people_count,
      priorBodies: v.prior_bodies,
      withinCompetence: v.within_competence ? 'x' : '',
      guidance: guidance.join('; '),
      handling: handling.join('; '),
      followUp: follow.join('; '),
      notes: notes.join('; '),
      kind: v.kind,
      protected: v.protected,
    });
  }
  return out;
}
