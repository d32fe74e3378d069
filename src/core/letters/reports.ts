/**
 * Report figures (reception-and-letters.md §8): every rate carries its numerator and denominator,
 * and its definition, so that "290 = 91.5%" can be traced to 290 / 317. Pure.
 */

export interface Ratio {
  numerator: number;
  denominator: number;
  /** Percent rounded half-up to one decimal; null when the denominator is 0. */
  percent: number | null;
}

export function ratio(numerator: number, denominator: number): Ratio {
  if (denominator <= 0) return { numerator, denominator, percent: null };
  const p = Math.round((numerator * 1000) / denominator) / 10;
  return { numerator, denominator, percent: p };
}

/** '91,5%' (Vietnamese decimal comma). */
export function percentVi(r: Ratio): string {
  return r.percent === null ? '–' : `${String(r.percent).replace('.', ',')}%`;
}

/** Definitions printed beside the figures (one line each, Vietnamese and English). */
export const FIGURE_DEFINITIONS: Record<string, { vi: string; en: string }> = {
  visits: { vi: 'Lượt tiếp: tổng số lượt (đoàn N người tính N lượt theo quy ước đang áp dụng)', en: 'Visits: headcount over visits (a group of N counts N under the convention in force)' },
  visitsRegular: { vi: 'Tiếp thường xuyên', en: 'Regular reception' },
  visitsLeaders: { vi: 'Tiếp định kỳ và đột xuất của lãnh đạo', en: 'Periodic and ad-hoc reception by leaders' },
  people: { vi: 'Số người: người khác nhau được tiếp', en: 'People: distinct persons received' },
  cases: { vi: 'Số vụ việc: vụ việc khác nhau', en: 'Cases: distinct cases' },
  massGroups: { vi: 'Đoàn đông người: lượt tiếp từ 5 người trở lên cùng nội dung', en: 'Mass groups: visits of 5 or more people on the same content' },
  lettersReceived: { vi: 'Số đơn tiếp nhận trong kỳ (đơn tách tính riêng từng phần)', en: 'Letters logged in the period (split parts counted separately)' },
  notWithinCompetence: { vi: 'Đơn không thuộc thẩm quyền', en: 'Letters not within competence' },
  transferred: { vi: 'Đơn đã chuyển cơ quan có thẩm quyền', en: 'Letters transferred to the competent body' },
  withinCompetence: { vi: 'Đơn thuộc thẩm quyền giải quyết', en: 'Letters within competence' },
  resolved: { vi: 'Đã giải quyết xong / đơn thuộc thẩm quyền', en: 'Resolved / letters within competence' },
  underVerification: { vi: 'Đang kiểm tra, xác minh / đơn thuộc thẩm quyền', en: 'Under verification / letters within competence' },
  handled: { vi: 'Đơn đã xử lý (có kết quả xử lý) / đơn tiếp nhận', en: 'Letters with an outcome / letters received' },
  onTime: { vi: 'Giải quyết đúng hạn / đã giải quyết', en: 'Resolved on time / resolved' },
  overdue: { vi: 'Vụ việc quá hạn chưa giải quyết tại ngày báo cáo, theo đơn vị', en: 'Cases past due and unresolved at the report date, per unit' },
};
