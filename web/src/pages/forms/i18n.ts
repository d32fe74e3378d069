import i18n from '../../i18n';

/** Texts of the printed-form pages (key prefix `pf.`). The forms themselves are always in Vietnamese. */
const vi = {
  pf: {
    title: 'Biểu mẫu',
    print: 'In biểu mẫu',
    pdf: 'Tải PDF',
    back: 'Quay lại hồ sơ',
    paper: 'Khổ giấy {{paper}}',
    formsCard: 'Biểu mẫu đã phát hành',
    noForms: 'Hồ sơ chưa có biểu mẫu nào.',
    viewForm: 'Xem và in',
    names: {
      receipt: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả',
      supplement_request: 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ',
      intake_refusal: 'Phiếu từ chối tiếp nhận giải quyết hồ sơ',
      apology_extension: 'Văn bản xin lỗi và hẹn lại ngày trả kết quả',
      stop_notice: 'Thông báo dừng giải quyết hồ sơ',
      control_slip: 'Phiếu kiểm soát quá trình giải quyết hồ sơ',
    },
  },
};

const en: typeof vi = {
  pf: {
    title: 'Form',
    print: 'Print the form',
    pdf: 'Download PDF',
    back: 'Back to the dossier',
    paper: 'Paper {{paper}}',
    formsCard: 'Forms issued',
    noForms: 'No form has been issued for this dossier yet.',
    viewForm: 'View and print',
    names: {
      receipt: 'Receipt and appointment slip',
      supplement_request: 'Request to supplement the dossier',
      intake_refusal: 'Refusal to accept the dossier',
      apology_extension: 'Apology and new appointment',
      stop_notice: 'Notice of stopping the processing',
      control_slip: 'Processing control slip',
    },
  },
};

let added = false;
export function addFormTexts(): void {
  if (added) return;
  i18n.addResourceBundle('vi', 'translation', vi, true, false);
  i18n.addResourceBundle('en', 'translation', en, true, false);
  added = true;
}
addFormTexts();
