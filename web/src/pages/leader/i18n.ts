import i18n from '../../i18n';

/** Texts of the leader's pages (key prefix `ld.`), added when the chunk loads. */
const vi = {
  ld: {
    menu: 'Bảng điều khiển',
    title: 'Bảng điều khiển đơn vị',
    unit: 'Đơn vị',
    asOf: 'Số liệu lúc {{time}}',
    received: 'Tiếp nhận trong tháng',
    receivedSplit: 'Trực tiếp {{counter}} · Trực tuyến {{online}} · Bưu chính {{postal}}',
    resolved: 'Đã giải quyết',
    ontime: 'Tỷ lệ đúng hạn',
    overdue: 'Đang quá hạn',
    dueSoon: 'Sắp đến hạn ({{days}} ngày làm việc)',
    byStep: 'Quá hạn theo bước xử lý',
    byOfficer: 'Quá hạn theo cán bộ',
    step: 'Bước',
    stepUnit: 'Đơn vị',
    active: 'Đang ở bước',
    stepsOverdue: 'Bước quá hạn',
    dossiersOverdue: 'Hồ sơ quá hạn',
    officer: 'Cán bộ',
    oldestDue: 'Hạn sớm nhất',
    noHandler: '(chưa phân công)',
    overdueList: 'Hồ sơ đang quá hạn',
    dueSoonList: 'Hồ sơ sắp đến hạn',
    code: 'Mã hồ sơ',
    procedure: 'Thủ tục',
    due: 'Hạn',
    handler: 'Người xử lý',
    remaining: 'Thời gian',
    none: 'Không có hồ sơ.',
    chartResults: 'Kết quả giải quyết trong tháng',
    chartSteps: 'Hồ sơ quá hạn theo bước',
    early: 'Trước hạn',
    onTimeS: 'Đúng hạn',
    late: 'Trễ hạn',
    chartAlt: 'Biểu đồ; số liệu đầy đủ ở các bảng bên dưới.',
    refresh: 'Cập nhật số liệu',
  },
};

const en: typeof vi = {
  ld: {
    menu: 'Dashboard',
    title: 'Unit dashboard',
    unit: 'Unit',
    asOf: 'Figures as of {{time}}',
    received: 'Received this month',
    receivedSplit: 'Counter {{counter}} · Online {{online}} · Post {{postal}}',
    resolved: 'Resolved',
    ontime: 'On-time rate',
    overdue: 'Overdue now',
    dueSoon: 'Due soon ({{days}} working days)',
    byStep: 'Overdue by processing step',
    byOfficer: 'Overdue by officer',
    step: 'Step',
    stepUnit: 'Unit',
    active: 'At this step',
    stepsOverdue: 'Steps overdue',
    dossiersOverdue: 'Dossiers overdue',
    officer: 'Officer',
    oldestDue: 'Earliest due',
    noHandler: '(not assigned)',
    overdueList: 'Overdue dossiers',
    dueSoonList: 'Dossiers due soon',
    code: 'Dossier code',
    procedure: 'Procedure',
    due: 'Due',
    handler: 'Handler',
    remaining: 'Time',
    none: 'No dossiers.',
    chartResults: 'Results this month',
    chartSteps: 'Overdue dossiers by step',
    early: 'Early',
    onTimeS: 'On time',
    late: 'Late',
    chartAlt: 'Chart; the full figures are in the tables below.',
    refresh: 'Refresh',
  },
};

let added = false;
export function addLeaderTexts(): void {
  if (added) return;
  i18n.addResourceBundle('vi', 'translation', vi, true, false);
  i18n.addResourceBundle('en', 'translation', en, true, false);
  added = true;
}
addLeaderTexts();
