/**
 * Demo feedback data: categories per field × class (e.g. PAKN-DATDAI-QD), routing rules by
 * category and commune, commune centres for routing by point, the Open311 client whose key is
 * `demo-open311-key` (stored hashed), and with scale 'full' about a year of feedback in every state.
 */
import type { SeedContext } from '../../db/seed.js';
import type { Queryable } from '../../db/types.js';
import type { CategoryAttribute, FeedbackAction, FeedbackChannel } from '../../core/feedback/index.js';
import { loadUser } from '../auth/sessions.js';
import { unitScope } from '../auth/scope.js';
import { HANDLING_ROLES, PUBLISHING_ROLES, type Actor } from './policy.js';
import { performActionIn, submitFeedback } from './service.js';
import { hashKey, issueClient } from './clients.js';
import { audit } from '../audit.js';

export const DEMO_OPEN311_KEY = 'demo-open311-key';

interface DemoField {
  code: string;
  name: string;
  /** Department code handling the field (category rule), or null: the commune handles it. */
  department: string | null;
  anonymousRegulation: boolean;
  keywords: string;
}

const FIELDS: DemoField[] = [
  { code: 'DATDAI', name: 'Đất đai', department: '000.00.13.H55', anonymousRegulation: false, keywords: 'đất đai,sổ đỏ,giấy chứng nhận,thu hồi đất' },
  { code: 'XAYDUNG', name: 'Xây dựng', department: '000.00.14.H55', anonymousRegulation: true, keywords: 'xây dựng,giấy phép xây dựng,trật tự xây dựng' },
  { code: 'MOITRUONG', name: 'Môi trường', department: null, anonymousRegulation: true, keywords: 'rác thải,ô nhiễm,tiếng ồn,nước thải' },
  { code: 'GIAOTHONG', name: 'Giao thông, hạ tầng đô thị', department: null, anonymousRegulation: true, keywords: 'đường hỏng,ổ gà,đèn chiếu sáng,biển báo' },
  { code: 'HOTICH', name: 'Hộ tịch, chứng thực', department: null, anonymousRegulation: false, keywords: 'khai sinh,kết hôn,chứng thực' },
  { code: 'DKKD', name: 'Đăng ký kinh doanh', department: '000.00.15.H55', anonymousRegulation: false, keywords: 'đăng ký doanh nghiệp,hộ kinh doanh' },
  { code: 'YTE', name: 'Y tế', department: '000.00.17.H55', anonymousRegulation: true, keywords: 'bệnh viện,trạm y tế,bảo hiểm y tế' },
  { code: 'LAODONG', name: 'Lao động, việc làm', department: '000.00.16.H55', anonymousRegulation: false, keywords: 'bảo hiểm thất nghiệp,việc làm,tiền lương' },
];

const ATTRIBUTES: Record<string, CategoryAttribute[]> = {
  'PAKN-GIAOTHONG-QD': [
    {
      code: 'loai_su_co',
      datatype: 'singlevaluelist',
      required: true,
      variable: true,
      order: 1,
      description: 'Loại sự cố',
      values: [
        { key: 'o_ga', name: 'Đường hỏng, ổ gà' },
        { key: 'den', name: 'Đèn chiếu sáng hỏng' },
        { key: 'bien_bao', name: 'Biển báo, vạch sơn' },
        { key: 'khac', name: 'Khác' },
      ],
    },
    { code: 'huong_dan', datatype: 'text', required: false, variable: false, order: 2, description: 'Trường hợp khẩn cấp gây nguy hiểm, vui lòng gọi 113 hoặc đường dây nóng của tỉnh.' },
  ],
  'PAKN-MOITRUONG-QD': [
    {
      code: 'muc_do',
      datatype: 'singlevaluelist',
      required: false,
      variable: true,
      order: 1,
      description: 'Mức độ ảnh hưởng',
      values: [
        { key: 'nhe', name: 'Nhẹ' },
        { key: 'vua', name: 'Trung bình' },
        { key: 'nang', name: 'Nghiêm trọng' },
      ],
    },
    { code: 'thoi_diem', datatype: 'datetime', required: false, variable: true, order: 2, description: 'Thời điểm phát hiện' },
  ],
};

