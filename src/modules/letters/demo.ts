/**
 * Demo data of citizen reception and letters. 'minimal': the published reception offices.
 * 'full': a year of reception and letters across the provincial reception board, a ward and a
 * department — regular visits, leader sessions with registrations and a conclusion notice, groups,
 * refusals; letters from every source, transferred, guided, archived or accepted; complaints,
 * denunciations (identities encrypted) and petitions at every stage, some overdue — all through the
 * service layer, so every record has its events and its deadlines from the legal clock.
 */
import type { SeedContext } from '../../db/seed.js';
import { loadConfig } from '../../config.js';
import { AppError } from '../../http/errors.js';
import { addDays, fromLocal, localDateOf } from '../../core/calendar/index.js';
import { createUser } from '../auth/users.js';
import { loadUser } from '../auth/sessions.js';
import { actorOf, envFor, type Actor } from './common.js';
import { createSession, recordVisit, runVisitAction, sessionAction } from './reception-service.js';
import { receiveLetter, runLetterAction } from './letters-service.js';
import { runCaseAction } from './cases-service.js';

const OFFICES = [
  { code: '000.00.19.H55', name: 'Trụ sở Tiếp công dân tỉnh Thái Nguyên', address: 'Số 18 đường Nha Trang, phường Phan Đình Phùng', phone: '0208 3851 000', schedule: 'Tiếp thường xuyên các ngày làm việc trong tuần: sáng 7h30–11h30, chiều 13h00–17h00. Chủ tịch UBND tỉnh tiếp định kỳ ngày 15 hằng tháng.' },
  { code: '000.20.01.H55', name: 'Nơi tiếp công dân UBND phường Phan Đình Phùng', address: 'Số 2 đường Hoàng Văn Thụ, phường Phan Đình Phùng', phone: '0208 3855 111', schedule: 'Tiếp thường xuyên các ngày làm việc; Chủ tịch UBND phường tiếp định kỳ thứ Năm tuần thứ hai và thứ tư hằng tháng.' },
];

/** A small deterministic PRNG (mulberry32) so the demo is the same on every start. */
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

const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Ngô', 'Dương', 'Lý', 'Ma', 'Nông', 'La'];
const MIDDLE = ['Văn', 'Thị', 'Đức', 'Minh', 'Thu', 'Quang', 'Hữu', 'Ngọc'];
const GIVEN = ['An', 'Bình', 'Cường', 'Dung', 'Giang', 'Hà', 'Hải', 'Hoa', 'Hùng', 'Lan', 'Long', 'Mai', 'Nam', 'Oanh', 'Phúc', 'Quân', 'Sơn', 'Tâm', 'Thảo', 'Trung', 'Tuấn', 'Vân', 'Yến'];
const PLACES = ['tổ 3 phường Phan Đình Phùng', 'tổ 9 phường Gia Sàng', 'xóm Đồng, xã Đại Phúc', 'tổ 5 phường Quyết Thắng', 'xóm Cây Thị, xã Đồng Hỷ', 'bản Pá, xã Định Hóa', 'tổ 12 phường Tích Lương', 'xóm Nà Rẫy, xã Võ Nhai'];
const TOPICS: { type: 'complaint' | 'denunciation' | 'petition' | 'feedback'; text: string; field: string }[] = [
  { type: 'complaint', text: 'Khiếu nại quyết định thu hồi đất và phương án bồi thường', field: 'Đất đai' },
  { type: 'complaint', text: 'Khiếu nại việc không cấp giấy chứng nhận quyền sử dụng đất', field: 'Đất đai' },
  { type: 'complaint', text: 'Khiếu nại quyết định xử phạt vi phạm hành chính về trật tự xây dựng', field: 'Xây dựng' },
  { type: 'complaint', text: 'Khiếu nại việc không giải quyết chế độ trợ cấp người có công', field: 'Chính sách xã hội' },
  { type: 'denunciation', text: 'Tố cáo cán bộ địa chính nhận tiền khi làm thủ tục tách thửa', field: 'Đất đai' },
  { type: 'denunciation', text: 'Tố cáo việc lập hồ sơ khống để nhận tiền hỗ trợ', field: 'Tài chính' },
  { type: 'petition', text: 'Kiến nghị sửa chữa tuyến đường liên xóm bị xuống cấp', field: 'Giao thông' },
  { type: 'petition', text: 'Kiến nghị xem xét giá đất tính bồi thường dự án khu dân cư', field: 'Đất đai' },
  { type: 'feedback', text: 'Phản ánh cơ sở sản xuất gây ô nhiễm tiếng ồn, khói bụi', field: 'Môi trường' },
  { type: 'feedback', text: 'Phản ánh công trình xây dựng không phép lấn chiếm vỉa hè', field: 'Xây dựng' },
];
const CHECKS = { vietnamese: true, dated: true, named: true, addressed: true, signed: true, namesRespondent: true, statesContent: true, statesReasons: true, statesRequest: true, namesViolation: true };

