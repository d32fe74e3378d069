-- National reference data of the dossier capability (tenant_id '*' = every tenant; a tenant row with
-- the same key wins). Legal parameters are rows with effective dates and legal basis, never code.

insert into dossier_form_templates(form_set, key, number, title, paper_size, effective_from, effective_to, legal_basis, evidence) values
  ('TT01_2018', 'receipt', '01', 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả', 'A5', '2018-12-21', '2025-09-15', 'Thông tư 01/2018/TT-VPCP, Mẫu số 01', 'to_verify'),
  ('TT01_2018', 'supplement_request', '02', 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ', 'A5', '2018-12-21', '2025-09-15', 'Thông tư 01/2018/TT-VPCP, Mẫu số 02', 'to_verify'),
  ('TT01_2018', 'intake_refusal', '03', 'Phiếu từ chối tiếp nhận giải quyết hồ sơ', 'A5', '2018-12-21', '2025-09-15', 'Thông tư 01/2018/TT-VPCP, Mẫu số 03', 'to_verify'),
  ('TT01_2018', 'apology_extension', '04', 'Phiếu xin lỗi và hẹn lại ngày trả kết quả', 'A5', '2018-12-21', '2025-09-15', 'Thông tư 01/2018/TT-VPCP, Mẫu số 04', 'to_verify'),
  ('TT01_2018', 'stop_notice', null, 'Thông báo dừng giải quyết hồ sơ', 'A4', '2018-12-21', '2025-09-15', 'Không có mẫu trong Thông tư 01/2018/TT-VPCP; dùng văn bản thông báo', 'to_verify'),
  ('TT01_2018', 'control_slip', '05', 'Phiếu kiểm soát quá trình giải quyết hồ sơ', 'A5', '2018-12-21', '2025-09-15', 'Thông tư 01/2018/TT-VPCP, Mẫu số 05', 'to_verify'),
  ('TT01_2018', 'register', '06', 'Sổ theo dõi hồ sơ', 'A4-landscape', '2018-12-21', '2025-09-15', 'Thông tư 01/2018/TT-VPCP, Mẫu số 06', 'to_verify'),
  ('TT03_2025', 'receipt', '01', 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả', 'A5', '2025-09-15', null, 'Thông tư 03/2025/TT-VPCP, Phụ lục I, Mẫu số 01', 'to_verify'),
  ('TT03_2025', 'supplement_request', '02', 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ', 'A5', '2025-09-15', null, 'Thông tư 03/2025/TT-VPCP, Phụ lục I, Mẫu số 02', 'to_verify'),
  ('TT03_2025', 'intake_refusal', '03', 'Phiếu từ chối tiếp nhận giải quyết hồ sơ', 'A5', '2025-09-15', null, 'Thông tư 03/2025/TT-VPCP, Phụ lục I, Mẫu số 03', 'to_verify'),
  ('TT03_2025', 'apology_extension', '04', 'Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết', 'A4', '2025-09-15', null, 'Thông tư 03/2025/TT-VPCP, Phụ lục I, Mẫu số 04', 'to_verify'),
  ('TT03_2025', 'stop_notice', '05', 'Thông báo dừng giải quyết hồ sơ', 'A4', '2025-09-15', null, 'Thông tư 03/2025/TT-VPCP, Phụ lục I, Mẫu số 05', 'to_verify'),
  ('TT03_2025', 'control_slip', '06', 'Phiếu kiểm soát quá trình giải quyết hồ sơ', 'A5', '2025-09-15', null, 'Thông tư 03/2025/TT-VPCP, Phụ lục I, Mẫu số 06', 'to_verify'),
  ('TT03_2025', 'register', '07', 'Sổ theo dõi hồ sơ', 'A4-landscape', '2025-09-15', null, 'Thông tư 03/2025/TT-VPCP, Phụ lục I, Mẫu số 07', 'to_verify');

insert into dossier_status_codes(status, sub_status, dvc_code, label_vi, label_en, public_label_vi) values
  ('draft', '', null, 'Hồ sơ nháp', 'Draft', 'Hồ sơ nháp'),
  ('awaiting_postal_pickup', '', 1, 'Chờ bưu chính thu gom', 'Awaiting postal pick-up', 'Chờ bưu chính thu gom'),
  ('submitted', '', 1, 'Chờ tiếp nhận', 'Submitted', 'Đã nộp, chờ tiếp nhận'),
  ('intake_supplement', '', 5, 'Yêu cầu bổ sung (tiếp nhận)', 'Supplement requested at intake', 'Cần bổ sung hồ sơ để được tiếp nhận'),
  ('refused_at_intake', '', 3, 'Không được tiếp nhận', 'Refused at intake', 'Không được tiếp nhận'),
  ('received', '', 2, 'Đã tiếp nhận', 'Received', 'Đã tiếp nhận'),
  ('in_process', '', 4, 'Đang xử lý', 'In process', 'Đang giải quyết'),
  ('in_process', 'assigned', 4, 'Đang xử lý – đã phân công', 'In process – assigned', 'Đang giải quyết'),
  ('in_process', 'appraising', 4, 'Đang xử lý – thẩm định', 'In process – appraising', 'Đang giải quyết'),
  ('in_process', 'verifying', 4, 'Đang xử lý – xác minh', 'In process – verifying', 'Đang giải quyết'),
  ('in_process', 'approving', 4, 'Đang xử lý – chờ phê duyệt', 'In process – awaiting approval', 'Đang giải quyết'),
  ('consulting', '', 4, 'Đang lấy ý kiến', 'Consulting', 'Đang giải quyết'),
  ('interagency', '', 4, 'Đang xử lý liên thông', 'Inter-agency processing', 'Đang giải quyết (liên thông)'),
  ('supplement_requested', '', 5, 'Chờ bổ sung hồ sơ', 'Waiting for a supplement', 'Cần bổ sung hồ sơ'),
  ('payment_requested', '', 6, 'Chờ thực hiện nghĩa vụ tài chính', 'Waiting for payment', 'Chờ thực hiện nghĩa vụ tài chính'),
  ('resolved', '', 9, 'Đã có kết quả, chờ trả', 'Result ready', 'Đã có kết quả, mời nhận'),
  ('returning_by_post', '', 9, 'Đang chuyển trả qua bưu chính', 'Returning by post', 'Kết quả đang được chuyển qua bưu chính'),
  ('returned', '', 10, 'Đã trả kết quả', 'Returned', 'Đã trả kết quả'),
  ('withdrawal_requested', '', 7, 'Yêu cầu rút hồ sơ', 'Withdrawal requested', 'Đã yêu cầu rút hồ sơ'),
  ('withdrawn', '', 7, 'Đã rút hồ sơ', 'Withdrawn', 'Đã rút hồ sơ'),
  ('stopped', '', 8, 'Dừng xử lý', 'Stopped', 'Dừng giải quyết'),
  ('archived', '', 10, 'Đã lưu trữ', 'Archived', 'Đã trả kết quả');

insert into legal_parameters(tenant_id, key, scope, value, effective_from, legal_basis, evidence) values
  ('*', 'dossier.supplement_window', 'national', '{"workingDays": 3}', '2018-06-21', 'Nghị định 61/2018/NĐ-CP, Điều 19 khoản 4 (trong 03 ngày làm việc kể từ ngày tiếp nhận); kiểm tra lại theo NĐ 118/2025', 'to_verify'),
  ('*', 'dossier.supplement_limit', 'national', '{"flagFrom": 2, "max": null}', '2018-06-21', 'Nghị định 61/2018/NĐ-CP, Điều 15 khoản 3 (bổ sung một lần); giới hạn theo NĐ 118/2025 cần kiểm tra', 'to_verify'),
  ('*', 'dossier.reschedule_limit', 'national', '{"max": 1}', '2018-06-21', 'Nghị định 61/2018/NĐ-CP, Điều 19 khoản 9 (hẹn lại ngày trả kết quả không quá một lần)', 'to_verify'),
  ('*', 'dossier.apology_min_lead', 'national', '{"workingDays": 1}', '2018-06-21', 'Nghị định 61/2018/NĐ-CP, Điều 19 khoản 9 (chậm nhất 01 ngày trước ngày hết hạn; ngày làm việc hay ngày lịch cần kiểm tra)', 'to_verify'),
  ('*', 'dossier.transfer_cutoff', 'national', '{"time": "15:00"}', '2018-06-21', 'Nghị định 61/2018/NĐ-CP, Điều 18 (chuyển trong ngày; nhận sau 15 giờ thì chuyển đầu giờ ngày làm việc tiếp theo)', 'verified'),
  ('*', 'dossier.online_acceptance_flag', 'national', '{"workingDays": 1}', '2018-06-21', 'Quyết định thiết kế (không có số liệu pháp lý): cảnh báo tiếp nhận trực tuyến quá 1 ngày làm việc', 'to_verify'),
  ('*', 'dossier.due_soon', 'national', '{"workingDays": 1}', '2018-06-21', 'Quyết định thiết kế: "Sắp đến hạn" khi còn ≤ 1 ngày làm việc (calendar.md §4.8)', 'to_verify'),
  ('*', 'dossier.code_width', 'national', '{"width": 4}', '2018-12-21', 'Thông tư 01/2018/TT-VPCP, Điều 19 (mã hồ sơ); định dạng theo TT 03/2025 cần kiểm tra', 'to_verify'),
  ('*', 'dossier.classification_rule', 'national', '{"rule": "day"}', '2018-06-21', 'calendar.md §4.7: trước hạn nếu ngày kết thúc trước ngày hẹn trả (quy tắc "day")', 'to_verify'),
  ('*', 'dossier.index766_pause_measure', 'national', '{"measure": "elapsed"}', '2022-06-23', 'Quyết định 766/QĐ-TTg, chỉ số 2.1 (trừ thời gian chờ bổ sung; đo theo thời gian thực hay ngày làm việc cần kiểm tra)', 'to_verify');
