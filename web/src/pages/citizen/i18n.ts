import i18n from '../../i18n';

/**
 * Texts of the citizen's online submission and supplement answer (key prefix `cz.`), added to the
 * app's bundles when one of these chunks loads.
 */
const vi = {
  cz: {
    submitOnline: 'Nộp hồ sơ trực tuyến',
    submitTitle: 'Nộp hồ sơ trực tuyến',
    signInToSubmit: 'Đăng nhập bằng tài khoản công dân để nộp hồ sơ trực tuyến.',
    notOnline: 'Thủ tục này không nhận hồ sơ trực tuyến; vui lòng nộp tại Bộ phận Một cửa.',
    applicant: 'Thông tin người nộp',
    name: 'Họ và tên',
    address: 'Địa chỉ',
    phone: 'Số điện thoại',
    phoneInvalid: 'Số điện thoại gồm 8–20 chữ số',
    email: 'Thư điện tử',
    emailInvalid: 'Thư điện tử không hợp lệ',
    nameRequired: 'Cần nhập họ và tên',
    variant: 'Trường hợp',
    unit: 'Nơi tiếp nhận',
    unitRequired: 'Cần chọn nơi tiếp nhận',
    summary: 'Nội dung đề nghị',
    components: 'Thành phần hồ sơ',
    componentsHelp: 'Tải lên bản điện tử (PDF, ảnh, tệp văn bản) của từng thành phần. Thành phần có dấu * là bắt buộc.',
    chooseFile: 'Chọn tệp',
    fileRequired: 'Cần tải lên tệp cho thành phần bắt buộc này',
    returnTitle: 'Nhận kết quả',
    returnCounter: 'Tại Bộ phận Một cửa',
    returnPost: 'Qua dịch vụ bưu chính (tại địa chỉ)',
    returnAddress: 'Địa chỉ nhận kết quả',
    returnAddressRequired: 'Cần nhập địa chỉ nhận kết quả',
    submit: 'Nộp hồ sơ',
    submitted: 'Đã nộp hồ sơ {{code}}. Bộ phận Một cửa sẽ xem xét tiếp nhận.',
    supplementTitle: 'Yêu cầu bổ sung hồ sơ',
    supplementIntro: 'Cơ quan đề nghị bổ sung các thành phần sau. Tải lên tệp rồi bấm «{{action}}».',
    supplementReason: 'Lý do: {{text}}',
    upload: 'Tải tệp lên',
    uploaded: 'Đã tải lên {{name}}',
    files: 'Tệp đã nộp',
  },
};

const en: typeof vi = {
  cz: {
    submitOnline: 'Apply online',
    submitTitle: 'Online application',
    signInToSubmit: 'Sign in with a citizen account to apply online.',
    notOnline: 'This procedure does not take online applications; please apply at the one-stop counter.',
    applicant: 'Applicant',
    name: 'Full name',
    address: 'Address',
    phone: 'Phone number',
    phoneInvalid: 'A phone number has 8–20 digits',
    email: 'Email',
    emailInvalid: 'Invalid email address',
    nameRequired: 'Enter the full name',
    variant: 'Case',
    unit: 'Receiving office',
    unitRequired: 'Choose the receiving office',
    summary: 'What you request',
    components: 'Documents',
    componentsHelp: 'Upload an electronic copy (PDF, image, text document) of each document. Documents marked * are required.',
    chooseFile: 'Choose a file',
    fileRequired: 'Upload a file for this required document',
    returnTitle: 'Receiving the result',
    returnCounter: 'At the one-stop counter',
    returnPost: 'By post (to an address)',
    returnAddress: 'Delivery address',
    returnAddressRequired: 'Enter the delivery address',
    submit: 'Submit',
    submitted: 'Dossier {{code}} submitted. The one-stop counter will review it.',
    supplementTitle: 'Supplement requested',
    supplementIntro: 'The office asks for the documents below. Upload the files, then press «{{action}}».',
    supplementReason: 'Reason: {{text}}',
    upload: 'Upload a file',
    uploaded: '{{name}} uploaded',
    files: 'Files submitted',
  },
};

let added = false;
export function addCitizenTexts(): void {
  if (added) return;
  i18n.addResourceBundle('vi', 'translation', vi, true, false);
  i18n.addResourceBundle('en', 'translation', en, true, false);
  added = true;
}
addCitizenTexts();