/** Approximate centres of the demo communes (illustrative data, not official boundaries). */
const PLACES: { code: string; lat: number; lng: number; radiusM: number }[] = [
  { code: '000.20.01.H55', lat: 21.5928, lng: 105.844, radiusM: 2500 },
  { code: '000.20.02.H55', lat: 21.5735, lng: 105.8555, radiusM: 2500 },
  { code: '000.20.03.H55', lat: 21.604, lng: 105.809, radiusM: 3000 },
  { code: '000.20.04.H55', lat: 21.553, lng: 105.86, radiusM: 3000 },
  { code: '000.20.05.H55', lat: 21.612, lng: 105.882, radiusM: 3500 },
  { code: '000.20.06.H55', lat: 21.535, lng: 105.815, radiusM: 5000 },
  { code: '000.20.07.H55', lat: 21.49, lng: 105.97, radiusM: 8000 },
  { code: '000.20.08.H55', lat: 21.91, lng: 105.64, radiusM: 12000 },
  { code: '000.20.09.H55', lat: 21.76, lng: 106.06, radiusM: 12000 },
  { code: '000.20.10.H55', lat: 21.655, lng: 105.915, radiusM: 8000 },
];

const DEMO_BASIS = 'Quy chế tiếp nhận, xử lý phản ánh, kiến nghị của UBND tỉnh (dữ liệu minh họa)';

async function seedReference(q: Queryable, ctx: SeedContext): Promise<void> {
  const { tenantId, units } = ctx;
  let order = 0;
  for (const f of FIELDS) {
    for (const cls of ['regulation', 'conduct'] as const) {
      const code = `PAKN-${f.code}-${cls === 'regulation' ? 'QD' : 'HV'}`;
      const exists = await q.query('select 1 from feedback_categories where tenant_id=$1 and code=$2', [tenantId, code]);
      order += 10;
      if (exists.rowCount) continue;
      const name = cls === 'regulation' ? `${f.name} – về quy định, thủ tục hành chính` : `${f.name} – về hành vi, thái độ của cán bộ, công chức`;
      const description =
        cls === 'regulation'
          ? `Phản ánh, kiến nghị về quy định hành chính, thủ tục trong lĩnh vực ${f.name.toLowerCase()} hoặc sự việc cần cơ quan nhà nước xử lý.`
          : `Phản ánh về hành vi chậm trễ, gây phiền hà, không thực hiện hoặc thực hiện không đúng quy định của cán bộ, công chức trong lĩnh vực ${f.name.toLowerCase()}.`;
      await q.query(
        `insert into feedback_categories(tenant_id, code, name, description, field_code, field_name, class, keywords, allow_anonymous, duplicate_radius_m,
           attributes, default_unit_id, sort_order)
         values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)`,
        [
          tenantId,
          code,
          name,
          description,
          f.code,
          f.name,
          cls,
          f.keywords,
          cls === 'regulation' && f.anonymousRegulation,
          f.code === 'GIAOTHONG' || f.code === 'MOITRUONG' ? 150 : 300,
          JSON.stringify(ATTRIBUTES[code] ?? []),
          f.department ? units.get(f.department) : units.get('000.00.02.H55'),
          order,
        ],
      );
    }
  }
  const cats = new Map<string, string>((await q.query('select code, id from feedback_categories where tenant_id=$1', [tenantId])).rows.map((r: any) => [r.code, r.id]));
  const hasRules = await q.query('select 1 from feedback_routing_rules where tenant_id=$1 limit 1', [tenantId]);
  if (!hasRules.rowCount) {
    const rule = (categoryCode: string | null, commune: string | null, target: string, priority = 100) =>
      q.query(
        `insert into feedback_routing_rules(tenant_id, category_id, commune_unit_id, target_unit_id, priority, effective_from, legal_basis)
         values ($1,$2,$3,$4,$5,'2025-07-01',$6)`,
        [tenantId, categoryCode ? cats.get(categoryCode) : null, commune ? units.get(commune) : null, units.get(target), priority, DEMO_BASIS],
      );
    // Department fields go to the department wherever they happen…
    for (const f of FIELDS.filter((x) => x.department)) {
      await rule(`PAKN-${f.code}-QD`, null, f.department!);
      await rule(`PAKN-${f.code}-HV`, null, f.department!);
    }
    // …except where a ward handles construction order itself.
    await rule('PAKN-XAYDUNG-QD', '000.20.01.H55', '000.20.01.H55', 50);
    // Everything else goes to the commune where it happens.
    for (const p of PLACES) await rule(null, p.code, p.code);
  }
  for (const p of PLACES) {
    await q.query(
      `insert into feedback_places(tenant_id, unit_id, lat, lng, radius_m) values ($1,$2,$3,$4,$5) on conflict (tenant_id, unit_id) do nothing`,
      [tenantId, units.get(p.code), p.lat, p.lng, p.radiusM],
    );
  }
  const client = await q.query('select 1 from open311_clients where key_hash=$1', [hashKey(DEMO_OPEN311_KEY)]);
  if (!client.rowCount) {
    await issueClient(
      q,
      tenantId,
      { name: 'FixMyStreet Thái Nguyên (minh họa)', contact: 'open311@thainguyen.gov.vn', jurisdictions: ['thainguyen.gov.vn'], key: DEMO_OPEN311_KEY },
      ctx.users.get('admin') ?? null,
    );
  }
}

