-- Citizen reception and letters (reception-and-letters.md §2): every deadline, form code,
-- eligibility and reception rule is data in a versioned RuleSet. A visit, letter or case is
-- pinned to the RuleSet in force on its receipt date (transitional clauses, NĐ 156/2026 Art. 10).
-- tenant_id '*' = national rows; a tenant's own row for the same period wins. Rows are closed
-- (effective_to) and replaced, never edited. Each parameter inside `rules` carries its own
-- legal basis and evidence (verified | to_verify).

create table letter_rule_sets (
  id uuid primary key default gen_random_uuid(),
  tenant_id text not null,                  -- '*' = national
  code text not null,
  name text not null,
  effective_from date not null,
  effective_to date,                        -- exclusive; null = open-ended
  legal_basis text not null,
  evidence text not null default 'to_verify' check (evidence in ('verified', 'to_verify')),
  rules jsonb not null,
  created_by uuid,
  created_at timestamptz not null default now(),
  unique (tenant_id, code),
  check (effective_to is null or effective_to > effective_from)
);
create index letter_rule_sets_period on letter_rule_sets(tenant_id, effective_from);

insert into letter_rule_sets(tenant_id, code, name, effective_from, effective_to, legal_basis, evidence, rules) values
('*', 'TCD-KNTC-2014', 'Luật Tiếp công dân 2013, Luật Khiếu nại 2011, Luật Tố cáo 2018; NĐ 64/2014, NĐ 124/2020, NĐ 31/2019; TT 04/2021, TT 05/2021',
 '2014-07-01', '2026-07-01',
 'Luật Tiếp công dân 42/2013/QH13; Luật Khiếu nại 02/2011/QH13; Luật Tố cáo 25/2018/QH14; NĐ 64/2014/NĐ-CP; NĐ 124/2020/NĐ-CP; NĐ 31/2019/NĐ-CP; TT 04/2021/TT-TTCP; TT 05/2021/TT-TTCP',
 'to_verify',
 $rules$
{
  "reception": {
    "reply": {"amount": 10, "unit": "working_days", "legalBasis": "Luật Tiếp công dân 2013, Điều 28 khoản 1", "evidence": "verified"},
    "refusalNotice": {"amount": 3, "unit": "working_days", "legalBasis": "Luật Tiếp công dân 2013, Điều 9; TT 04/2021 (Mẫu 01/TCD)", "evidence": "to_verify"},
    "forwarderInform": {"amount": 7, "unit": "working_days", "legalBasis": "Luật Tiếp công dân 2013, Điều 27 khoản 2", "evidence": "to_verify"},
    "massGroupMin": 5,
    "representatives": [
      {"minPeople": 5, "maxPeople": 10, "minReps": 1, "maxReps": 2},
      {"minPeople": 11, "maxPeople": null, "minReps": 1, "maxReps": 5}
    ],
    "representativesLegalBasis": "Luật Tiếp công dân 2013, Điều 29",
    "periodic": {
      "province": {"period": "month", "minSessions": 1, "legalBasis": "Luật Tiếp công dân 2013, Điều 15", "evidence": "verified"},
      "department": {"period": "month", "minSessions": 1, "legalBasis": "Luật Tiếp công dân 2013, Điều 13", "evidence": "verified"},
      "commune": {"period": "week", "minSessions": 1, "legalBasis": "Luật Tiếp công dân 2013, Điều 15 khoản 3", "evidence": "verified"}
    },
    "periodicDeputyException": {"allowed": true, "requiresReason": true, "legalBasis": "Luật Tiếp công dân 2013, Điều 12–15 (ủy quyền cấp phó khi vắng mặt)", "evidence": "to_verify"},
    "onlineReasons": [],
    "refusalReasons": [
      {"code": "intoxicated", "labelVi": "Người trong tình trạng say do dùng chất kích thích, người mắc bệnh tâm thần hoặc bệnh khác làm mất khả năng nhận thức", "labelEn": "Intoxicated or lacking mental capacity", "noticeRequired": false, "evidence": "to_verify"},
      {"code": "threatens_staff", "labelVi": "Có hành vi đe dọa, xúc phạm người tiếp công dân hoặc vi phạm nội quy nơi tiếp công dân", "labelEn": "Threatens or insults staff, or breaks the office rules", "noticeRequired": false, "evidence": "to_verify"},
      {"code": "resolved_repeated", "labelVi": "Khiếu nại, tố cáo đã được giải quyết đúng chính sách, pháp luật, được kiểm tra, rà soát, trả lời bằng văn bản nhưng vẫn cố ý khiếu nại, tố cáo kéo dài (Điều 9 khoản 3)", "labelEn": "Keeps raising a matter resolved correctly, reviewed and answered in writing (Art. 9(3))", "noticeRequired": true, "evidence": "to_verify"},
      {"code": "weapons", "labelVi": "Mang vũ khí hoặc từ chối kiểm tra an ninh", "labelEn": "Carries weapons or refuses the security check", "noticeRequired": false, "evidence": "to_verify"},
      {"code": "unauthorised_recording", "labelVi": "Ghi âm, ghi hình, phát trực tiếp khi chưa được phép sau khi đã được nhắc nhở", "labelEn": "Records or live-streams without permission after a warning", "noticeRequired": false, "evidence": "to_verify"},
      {"code": "disorder", "labelVi": "Kích động, gây rối trật tự", "labelEn": "Incites others or causes disorder", "noticeRequired": false, "evidence": "to_verify"},
      {"code": "no_capacity_no_representative", "labelVi": "Người mất năng lực hành vi dân sự không có người đại diện", "labelEn": "Lacks legal capacity and has no representative", "noticeRequired": false, "evidence": "to_verify"},
      {"code": "representative_without_papers", "labelVi": "Người đại diện không có giấy tờ hợp lệ", "labelEn": "A representative without papers", "noticeRequired": false, "evidence": "to_verify"},
      {"code": "not_a_letter_matter", "labelVi": "Nội dung không phải khiếu nại, tố cáo, kiến nghị, phản ánh", "labelEn": "Not a complaint, denunciation, petition or feedback", "noticeRequired": false, "evidence": "to_verify"},
      {"code": "repeat_no_new_facts", "labelVi": "Vụ việc đã được trả lời đúng quy định, không có tình tiết mới", "labelEn": "A repeat of a matter already answered properly, with no new facts", "noticeRequired": true, "evidence": "to_verify"},
      {"code": "final_judgment", "labelVi": "Vụ việc đã có bản án, quyết định có hiệu lực pháp luật của Tòa án", "labelEn": "Closed by a final judgment", "noticeRequired": false, "evidence": "to_verify"},
      {"code": "handled_elsewhere", "labelVi": "Vụ việc đang được cơ quan có thẩm quyền khác giải quyết", "labelEn": "Being handled by another competent body", "noticeRequired": false, "evidence": "to_verify"}
    ]
  },
  "letters": {
    "classification": {"amount": 10, "unit": "working_days", "legalBasis": "TT 05/2021/TT-TTCP (thời hạn xử lý đơn)", "evidence": "to_verify"},
    "transferReply": {"amount": 10, "unit": "working_days", "legalBasis": "Luật Khiếu nại 2011 Điều 27; Luật Tố cáo 2018 Điều 24 (thời hạn thông báo thụ lý) – tham số cấu hình để đôn đốc", "evidence": "to_verify"},
    "manyPeopleMin": 5,
    "duplicateSimilarity": 0.45,
    "limitation": {"amount": 90, "unit": "days", "legalBasis": "Luật Khiếu nại 2011, Điều 9", "evidence": "verified"}
  },
  "complaints": {
    "acceptance": {"amount": 10, "unit": "working_days", "legalBasis": "Luật Khiếu nại 2011, Điều 27, 36; TT 07/2013 (ngày làm việc)", "evidence": "to_verify"},
    "firstInstance": {"normal": 30, "complex": 45, "remote": 45, "remoteComplex": 60, "unit": "days", "legalBasis": "Luật Khiếu nại 2011, Điều 28", "evidence": "verified"},
    "secondInstance": {"normal": 45, "complex": 60, "remote": 60, "remoteComplex": 70, "unit": "days", "legalBasis": "Luật Khiếu nại 2011, Điều 37", "evidence": "verified"},
    "secondRequestWindow": {"normal": 30, "remote": 45, "unit": "days", "legalBasis": "Luật Khiếu nại 2011, Điều 33", "evidence": "verified"},
    "suspensionNotice": {"amount": 3, "unit": "working_days", "legalBasis": "Luật Khiếu nại sửa đổi 2025, Điều 11a; NĐ 155/2026 (Mẫu 14a)", "evidence": "to_verify"},
    "suspensionAvailable": false,
    "complexCriteria": ["multi_site_verification", "multiple_contents", "many_people", "foreign_element", "several_bodies", "bodies_disagree", "conflicting_evidence"],
    "complexLegalBasis": "NĐ 124/2020/NĐ-CP (tiêu chí vụ việc phức tạp)"
  },
  "denunciations": {
    "initialHandling": {"normal": 7, "multiSite": 10, "unit": "working_days", "legalBasis": "Luật Tố cáo 2018, Điều 24", "evidence": "verified"},
    "transfer": {"amount": 5, "unit": "working_days", "legalBasis": "Luật Tố cáo 2018, Điều 24 khoản 2", "evidence": "verified"},
    "notifyParties": {"amount": 5, "unit": "working_days", "legalBasis": "Luật Tố cáo 2018, Điều 29", "evidence": "to_verify"},
    "resolution": {"amount": 30, "unit": "days", "legalBasis": "Luật Tố cáo 2018, Điều 30", "evidence": "verified"},
    "extension": {"maxDays": 30, "maxComplex": 1, "maxEspeciallyComplex": 2, "legalBasis": "Luật Tố cáo 2018, Điều 30", "evidence": "verified"}
  },
  "petitions": {
    "answer": {"amount": 15, "unit": "days", "legalBasis": "Không có thời hạn luật định thống nhất; tham số do tỉnh cấu hình", "evidence": "to_verify"}
  },
  "forms": {
    "refusal_notice": {"code": "Mẫu 01/TCD", "titleVi": "Thông báo từ chối tiếp công dân", "legalBasis": "TT 04/2021/TT-TTCP", "evidence": "verified"},
    "documents_receipt": {"code": "Mẫu 02/TCD", "titleVi": "Giấy biên nhận thông tin, tài liệu, bằng chứng", "legalBasis": "TT 04/2021/TT-TTCP", "evidence": "verified"},
    "register": {"code": "Mẫu 03/TCD", "titleVi": "Sổ tiếp công dân", "legalBasis": "TT 04/2021/TT-TTCP", "evidence": "verified"},
    "conclusion_notice": {"code": "Mẫu 04/TCD", "titleVi": "Thông báo kết luận việc tiếp công dân", "legalBasis": "TT 04/2021/TT-TTCP", "evidence": "to_verify"},
    "propose_accept": {"code": "Mẫu 01", "titleVi": "Phiếu đề xuất thụ lý đơn", "legalBasis": "TT 05/2021/TT-TTCP", "evidence": "verified"},
    "transfer_complaint": {"code": "Mẫu 02", "titleVi": "Phiếu chuyển đơn khiếu nại", "legalBasis": "TT 05/2021/TT-TTCP", "evidence": "to_verify"},
    "transfer_denunciation": {"code": "Mẫu 03", "titleVi": "Phiếu chuyển đơn tố cáo", "legalBasis": "TT 05/2021/TT-TTCP", "evidence": "verified"},
    "transfer_petition": {"code": "Mẫu 04", "titleVi": "Phiếu chuyển đơn kiến nghị, phản ánh", "legalBasis": "TT 05/2021/TT-TTCP", "evidence": "to_verify"},
    "guidance": {"code": "Mẫu 05", "titleVi": "Văn bản hướng dẫn", "legalBasis": "TT 05/2021/TT-TTCP", "evidence": "to_verify"},
    "return_originals": {"code": "Mẫu 06", "titleVi": "Phiếu trả lại đơn và giấy tờ, tài liệu gốc", "legalBasis": "TT 05/2021/TT-TTCP", "evidence": "to_verify"},
    "reminder": {"code": "Mẫu 07", "titleVi": "Văn bản đôn đốc giải quyết đơn", "legalBasis": "TT 05/2021/TT-TTCP", "evidence": "to_verify"},
    "suspension": {"code": "Mẫu 14a", "titleVi": "Quyết định tạm đình chỉ việc giải quyết khiếu nại", "legalBasis": "NĐ 155/2026/NĐ-CP", "evidence": "to_verify"},
    "resumption": {"code": "Mẫu 14b", "titleVi": "Quyết định tiếp tục giải quyết khiếu nại", "legalBasis": "NĐ 155/2026/NĐ-CP", "evidence": "to_verify"},
    "extension_decision": {"code": "QĐ gia hạn", "titleVi": "Quyết định gia hạn giải quyết tố cáo", "legalBasis": "Luật Tố cáo 2018, Điều 30", "evidence": "to_verify"},
    "notice_to_respondent": {"code": "TB người bị tố cáo", "titleVi": "Thông báo nội dung tố cáo cho người bị tố cáo", "legalBasis": "Luật Tố cáo 2018, Điều 29", "evidence": "to_verify"}
  },
  "protection": {"purposeMinLength": 10, "alertReadsPerDay": 20, "legalBasis": "Luật Tố cáo 2018, Chương VI; Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15", "evidence": "verified"},
  "reports": {"visitCounting": "headcount", "evidence": "to_verify"},
  "reminders": {"daysAhead": 3}
}
$rules$::jsonb),
('*', 'TCD-KNTC-2026', 'Luật sửa đổi 2025 (TCD, KN, TC); NĐ 154/2026, NĐ 155/2026, NĐ 156/2026',
 '2026-07-01', null,
 'Luật sửa đổi, bổ sung Luật Tiếp công dân, Luật Khiếu nại, Luật Tố cáo (thông qua 10/12/2025, số hiệu cần kiểm tra); NĐ 154/2026/NĐ-CP; NĐ 155/2026/NĐ-CP; NĐ 156/2026/NĐ-CP; TT 04/2021, TT 05/2021 (kiểm tra văn bản thay thế)',
 'to_verify',
 $rules$
{
  "reception": {
    "reply": {"amount": 10, "unit": "working_days", "legalBasis": "Luật Tiếp công dân (sửa đổi 2025), Điều 28 khoản 1", "evidence": "verified"},
    "refusalNotice": {"amount": 3, "unit": "working_days", "legalBasis": "NĐ 154/2026/NĐ-CP, Điều 4 (Mẫu 01/TCD)", "evidence": "to_verify"},
    "forwarderInform": {"amount": 7, "unit": "working_days", "legalBasis": "Luật Tiếp công dân, Điều 27 khoản 2", "evidence": "to_verify"},
    "massGroupMin": 5,
    "representatives": [
      {"minPeople": 5, "maxPeople": 10, "minReps": 1, "maxReps": 2},
      {"minPeople": 11, "maxPeople": null, "minReps": 1, "maxReps": 5}
    ],
    "representativesLegalBasis": "Luật Tiếp công dân, Điều 29",
    "periodic": {
      "province": {"period": "month", "minSessions": 1, "legalBasis": "Luật Tiếp công dân (sửa đổi 2025), Điều 15", "evidence": "to_verify"},
      "department": {"period": "month", "minSessions": 1, "legalBasis": "Luật Tiếp công dân (sửa đổi 2025), Điều 13", "evidence": "to_verify"},
      "commune": {"period": "month", "minSessions": 2, "legalBasis": "Dự thảo Luật sửa đổi 2025, Điều 15 (Chủ tịch UBND cấp xã ≥ 2 ngày/tháng)", "evidence": "to_verify"}
    },
    "periodicDeputyException": {"allowed": false, "requiresReason": true, "legalBasis": "Luật sửa đổi 2025: người đứng đầu không ủy quyền cấp phó tiếp công dân định kỳ", "evidence": "to_verify"},
    "onlineReasons": [
      {"code": "complex_multi_agency", "labelVi": "Vụ việc phức tạp, kéo dài, liên quan nhiều cơ quan", "labelEn": "Complex or prolonged case involving several agencies"},
      {"code": "remote_or_vulnerable", "labelVi": "Người dân ở vùng sâu, vùng xa, đối tượng chính sách, người cao tuổi, người khuyết tật có đề nghị", "labelEn": "Remote area, policy beneficiary, elderly or disabled, on request"},
      {"code": "emergency", "labelVi": "Thiên tai, dịch bệnh, tình hình an ninh", "labelEn": "Disaster, epidemic or security situation"},
      {"code": "complex_denunciation_no_protection", "labelVi": "Vụ việc tố cáo phức tạp và người tố cáo không yêu cầu giữ bí mật", "labelEn": "Complex denunciation; the denouncer does not require identity protection", "requiresNoProtection": true}
    ],
    "onlineLegalBasis": "NĐ 154/2026/NĐ-CP, Điều 16–24",
    "refusalReasons": [
      {"code": "intoxicated", "labelVi": "Người trong tình trạng say do dùng chất kích thích, người mắc bệnh tâm thần hoặc bệnh khác làm mất khả năng nhận thức", "labelEn": "Intoxicated or lacking mental capacity", "noticeRequired": false, "evidence": "to_verify"},
      {"code": "threatens_staff", "labelVi": "Có hành vi đe dọa, xúc phạm người tiếp công dân hoặc vi phạm nội quy nơi tiếp công dân", "labelEn": "Threatens or insults staff, or breaks the office rules", "noticeRequired": false, "evidence": "to_verify"},
      {"code": "resolved_repeated", "labelVi": "Khiếu nại, tố cáo đã được giải quyết đúng chính sách, pháp luật, được kiểm tra, rà soát, trả lời bằng văn bản nhưng vẫn cố ý khiếu nại, tố cáo kéo dài (Điều 9 khoản 3)", "labelEn": "Keeps raising a matter resolved correctly, reviewed and answered in writing (Art. 9(3))", "noticeRequired": true, "evidence": "to_verify"},
      {"code": "weapons", "labelVi": "Mang vũ khí hoặc từ chối kiểm tra an ninh", "labelEn": "Carries weapons or refuses the security check", "noticeRequired": false, "evidence": "verified"},
      {"code": "unauthorised_recording", "labelVi": "Ghi âm, ghi hình, phát trực tiếp khi chưa được phép sau khi đã được nhắc nhở", "labelEn": "Records or live-streams without permission after a warning", "noticeRequired": false, "evidence": "verified"},
      {"code": "disorder", "labelVi": "Kích động, gây rối trật tự", "labelEn": "Incites others or causes disorder", "noticeRequired": false, "evidence": "verified"},
      {"code": "no_capacity_no_representative", "labelVi": "Người mất năng lực hành vi dân sự không có người đại diện", "labelEn": "Lacks legal capacity and has no representative", "noticeRequired": false, "evidence": "verified"},
      {"code": "representative_without_papers", "labelVi": "Người đại diện không có giấy tờ hợp lệ", "labelEn": "A representative without papers", "noticeRequired": false, "evidence": "verified"},
      {"code": "not_a_letter_matter", "labelVi": "Nội dung không phải khiếu nại, tố cáo, kiến nghị, phản ánh", "labelEn": "Not a complaint, denunciation, petition or feedback", "noticeRequired": false, "evidence": "verified"},
      {"code": "repeat_no_new_facts", "labelVi": "Vụ việc đã được trả lời đúng quy định, không có tình tiết mới", "labelEn": "A repeat of a matter already answered properly, with no new facts", "noticeRequired": true, "evidence": "verified"},
      {"code": "final_judgment", "labelVi": "Vụ việc đã có bản án, quyết định có hiệu lực pháp luật của Tòa án", "labelEn": "Closed by a final judgment", "noticeRequired": false, "evidence": "verified"},
      {"code": "handled_elsewhere", "labelVi": "Vụ việc đang được cơ quan có thẩm quyền khác giải quyết", "labelEn": "Being handled by another competent body", "noticeRequired": false, "evidence": "verified"}
    ]
  },
  "letters": {
    "classification": {"amount": 10, "unit": "working_days", "legalBasis": "TT 05/2021/TT-TTCP (thời hạn xử lý đơn); kiểm tra văn bản thay thế sau 01/07/2026", "evidence": "to_verify"},
    "transferReply": {"amount": 10, "unit": "working_days", "legalBasis": "Thời hạn thông báo thụ lý – tham số cấu hình để đôn đốc", "evidence": "to_verify"},
    "manyPeopleMin": 5,
    "duplicateSimilarity": 0.45,
    "limitation": {"amount": 90, "unit": "days", "legalBasis": "Luật Khiếu nại, Điều 9", "evidence": "verified"}
  },
  "complaints": {
    "acceptance": {"amount": 10, "unit": "working_days", "legalBasis": "Luật Khiếu nại, Điều 27, 36; NĐ 155/2026 (đơn vị tính cần kiểm tra)", "evidence": "to_verify"},
    "firstInstance": {"normal": 30, "complex": 45, "remote": 45, "remoteComplex": 60, "unit": "days", "legalBasis": "Luật Khiếu nại, Điều 28", "evidence": "verified"},
    "secondInstance": {"normal": 45, "complex": 60, "remote": 60, "remoteComplex": 70, "unit": "days", "legalBasis": "Luật Khiếu nại, Điều 37", "evidence": "verified"},
    "secondRequestWindow": {"normal": 30, "remote": 45, "unit": "days", "legalBasis": "Luật Khiếu nại, Điều 33", "evidence": "verified"},
    "suspensionNotice": {"amount": 3, "unit": "working_days", "legalBasis": "Luật Khiếu nại (sửa đổi 2025), Điều 11a; NĐ 155/2026, Điều 28a (Mẫu 14a)", "evidence": "to_verify"},
    "suspensionAvailable": true,
    "complexCriteria": ["multi_site_verification", "multiple_contents", "many_people", "foreign_element", "several_bodies", "bodies_disagree", "conflicting_evidence"],
    "complexLegalBasis": "NĐ 155/2026/NĐ-CP, Điều 3a"
  },
  "denunciations": {
    "initialHandling": {"normal": 7, "multiSite": 10, "unit": "working_days", "legalBasis": "Luật Tố cáo, Điều 24", "evidence": "verified"},
    "transfer": {"amount": 5, "unit": "working_days", "legalBasis": "Luật Tố cáo, Điều 24 khoản 2", "evidence": "verified"},
    "notifyParties": {"amount": 5, "unit": "working_days", "legalBasis": "Luật Tố cáo, Điều 29; NĐ 156/2026", "evidence": "to_verify"},
    "resolution": {"amount": 30, "unit": "days", "legalBasis": "Luật Tố cáo, Điều 30", "evidence": "verified"},
    "extension": {"maxDays": 30, "maxComplex": 1, "maxEspeciallyComplex": 2, "legalBasis": "Luật Tố cáo, Điều 30", "evidence": "verified"}
  },
  "petitions": {
    "answer": {"amount": 15, "unit": "days", "legalBasis": "Không có thời hạn luật định thống nhất; tham số do tỉnh cấu hình", "evidence": "to_verify"}
  },
  "forms": {
    "refusal_notice": {"code": "Mẫu 01/TCD", "titleVi": "Thông báo từ chối tiếp công dân", "legalBasis": "NĐ 154/2026/NĐ-CP", "evidence": "to_verify"},
    "documents_receipt": {"code": "Mẫu 02/TCD", "titleVi": "Giấy biên nhận thông tin, tài liệu, bằng chứng", "legalBasis": "NĐ 154/2026/NĐ-CP, Điều 15 khoản 4", "evidence": "to_verify"},
    "register": {"code": "Mẫu 03/TCD", "titleVi": "Sổ tiếp công dân", "legalBasis": "NĐ 154/2026/NĐ-CP", "evidence": "verified"},
    "conclusion_notice": {"code": "Mẫu 04/TCD", "titleVi": "Thông báo kết luận việc tiếp công dân", "legalBasis": "NĐ 154/2026/NĐ-CP, Điều 25", "evidence": "to_verify"},
    "propose_accept": {"code": "Mẫu 01", "titleVi": "Phiếu đề xuất thụ lý đơn", "legalBasis": "TT 05/2021/TT-TTCP", "evidence": "verified"},
    "transfer_complaint": {"code": "Mẫu 02", "titleVi": "Phiếu chuyển đơn khiếu nại", "legalBasis": "TT 05/2021/TT-TTCP", "evidence": "to_verify"},
    "transfer_denunciation": {"code": "Mẫu 03", "titleVi": "Phiếu chuyển đơn tố cáo", "legalBasis": "TT 05/2021/TT-TTCP", "evidence": "verified"},
    "transfer_petition": {"code": "Mẫu 04", "titleVi": "Phiếu chuyển đơn kiến nghị, phản ánh", "legalBasis": "TT 05/2021/TT-TTCP", "evidence": "to_verify"},
    "guidance": {"code": "Mẫu 05", "titleVi": "Văn bản hướng dẫn", "legalBasis": "TT 05/2021/TT-TTCP", "evidence": "to_verify"},
    "return_originals": {"code": "Mẫu 06", "titleVi": "Phiếu trả lại đơn và giấy tờ, tài liệu gốc", "legalBasis": "TT 05/2021/TT-TTCP", "evidence": "to_verify"},
    "reminder": {"code": "Mẫu 07", "titleVi": "Văn bản đôn đốc giải quyết đơn", "legalBasis": "TT 05/2021/TT-TTCP", "evidence": "to_verify"},
    "suspension": {"code": "Mẫu 14a", "titleVi": "Quyết định tạm đình chỉ việc giải quyết khiếu nại", "legalBasis": "NĐ 155/2026/NĐ-CP", "evidence": "to_verify"},
    "resumption": {"code": "Mẫu 14b", "titleVi": "Quyết định tiếp tục giải quyết khiếu nại", "legalBasis": "NĐ 155/2026/NĐ-CP", "evidence": "to_verify"},
    "extension_decision": {"code": "QĐ gia hạn", "titleVi": "Quyết định gia hạn giải quyết tố cáo", "legalBasis": "Luật Tố cáo, Điều 30; NĐ 156/2026", "evidence": "to_verify"},
    "notice_to_respondent": {"code": "TB người bị tố cáo", "titleVi": "Thông báo nội dung tố cáo cho người bị tố cáo", "legalBasis": "Luật Tố cáo, Điều 29", "evidence": "to_verify"}
  },
  "protection": {"purposeMinLength": 10, "alertReadsPerDay": 20, "legalBasis": "Luật Tố cáo (sửa đổi 2025), Chương VI; Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15; NĐ 356/2025/NĐ-CP", "evidence": "verified"},
  "reports": {"visitCounting": "headcount", "evidence": "to_verify"},
  "reminders": {"daysAhead": 3}
}
$rules$::jsonb);