export async function seedLetters(ctx: SeedContext): Promise<void> {
  const { db, tenantId } = ctx;
  await db.tx(async (tx) => {
    for (const o of OFFICES) {
      const unitId = ctx.units.get(o.code);
      if (!unitId) continue;
      await tx.query(
        `insert into reception_offices(tenant_id, unit_id, name, address, phone, regular_schedule, published) values ($1,$2,$3,$4,$5,$6,true)
         on conflict (tenant_id, unit_id) do nothing`,
        [tenantId, unitId, o.name, o.address, o.phone, o.schedule],
      );
    }
  });
  if (ctx.scale !== 'full') return;
  if ((await db.query('select 1 from letters where tenant_id=$1 limit 1', [tenantId])).rowCount) return;

  // Staff of this capability beyond the common demo users.
  const extra = [
    { username: 'tiepdan.pdp', fullName: 'Lý Thị Hạnh', title: 'Công chức tiếp công dân phường', roles: [{ role: 'reception_officer' as const, unitId: ctx.units.get('000.20.01.H55')! }] },
    { username: 'tiepdan.xd', fullName: 'Mạc Văn Toàn', title: 'Chuyên viên Văn phòng Sở Xây dựng', roles: [{ role: 'reception_officer' as const, unitId: ctx.units.get('000.00.14.H55')! }] },
    { username: 'thanhtra.pdp', fullName: 'Kiều Văn Tín', title: 'Công chức thanh tra phường', roles: [{ role: 'inspector' as const, unitId: ctx.units.get('000.20.01.H55')! }] },
  ];
  for (const u of extra) {
    if ((await db.query('select 1 from users where tenant_id=$1 and username=$2', [tenantId, u.username])).rowCount) continue;
    const id = await db.tx((tx) => createUser(tx, tenantId, { ...u, password: 'demo1234', kind: 'staff' }));
    ctx.users.set(u.username, id);
  }
  const actor = async (username: string): Promise<Actor> => {
    const id = ctx.users.get(username) ?? (await db.query('select id from users where tenant_id=$1 and username=$2', [tenantId, username])).rows[0]?.id;
    return actorOf(db, (await loadUser(db, id))!, null, ctx.now);
  };
  const env = envFor(tenantId, loadConfig().protectedDataKey);
  const rand = rng(20260101);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  let personSeq = 0;
  const person = () => {
    personSeq += 1;
    const name = `${pick(SURNAMES)} ${pick(MIDDLE)} ${pick(GIVEN)}`;
    return { name, idNo: `019${String(80_000_000 + personSeq * 7919).padStart(9, '0')}`.slice(0, 12), address: pick(PLACES) };
  };
  // Working days of the last year, ending a week before "now".
  const end = addDays(localDateOf(ctx.now), -7);
  const days: string[] = [];
  for (let d = addDays(end, -365); d <= end; d = addDays(d, 1)) {
    const wd = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (wd !== 0 && wd !== 6) days.push(d);
  }
  const at = (day: string, minutes: number) => fromLocal(day, 7 * 60 + 30 + minutes).toISOString();
  const dayAfter = (day: string, n: number) => {
    const i = days.indexOf(day) + n;
    return i < 0 ? addDays(days[0], i) : i < days.length ? days[i] : addDays(days[days.length - 1], i - days.length + 1);
  };
  const past = (iso: string) => new Date(iso).getTime() < ctx.now.getTime();

  const units = {
    board: ctx.units.get('000.00.19.H55')!,
    ward: ctx.units.get('000.20.01.H55')!,
    construction: ctx.units.get('000.00.14.H55')!,
  };
  const boardOfficer = await actor('tiepcongdan');
  const wardOfficer = await actor('tiepdan.pdp');
  const wardLeader = await actor('lanhdao.pdp');
  const deptOfficer = await actor('tiepdan.xd');
  const deptLeader = await actor('lanhdao');
  const inspectorId = (await db.query('select id from users where tenant_id=$1 and username=$2', [tenantId, 'thanhtra.pdp'])).rows[0]?.id;

  ctx.log('letters: reception…');
  // Leader sessions: the provincial Chairman monthly at the board; the ward Chairman twice a month.
  const sessions: { id: string; unit: string; day: string; actor: Actor }[] = [];
  await db.tx(async (tx) => {
    for (let m = 0; m < 12; m++) {
      const day = days[Math.min(days.length - 1, 10 + m * 21)];
      const s = await createSession(tx, env, boardOfficer, { unitId: units.board, kind: 'periodic', leaderName: 'Chủ tịch UBND tỉnh', leaderTitle: 'Chủ tịch Ủy ban nhân dân tỉnh', scheduledOn: day, startTime: '08:00', endTime: '11:30', location: 'Trụ sở Tiếp công dân tỉnh', at: at(dayAfter(day, -5), 0) });
      sessions.push({ id: s.id, unit: units.board, day, actor: boardOfficer });
      for (const k of [4, 14]) {
        const wd = days[Math.min(days.length - 1, k + m * 21)];
        const w = await createSession(tx, env, wardLeader, { unitId: units.ward, kind: 'periodic', leaderUserId: wardLeader.user.id, leaderName: wardLeader.user.fullName, leaderTitle: 'Chủ tịch UBND phường', scheduledOn: wd, startTime: '14:00', endTime: '17:00', at: at(dayAfter(wd, -3), 0) });
        sessions.push({ id: w.id, unit: units.ward, day: wd, actor: wardLeader });
      }
    }
    // Upcoming sessions, published on the portal.
    for (const n of [3, 10]) {
      const d = addDays(localDateOf(ctx.now), n);
      await createSession(tx, env, wardLeader, { unitId: units.ward, kind: 'periodic', leaderUserId: wardLeader.user.id, leaderName: wardLeader.user.fullName, leaderTitle: 'Chủ tịch UBND phường', scheduledOn: d, startTime: '14:00', endTime: '17:00' });
    }
  });
  for (const s of sessions) {
    await db.tx(async (tx) => {
      const n = s.unit === units.board ? 4 : 2;
      const visits: any[] = [];
      for (let k = 0; k < n; k++) {
        const p = person();
        const t = pick(TOPICS);
        visits.push(
          await recordVisit(tx, env, s.actor, {
            unitId: s.unit,
            kind: 'periodic',
            sessionId: s.id,
            receivedAt: at(s.day, 30 + k * 25),
            visitor: { name: p.name, idKind: 'cccd', idNo: p.idNo, address: p.address },
            hearing: { contentSummary: t.text, contentType: t.type, field: t.field, withinCompetence: s.unit === units.ward },
          }),
        );
      }
      // One registered person did not come.
      const p = person();
      const absent = await recordVisit(tx, env, s.actor, { unitId: s.unit, kind: 'periodic', sessionId: s.id, registration: true, registrationCase: 'Đề nghị giải quyết dứt điểm tranh chấp', receivedAt: at(dayAfter(s.day, -2), 0), visitor: { name: p.name, address: p.address } });
      await runVisitAction(tx, env, s.actor, absent.id, 'mark_absent', { version: absent.version, at: at(s.day, 200) });
      const held = await sessionAction(tx, env, s.actor, s.id, 'hold', { version: 1, at: at(s.day, 220) });
      if (s.unit === units.ward) {
        const due = dayAfter(s.day, 10);
        await sessionAction(tx, env, wardLeader, s.id, 'conclude', {
          version: held.version,
          at: at(s.day, 240),
          noticeNo: `${sessions.indexOf(s) + 1}/TB-UBND`,
          summary: 'Giao các bộ phận chuyên môn kiểm tra, trả lời công dân theo quy định',
          instructions: visits.map((v) => ({ visitId: v.id, instruction: `Kiểm tra, trả lời nội dung: ${v.content_summary}`, assigneeUnitId: units.ward, dueOn: due })),
        });
      }
    });
  }
  // Regular reception at the board and the ward; some groups; a few refusals.
  for (let batch = 0; batch < 320; batch += 40) {
    await db.tx(async (tx) => {
      for (let k = batch; k < batch + 40; k++) {
        const ward = k % 3 === 0;
        const a = ward ? wardOfficer : boardOfficer;
        const unitId = ward ? units.ward : units.board;
        const day = days[Math.floor((k * days.length) / 320)];
        const p = person();
        const t = pick(TOPICS);
        const group = k % 29 === 7;
        const members = group ? [p.name, ...Array.from({ length: 5 }, () => person().name)] : [];
        const v = await recordVisit(tx, env, a, {
          unitId,
          kind: 'regular',
          receivedAt: at(day, (k % 6) * 40),
          visitor: { name: p.name, idKind: 'cccd', idNo: p.idNo, address: p.address },
          group: group ? { peopleCount: 6, representatives: [{ name: p.name }], appointmentDoc: 'Văn bản cử người đại diện có chữ ký của cả đoàn', members, signedByAll: true } : undefined,
          hearing: k % 41 === 5 ? undefined : { contentSummary: t.text, contentType: t.type, field: t.field, withinCompetence: ward && t.type !== 'denunciation', priorBodies: k % 4 === 0 ? 'UBND phường đã trả lời bằng văn bản' : undefined },
        });
        if (k % 41 === 5) {
          const r = await runVisitAction(tx, env, a, v.id, 'refuse', { version: v.version, at: at(day, (k % 6) * 40 + 10), reason: 'repeat_no_new_facts', note: 'Vụ việc đã được trả lời đúng quy định' });
          await runVisitAction(tx, env, a, v.id, 'issue_refusal_notice', { version: r.visit.version, at: at(dayAfter(day, 2), 0), noticeNo: `${k}/TB-TCD` });
          continue;
        }
        const mode = k % 4;
        let cur = v;
        if (mode === 0) cur = (await runVisitAction(tx, env, a, v.id, 'answer', { version: cur.version, at: at(day, (k % 6) * 40 + 20), answerText: 'Đã giải thích chính sách, pháp luật liên quan' })).visit;
        else if (mode === 1) cur = (await runVisitAction(tx, env, a, v.id, 'guide', { version: cur.version, at: at(day, (k % 6) * 40 + 20), guidanceTo: 'UBND cấp xã nơi có đất' })).visit;
        else cur = (await runVisitAction(tx, env, a, v.id, 'receive_documents', { version: cur.version, at: at(day, (k % 6) * 40 + 20), documents: [{ title: 'Đơn', pages: 2, original: true }, { title: 'Bản sao giấy tờ liên quan', pages: 5, original: false }] })).visit;
        const replyAt = at(dayAfter(day, 6), 60);
        if (past(replyAt) && k % 7 !== 0) {
          cur = (await runVisitAction(tx, env, a, v.id, 'reply', { version: cur.version, at: replyAt, kind: mode === 1 ? 'transferred' : 'accepted', docNo: `${k}/TL` })).visit;
          await runVisitAction(tx, env, a, v.id, 'close', { version: cur.version, at: at(dayAfter(day, 6), 90) });
        }
      }
    });
  }

  ctx.log('letters: letters and cases…');
  const sources = ['post', 'direct_drop', 'online', 'forwarded', 'post'] as const;
  const plan: { unit: string; officer: Actor; leader: Actor | null; count: number }[] = [
    { unit: units.board, officer: boardOfficer, leader: null, count: 180 },
    { unit: units.ward, officer: wardOfficer, leader: wardLeader, count: 140 },
    { unit: units.construction, officer: deptOfficer, leader: deptLeader, count: 60 },
  ];
  for (const pl of plan) {
    for (let batch = 0; batch < pl.count; batch += 30) {
      await db.tx(async (tx) => {
        for (let i = batch; i < Math.min(pl.count, batch + 30); i++) {
          const day = days[Math.floor((i * (days.length - 1)) / pl.count)];
          const t = pick(TOPICS);
          const src = pick(sources);
          const p = person();
          const l = await receiveLetter(tx, env, pl.officer, {
            unitId: pl.unit,
            source: src,
            receivedAt: at(day, 20 + (i % 8) * 30),
            forwarder: src === 'forwarded' ? { kind: 'na_delegation', name: 'Đoàn đại biểu Quốc hội tỉnh Thái Nguyên', docNo: `${i}/ĐĐBQH-VP` } : undefined,
            sender: { name: p.name, idNo: p.idNo, address: p.address },
            respondent: t.type === 'denunciation' ? { name: `Cán bộ ${pick(['địa chính', 'tư pháp', 'văn hóa'])} ${p.address.split(',')[0]}` } : { name: 'UBND phường Phan Đình Phùng' },
            contentType: t.type,
            summary: `${t.text} (${p.address})`,
            field: t.field,
            hasOriginals: i % 11 === 0,
            originals: i % 11 === 0 ? [{ title: 'Bản gốc quyết định bị khiếu nại' }] : [],
          });
          const classifyAt = at(dayAfter(day, 2), 0);
          if (!past(classifyAt) || i % 37 === 3) continue; // still waiting for classification
          const own = pl.leader !== null && (pl.unit === units.construction || i % 5 < 3);
          const cl = await runLetterAction(tx, env, pl.officer, l.id, 'classify', {
            version: l.version,
            at: classifyAt,
            formChecks: i % 23 === 4 ? { ...CHECKS, signed: false, named: false } : CHECKS,
            competence: own ? 'own' : 'not_own',
            competentBody: own ? undefined : pick(['Chủ tịch UBND xã Đại Phúc', 'Giám đốc Sở Nông nghiệp và Môi trường', 'Chủ tịch UBND phường Gia Sàng', 'Tòa án nhân dân tỉnh']),
            competentSystem: 'administration',
          });
          let v = cl.letter.version;
          const outcomeAt = at(dayAfter(day, 4 + (i % 5)), 0);
          if (!past(outcomeAt)) continue;
          if (cl.letter.eligibility !== 'eligible') {
            await runLetterAction(tx, env, pl.officer, l.id, 'archive', { version: v, at: outcomeAt, reason: cl.letter.anonymous ? 'anonymous' : 'not_eligible' });
            continue;
          }
          if (!own) {
            if (i % 6 === 1) {
              const g = await runLetterAction(tx, env, pl.officer, l.id, 'guide', { version: v, at: outcomeAt, guidedTo: 'UBND cấp xã nơi cư trú', docNo: `${i}/HD` });
              if (cl.letter.has_originals) await runLetterAction(tx, env, pl.officer, l.id, 'return_originals', { version: g.letter.version, at: at(dayAfter(day, 10), 0) });
              continue;
            }
            let tr;
            try {
              tr = await runLetterAction(tx, env, pl.officer, l.id, 'transfer', { version: v, at: outcomeAt, to: cl.letter.competent_body ?? 'Cơ quan có thẩm quyền', docNo: `${i}/PC` });
            } catch (err) {
              // The same denunciation was already transferred once: archived and linked instead (TT 05/2021).
              if (!(err instanceof AppError) || err.code !== 'denunciation_already_transferred') throw err;
              await runLetterAction(tx, env, pl.officer, l.id, 'archive', { version: v, at: outcomeAt, reason: 'already_transferred' });
              continue;
            }
            const replyAt = at(dayAfter(day, 25), 0);
            if (past(replyAt) && i % 3 !== 0) {
              const rr = await runLetterAction(tx, env, pl.officer, l.id, 'record_reply', { version: tr.letter.version, at: replyAt, summary: 'Cơ quan có thẩm quyền đã thụ lý, giải quyết' });
              await runLetterAction(tx, env, pl.officer, l.id, 'close', { version: rr.letter.version, at: at(dayAfter(day, 26), 0) });
            }
            continue;
          }
          const pr = await runLetterAction(tx, env, pl.officer, l.id, 'propose_accept', { version: v, at: outcomeAt });
          v = pr.letter.version;
          const oc = await runLetterAction(tx, env, pl.leader!, l.id, 'open_case', {
            version: v,
            at: at(dayAfter(day, 5 + (i % 5) + (i % 3)), 0),
            acceptanceDocNo: `${i}/TB-TL`,
            verifierUserIds: pl.unit === units.ward && inspectorId ? [inspectorId] : [],
          });
          const caseId = (oc.extra.case as any).id;
          const startAt = at(dayAfter(day, 12), 0);
          if (!past(startAt)) continue;
          const c = (await runCaseAction(tx, env, pl.leader!, caseId, 'start_verification', { version: 1, at: startAt })).case;
          const resolveAt = at(dayAfter(day, 15 + (i % 20)), 0);
          if (!past(resolveAt) || i % 9 === 2) continue; // in progress, some of them overdue
          if (t.type === 'complaint') {
            await runCaseAction(tx, env, pl.leader!, caseId, 'decide', { version: c.version, at: resolveAt, decisionNo: `${i}/QĐ-GQKN`, result: pick(['upheld', 'partly_upheld', 'rejected']) });
          } else if (t.type === 'denunciation') {
            await runCaseAction(tx, env, pl.leader!, caseId, 'conclude', { version: c.version, at: resolveAt, conclusionNo: `${i}/KL-TC`, result: pick(['true', 'partly_true', 'false']) });
          } else {
            await runCaseAction(tx, env, pl.leader!, caseId, 'answer', { version: c.version, at: resolveAt, docNo: `${i}/TL-UBND` });
          }
        }
      });
    }
  }
}