// ------------------------------------------------------------------ generated history (scale 'full')

/** Small deterministic generator (mulberry32), so that the demo data is the same every time. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý', 'Ma', 'La'];
const MIDDLE = ['Văn', 'Thị', 'Đức', 'Minh', 'Thu', 'Quang', 'Ngọc', 'Hữu', 'Thanh', 'Xuân'];
const GIVEN = ['An', 'Bình', 'Cường', 'Dung', 'Giang', 'Hà', 'Hải', 'Hoa', 'Hùng', 'Lan', 'Long', 'Mai', 'Nam', 'Phương', 'Quân', 'Sơn', 'Thảo', 'Tuấn', 'Vân', 'Yến'];

const TEXTS: Record<string, { regulation: string[]; conduct: string[] }> = {
  DATDAI: {
    regulation: [
      'Hồ sơ cấp giấy chứng nhận quyền sử dụng đất của gia đình tôi nộp đã lâu nhưng chưa được giải quyết, đề nghị cơ quan chức năng xem xét.',
      'Đề nghị công khai rõ thành phần hồ sơ chuyển mục đích sử dụng đất vì mỗi lần nộp lại được yêu cầu thêm giấy tờ khác nhau.',
      'Kiến nghị điều chỉnh bảng giá đất tại khu vực vì chênh lệch lớn so với giá thực tế, ảnh hưởng đến tiền bồi thường.',
    ],
    conduct: ['Cán bộ địa chính hẹn nhiều lần nhưng không đến đo đạc thửa đất như đã thống nhất.', 'Cán bộ tiếp nhận yêu cầu nộp thêm giấy tờ không có trong danh mục đã công bố.'],
  },
  XAYDUNG: {
    regulation: [
      'Công trình xây dựng trong ngõ lấn chiếm lối đi chung, vật liệu đổ ra đường gây cản trở đi lại.',
      'Đề nghị hướng dẫn rõ trường hợp sửa chữa nhà ở có phải xin giấy phép xây dựng hay không.',
      'Công trình thi công ban đêm gây ồn, không có biển báo công trình theo quy định.',
    ],
    conduct: ['Cán bộ phụ trách cấp phép xây dựng trả lời không rõ ràng, yêu cầu đi lại nhiều lần.'],
  },
  MOITRUONG: {
    regulation: [
      'Rác thải sinh hoạt tập kết tại đầu ngõ nhiều ngày không được thu gom, bốc mùi hôi ảnh hưởng các hộ dân xung quanh.',
      'Cơ sở sản xuất xả nước thải chưa qua xử lý ra mương thoát nước chung, nước có màu và mùi lạ.',
      'Khói bụi từ bãi đốt rác tự phát gần khu dân cư vào buổi tối.',
      'Tiếng ồn từ quán karaoke kéo dài quá 23 giờ hằng đêm.',
    ],
    conduct: ['Tổ thu gom rác thu phí vệ sinh cao hơn mức quy định nhưng không cấp biên lai.'],
  },
  GIAOTHONG: {
    regulation: [
      'Mặt đường xuất hiện nhiều ổ gà lớn, trời mưa đọng nước gây nguy hiểm cho người đi xe máy.',
      'Đèn chiếu sáng trên tuyến đường bị hỏng nhiều ngày, buổi tối rất tối và mất an toàn.',
      'Biển báo tốc độ tại nút giao bị đổ, đề nghị thay thế.',
      'Nắp cống bị vỡ ngay trên vỉa hè trước cổng trường học.',
    ],
    conduct: ['Lực lượng trật tự đô thị xử lý vi phạm lấn chiếm vỉa hè không công bằng giữa các hộ.'],
  },
  HOTICH: {
    regulation: ['Thủ tục đăng ký khai sinh trực tuyến yêu cầu tải lên giấy tờ đã có trong cơ sở dữ liệu dân cư.', 'Đề nghị cho phép chứng thực bản sao điện tử từ bản chính vào buổi sáng thứ Bảy.'],
    conduct: ['Công chức tư pháp – hộ tịch có thái độ thiếu niềm nở khi hướng dẫn người dân.'],
  },
  DKKD: {
    regulation: ['Hệ thống đăng ký hộ kinh doanh trực tuyến thường xuyên lỗi khi ký số.', 'Đề nghị rút ngắn thời gian cấp lại giấy chứng nhận đăng ký doanh nghiệp.'],
    conduct: ['Chuyên viên trả hồ sơ nhiều lần mà không nêu đầy đủ nội dung cần sửa trong một lần.'],
  },
  YTE: {
    regulation: ['Thủ tục chuyển tuyến bảo hiểm y tế còn phức tạp, người bệnh phải đi lại nhiều lần.', 'Trạm y tế chưa niêm yết giá dịch vụ khám chữa bệnh.'],
    conduct: ['Nhân viên tiếp đón tại bệnh viện có thái độ thiếu tôn trọng người bệnh cao tuổi.'],
  },
  LAODONG: {
    regulation: ['Hồ sơ hưởng trợ cấp thất nghiệp nộp quá hạn trả kết quả nhưng chưa nhận được thông báo.', 'Đề nghị công khai danh sách doanh nghiệp nợ bảo hiểm xã hội trên địa bàn.'],
    conduct: ['Cán bộ tiếp nhận hồ sơ trợ cấp yêu cầu nộp bản sao có chứng thực dù đã xuất trình bản chính.'],
  },
};

const ANSWERS = [
  'UBND đã giao cơ quan chuyên môn kiểm tra thực tế, xác nhận nội dung phản ánh là đúng và đã xử lý dứt điểm. Cảm ơn ông/bà đã phản ánh.',
  'Qua kiểm tra, nội dung phản ánh đúng một phần. Đơn vị đã chấn chỉnh, nhắc nhở cán bộ liên quan và hướng dẫn lại quy trình cho người dân.',
  'Đơn vị đã phối hợp với đơn vị thu gom, bố trí xử lý trong ngày và tăng tần suất kiểm tra tại khu vực.',
  'Quy định hiện hành do cơ quan trung ương ban hành; đơn vị đã tổng hợp kiến nghị để báo cáo cấp có thẩm quyền xem xét sửa đổi.',
  'Đơn vị đã sửa chữa, khắc phục sự cố và sẽ tiếp tục theo dõi, bảo trì định kỳ.',
];

const REFUSALS = ['Nội dung không rõ ràng, không có thông tin liên hệ để xác minh (Điều 7 NĐ 20/2008).', 'Nội dung không thuộc phạm vi phản ánh, kiến nghị về quy định hành chính.'];

type Plan = 'refused' | 'supplement_pending' | 'forwarded' | 'merged' | 'reclassified' | 'received' | 'assigned' | 'answered' | 'published' | 'closed' | 'reopened' | 'reopened_answered';

function pickPlan(r: () => number, ageDays: number): Plan {
  if (ageDays < 4) return r() < 0.6 ? 'received' : 'assigned';
  if (ageDays < 20) {
    const x = r();
    if (x < 0.15) return 'supplement_pending';
    if (x < 0.45) return 'assigned';
    if (x < 0.7) return 'answered';
    return 'published';
  }
  const x = r();
  if (x < 0.07) return 'refused';
  if (x < 0.12) return 'forwarded';
  if (x < 0.16) return 'merged';
  if (x < 0.18) return 'reclassified';
  if (x < 0.21) return 'answered';
  if (x < 0.5) return 'published';
  if (x < 0.82) return 'closed';
  if (x < 0.92) return 'reopened';
  return 'reopened_answered';
}

const DAY = 86_400_000;

/** A working-hours instant on a weekday, `days` after `t` (roughly; the legal clock judges it). */
function later(t: Date, days: number, r: () => number): Date {
  let d = new Date(t.getTime() + days * DAY);
  // Move into office hours (local 08:00–16:30) and off weekends.
  const local = new Date(d.getTime() + 7 * 3600_000);
  const wd = local.getUTCDay();
  if (wd === 6) d = new Date(d.getTime() + 2 * DAY);
  if (wd === 0) d = new Date(d.getTime() + DAY);
  const l2 = new Date(d.getTime() + 7 * 3600_000);
  const minutes = 8 * 60 + Math.floor(r() * 8.5 * 60);
  const dayStartUtc = Date.UTC(l2.getUTCFullYear(), l2.getUTCMonth(), l2.getUTCDate()) - 7 * 3600_000;
  return new Date(dayStartUtc + minutes * 60_000);
}

