import i18n from '../../i18n';

/**
 * Texts of the statistics pages (key prefix `rp.`): the standard dossier table and the dossier
 * register. Added to the app's bundles when a report page is first loaded.
 */
const vi = {
  rp: {
    title: 'Báo cáo thống kê hồ sơ',
    intro: 'Tình hình tiếp nhận và giải quyết thủ tục hành chính của đơn vị và các đơn vị trực thuộc trong kỳ báo cáo.',
    unit: 'Đơn vị',
    period: 'Kỳ báo cáo',
    periodFrom: 'Từ ngày',
    periodTo: 'Đến ngày (tính cả ngày này)',
    groupBy: 'Thống kê theo',
    groupField: 'Lĩnh vực',
    groupUnit: 'Đơn vị trực thuộc',
    groupProcedure: 'Thủ tục',
    by: 'Tính hồ sơ tại',
    byReceiving: 'Đơn vị tiếp nhận',
    byCompetent: 'Cơ quan giải quyết',
    rule: 'Cách tính đúng hạn',
    ruleLegal: 'Theo hạn pháp lý',
    ruleIndex766: 'Theo chỉ số 2.1 (QĐ 766)',
    show: 'Xem báo cáo',
    excel: 'Tải Excel',
    stt: 'STT',
    total: 'Tổng cộng',
    tableLabel: 'Bảng thống kê hồ sơ (cuộn ngang để xem hết các cột)',
    chartTitle: 'Kết quả giải quyết theo {{group}}',
    chartLabel: 'Biểu đồ cột chồng: số hồ sơ giải quyết trước hạn, đúng hạn, quá hạn và đang giải quyết quá hạn theo {{group}}; đường: tỉ lệ sớm và đúng hạn (%). Số liệu chi tiết ở bảng trên.',
    chartRate: 'Tỉ lệ sớm và đúng hạn (%)',
    chartEmpty: 'Chưa có hồ sơ trong kỳ để vẽ biểu đồ.',
    formula: 'Công thức',
    asOf: 'Số liệu tính đến {{at}}',
    invariantBroken: 'Số liệu dòng “{{name}}” không cân đối: {{left}} ≠ {{right}}.',
    notes: 'Ghi chú',
    periodInvalid: 'Ngày kết thúc phải từ ngày bắt đầu trở đi.',
    noUnit: 'Tài khoản chưa được giao đơn vị để xem báo cáo.',
    registerLink: 'Sổ theo dõi hồ sơ',
    reportLink: 'Báo cáo thống kê',
    // register
    registerTitle: 'Sổ theo dõi hồ sơ',
    registerIntro: 'Danh sách hồ sơ tiếp nhận trong kỳ theo mẫu sổ theo dõi hồ sơ; có thể in hoặc tải Excel.',
    registerLabel: 'Sổ theo dõi hồ sơ (cuộn ngang để xem hết các cột)',
    registerCount: '{{n}} hồ sơ',
    registerForm: '{{title}} ({{basis}})',
    bookNumber: 'Quyển/số',
    hToProcess: 'Nhận giải quyết',
    hReceived: 'Nhận trong kỳ',
    hResolved: 'Kết quả giải quyết',
    hInProgress: 'Đang giải quyết',
    page: 'Trang',
    series: { early: 'Giải quyết trước hạn', onTime: 'Giải quyết đúng hạn', late: 'Giải quyết quá hạn', overdue: 'Đang giải quyết quá hạn', count: 'Hồ sơ' },
  },
};

const en: typeof vi = {
  rp: {
    title: 'Dossier statistics',
    intro: 'Dossiers received and resolved by the unit and its subordinate units in the period.',
    unit: 'Unit',
    period: 'Period',
    periodFrom: 'From',
    periodTo: 'To (inclusive)',
    groupBy: 'Rows by',
    groupField: 'Field',
    groupUnit: 'Subordinate unit',
    groupProcedure: 'Procedure',
    by: 'Count dossiers at',
    byReceiving: 'Receiving unit',
    byCompetent: 'Competent unit',
    rule: 'On-time rule',
    ruleLegal: 'Legal due',
    ruleIndex766: 'Indicator 2.1 (Decision 766)',
    show: 'Show report',
    excel: 'Download Excel',
    stt: 'No.',
    total: 'Total',
    tableLabel: 'Dossier statistics table (scroll sideways to see every column)',
    chartTitle: 'Results by {{group}}',
    chartLabel: 'Stacked bar chart: dossiers resolved early, on time, late, and in progress overdue by {{group}}; line: early and on-time rate (%). The table above has the figures.',
    chartRate: 'Early and on-time rate (%)',
    chartEmpty: 'No dossiers in the period to chart.',
    formula: 'Formula',
    asOf: 'Figures as of {{at}}',
    invariantBroken: 'The figures of row “{{name}}” do not balance: {{left}} ≠ {{right}}.',
    notes: 'Notes',
    periodInvalid: 'The end date must not be before the start date.',
    noUnit: 'Your account has no unit to report on.',
    registerLink: 'Dossier register',
    reportLink: 'Statistics',
    registerTitle: 'Dossier register',
    registerIntro: 'The dossiers received in the period, in the official register form; print it or download it as Excel.',
    registerLabel: 'Dossier register (scroll sideways to see every column)',
    registerCount: '{{n}} dossiers',
    registerForm: '{{title}} ({{basis}})',
    bookNumber: 'Book/number',
    hToProcess: 'To process',
    hReceived: 'Received in period',
    hResolved: 'Resolved',
    hInProgress: 'In progress',
    page: 'Page',
    series: { early: 'Resolved early', onTime: 'Resolved on time', late: 'Resolved late', overdue: 'In progress, overdue', count: 'Dossiers' },
  },
};

let added = false;
export function addReportTexts(): void {
  if (added) return;
  added = true;
  i18n.addResourceBundle('vi', 'translation', vi, true, false);
  i18n.addResourceBundle('en', 'translation', en, true, false);
}
addReportTexts();