async function staffFor(q: Queryable, ctx: SeedContext, unitId: string, publishing: boolean, cache: Map<string, string>): Promise<Actor> {
  const key = `${unitId}|${publishing}`;
  let userId = cache.get(key);
  if (!userId) {
    const candidates = publishing ? ['lanhdao.pdp', 'lanhdao', 'lanhdao.nnmt'] : ['chuyenvien.pdp', 'chuyenvien', 'chuyenvien.nnmt', 'tiepnhan.pdp'];
    for (const name of candidates) {
      const id = ctx.users.get(name);
      if (!id) continue;
      const u = await loadUser(q, id);
      if (u && (await unitScope(q, u, publishing ? PUBLISHING_ROLES : HANDLING_ROLES)).includes(unitId)) {
        userId = id;
        break;
      }
    }
    userId = userId ?? ctx.users.get('admin')!;
    cache.set(key, userId);
  }
  return { tenantId: ctx.tenantId, user: await loadUser(q, userId), ip: null };
}

async function seedHistory(ctx: SeedContext, count: number): Promise<void> {
  const { db, tenantId } = ctx;
  const r = rng(20260501);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const cats = (await db.query('select code, class, field_code, allow_anonymous, attributes from feedback_categories where tenant_id=$1 and active', [tenantId])).rows;
  const places = PLACES;
  const client = (await db.query('select id from open311_clients where key_hash=$1', [hashKey(DEMO_OPEN311_KEY)])).rows[0]?.id as string | undefined;
  const citizens = ['congdan1', 'congdan2'].map((u) => ctx.users.get(u)).filter(Boolean) as string[];
  const staffCache = new Map<string, string>();
  const start = ctx.now.getTime() - 365 * DAY;
  const times = Array.from({ length: count }, () => start + r() * (ctx.now.getTime() - start - 2 * 3600_000)).sort((a, b) => a - b);
  for (const t0 of times) {
    const receivedAt = later(new Date(t0), 0, r);
    if (receivedAt.getTime() > ctx.now.getTime()) continue;
    const ageDays = (ctx.now.getTime() - receivedAt.getTime()) / DAY;
    const cat = pick(cats);
    const cls = cat.class as 'regulation' | 'conduct';
    const place = pick(places);
    const lat = place.lat + (r() - 0.5) * 0.02;
    const lng = place.lng + (r() - 0.5) * 0.02;
    const anonymous = cat.allow_anonymous && r() < 0.35;
    const viaOpen311 = !!client && r() < 0.15;
    const signedIn = !viaOpen311 && !anonymous && r() < 0.2 && citizens.length > 0;
    const name = `${pick(SURNAMES)} ${pick(MIDDLE)} ${pick(GIVEN)}`;
    const phone = `09${Math.floor(10_000_000 + r() * 89_999_999)}`;
    const attrs: Record<string, string> = {};
    for (const a of (cat.attributes ?? []) as CategoryAttribute[]) if (a.required && a.values?.length) attrs[a.code] = pick(a.values).key;
    const channel: FeedbackChannel = viaOpen311 ? 'app' : r() < 0.8 ? 'portal' : 'app';
    const plan = pickPlan(r, ageDays);
    const submitter: Actor = viaOpen311
      ? { tenantId, user: null, clientId: client!, ip: null }
      : { tenantId, user: signedIn ? await loadUser(db, pick(citizens)) : null, ip: null };
    const visibility = r() < 0.06 ? 'private' : 'public';
    await db.tx(async (q) => {
      const s = await submitFeedback(
        q,
        submitter,
        {
          categoryCode: cat.code,
          description: pick(TEXTS[cat.field_code]?.[cls] ?? ['Đề nghị cơ quan chức năng xem xét, giải quyết.']),
          lat: Math.round(lat * 1e6) / 1e6,
          lng: Math.round(lng * 1e6) / 1e6,
          address: r() < 0.5 ? `Tổ ${1 + Math.floor(r() * 20)}` : null,
          anonymous,
          contactName: anonymous || signedIn ? null : name,
          contactPhone: anonymous || signedIn ? null : phone,
          visibility,
          channel,
          attributes: attrs,
          open311: viaOpen311 ? { clientId: client! } : undefined,
        },
        [],
        receivedAt,
      );
      let t = receivedAt;
      let version = 1;
      const unit = () => q.query('select competent_unit_id from feedback where id=$1', [s.id]).then((x) => x.rows[0].competent_unit_id as string);
      const act = async (action: FeedbackAction, body: Record<string, unknown>, days: number, as?: Actor): Promise<boolean> => {
        const when = later(t, days, r);
        if (when.getTime() > ctx.now.getTime()) return false;
        const actor = as ?? (await staffFor(q, ctx, await unit(), action === 'publish', staffCache));
        const res = await performActionIn(q, actor, s.id, action, { version, ...body }, when);
        version = res.version;
        t = when;
        return true;
      };
      const owner: Actor = viaOpen311 ? submitter : { ...submitter, trackedItemId: s.id };
      const lateAnswer = r() < 0.12;
      switch (plan) {
        case 'received':
          return;
        case 'refused':
          await act('refuse', { reason: pick(REFUSALS) }, r() < 0.9 ? 1 : 4);
          return;
        case 'forwarded':
          await act('forward', { toBody: 'Bộ Tài nguyên và Môi trường', subclass: cls === 'conduct' ? 'conduct' : 'regulation_other', reason: 'Quy định thuộc thẩm quyền của cơ quan trung ương' }, 2 + r() * 4);
          return;
        case 'merged': {
          const target = (
            await q.query(
              `select code from feedback where tenant_id=$1 and id<>$2 and category_id=(select category_id from feedback where id=$2)
                  and status not in ('merged', 'reclassified') order by received_at desc limit 1`,
              [tenantId, s.id],
            )
          ).rows[0];
          if (target) await act('merge', { targetCode: target.code }, 1);
          return;
        }
        case 'reclassified':
          await act('reclassify', { kind: r() < 0.5 ? 'complaint' : 'denunciation', reason: 'Nội dung là khiếu nại quyết định hành chính, chuyển xử lý theo Luật Khiếu nại' }, 2);
          return;
        case 'supplement_pending':
          if (!(await act('assign', {}, 0.5))) return;
          await act('request_supplement', { reason: 'Đề nghị cung cấp địa chỉ cụ thể và hình ảnh hiện trường' }, 1 + r() * 3);
          return;
      }
      if (!(await act('assign', {}, 0.3 + r()))) return;
      if (r() < 0.1) {
        if (!(await act('request_supplement', { reason: 'Đề nghị bổ sung thời gian, địa điểm cụ thể' }, 1 + r() * 3))) return;
        if (!(await act('supplement', { text: 'Sự việc xảy ra thường xuyên vào buổi sáng, tại đầu ngõ gần nhà văn hóa tổ dân phố.' }, 1 + r() * 2, owner))) return;
      }
      if (plan === 'assigned') return;
      if (!(await act('answer', { answer: pick(ANSWERS) }, lateAnswer ? 16 + r() * 10 : 2 + r() * 12))) return;
      if (plan === 'answered') return;
      if (!(await act('publish', {}, r() < 0.9 ? r() * 2 : 3 + r() * 3))) return;
      // Public votes (devices) on published answers.
      const voters = Math.floor(r() * 9);
      const bias = r();
      let likes = 0;
      let dislikes = 0;
      for (let k = 0; k < voters; k++) {
        const v = r() < 0.25 + bias * 0.7 ? 'like' : 'dislike';
        await q.query(`insert into feedback_votes(tenant_id, feedback_id, voter_key, vote, at) values ($1,$2,$3,$4,$5)`, [tenantId, s.id, `device:demo-${s.code}-${k}`, v, t]);
        if (v === 'like') likes++;
        else dislikes++;
      }
      if (voters) await q.query('update feedback set likes=$2, dislikes=$3 where id=$1', [s.id, likes, dislikes]);
      if (plan === 'published') return;
      if (plan === 'closed') {
        if (viaOpen311 || r() < 0.4) await act('close', {}, 20 + r() * 10);
        else await act('rate', { rating: r() < 0.15 ? 'dissatisfied' : r() < 0.5 ? 'very_satisfied' : 'satisfied' }, 1 + r() * 5, owner);
        return;
      }
      if (!(await act('reopen', { reason: 'Sự việc vẫn tiếp diễn, chưa được khắc phục như nội dung trả lời.' }, 2 + r() * 6, owner))) return;
      if (plan === 'reopened') return;
      if (!(await act('answer', { answer: 'Đơn vị đã kiểm tra lại hiện trường, xử lý triệt để và giao tổ dân phố giám sát.' }, 3 + r() * 8))) return;
      await act('publish', {}, r() * 2);
    });
  }
}

export async function seedFeedback(ctx: SeedContext): Promise<void> {
  await ctx.db.tx((q) => seedReference(q, ctx));
  if (ctx.scale !== 'full') return;
  // Generated once per database (the audit log records the run).
  const done = await ctx.db.query(`select 1 from audit_log where tenant_id=$1 and action='feedback.demo_history' limit 1`, [ctx.tenantId]);
  if (done.rowCount) return;
  await seedHistory(ctx, 260);
  await audit(ctx.db, { tenantId: ctx.tenantId, actorId: null, action: 'feedback.demo_history', entity: 'feedback', data: { now: ctx.now.toISOString(), items: 260 } });
  ctx.log(`feedback: ${(await ctx.db.query('select count(*)::int n from feedback where tenant_id=$1', [ctx.tenantId])).rows[0].n} items`);
}
