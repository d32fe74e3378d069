/**
 * Data of the printed forms (one-stop.md §7): receipt (Mẫu 01), supplement request (02), intake
 * refusal (03), apology and new appointment (04), stop notice (05, TT 03/2025) and control slip
 * (06). The template (form set, number, title) is the row of `dossier_form_templates` in force on
 * the date the form is issued; the web renders print pages and PDFs from this JSON.
 */
import { CLASSIFICATION_LABELS, formatDateVi, localDateOf, toLocalParts } from '../../core/calendar/index.js';
import { AppError } from '../../http/errors.js';
import { appointmentOf, formFor } from './engine.js';
import type { Aggregate, EventRow, FormTemplate } from './types.js';
import { CHANNEL_LABELS, RETURN_LABELS, durationText, iso } from './views.js';

export const FORM_KEYS = ['receipt', 'supplement_request', 'intake_refusal', 'apology_extension', 'stop_notice', 'control_slip'] as const;
export type FormKeyParam = (typeof FORM_KEYS)[number];

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * "08 giờ 37 phút, ngày 20 tháng 11 năm 2019". A period counted in days ends at 24:00 of its last
 * day (calendar.md §5); that instant is printed as "24 giờ 00 phút" of that day, not as 00:00 of
 * the next, so the citizen reads the day the law means.
 */
export function instantTextVi(d: Date | null): string | null {
  if (!d) return null;
  const p = toLocalParts(d);
  if (p.hour === 0 && p.minute === 0) {
    const q = toLocalParts(new Date(d.getTime() - 60_000));
    return `24 giờ 00 phút, ngày ${pad(q.day)} tháng ${pad(q.month)} năm ${q.year}`;
  }
  return `${pad(p.hour)} giờ ${pad(p.minute)} phút, ngày ${pad(p.day)} tháng ${pad(p.month)} năm ${p.year}`;
}

/** "ngày 20 tháng 11 năm 2019". */
export function dateTextVi(d: Date | null): string | null {
  if (!d) return null;
  const p = toLocalParts(d);
  return `ngày ${pad(p.day)} tháng ${pad(p.month)} năm ${p.year}`;
}

/** The day of a deadline: a period ending at 24:00 belongs to the day that ends, not the next. */
export function dueDateTextVi(d: Date | null): string | null {
  if (!d) return null;
  const p = toLocalParts(d);
  return dateTextVi(p.hour === 0 && p.minute === 0 ? new Date(d.getTime() - 60_000) : d);
}

export interface FormContext {
  unit: (id: string | null) => { id: string; code: string; name: string; address?: string | null; phone?: string | null } | null;
  forms: FormTemplate[];
  events: EventRow[];
  /** User id → full name and title (signatures). */
  people: Map<string, { name: string; title: string | null }>;
  province: string;
}

function notAvailable(key: string): AppError {
  return new AppError(404, 'form_not_available', `Form '${key}' has not been issued for this dossier`, `Hồ sơ này chưa có biểu mẫu '${key}'`);
}

function lastEvent(events: EventRow[], actions: string[], seq?: number): EventRow | null {
  const list = events.filter((e) => actions.includes(e.action));
  if (seq !== undefined) return list.find((e) => e.seq === seq) ?? null;
  return list[list.length - 1] ?? null;
}

function header(ctx: FormContext, key: string, issuedAt: Date) {
  const t = formFor(ctx.forms, key, issuedAt);
  return {
    key,
    formSet: t?.formSet ?? null,
    number: t?.number ?? null,
    title: t?.title ?? key,
    paperSize: t?.paperSize ?? 'A4',
    legalBasis: t?.legalBasis ?? null,
    evidence: t?.evidence ?? null,
    issuedAt: iso(issuedAt),
    issuedDateTextVi: dateTextVi(issuedAt),
  };
}

function applicantBlock(agg: Aggregate) {
  const d = agg.d;
  return {
    name: d.applicantName,
    kind: d.applicantKind === 2 ? 'organisation' : 'citizen',
    address: d.applicantAddress,
    phone: d.applicantPhone,
    email: d.applicantEmail,
    representativeName: d.representativeName,
  };
}

function person(ctx: FormContext, id: string | null, fallback: string | null) {
  const p = id ? ctx.people.get(id) : undefined;
  return { name: p?.name ?? fallback, title: p?.title ?? null };
}

/** The data of one form; 404 `form_not_available` when it was never issued. `seq` picks an event. */
export function formData(key: FormKeyParam, agg: Aggregate, ctx: FormContext, seq?: number) {
  const d = agg.d;
  const receiving = ctx.unit(d.receivingUnitId);
  const competent = ctx.unit(d.competentUnitId);
  const place = ctx.province;
  switch (key) {
    case 'receipt': {
      const ev = lastEvent(ctx.events, ['accept'], seq);
      if (!ev || !d.receivedAt) throw notAvailable(key);
      const officer = person(ctx, ev.actorId, ev.actorName);
      return {
        ...header(ctx, key, ev.at),
        data: {
          agency: receiving?.name ?? null,
          parentAgency: competent?.name ?? null,
          code: d.code,
          receivedBy: receiving?.name ?? null,
          applicant: applicantBlock(agg),
          requestContent: d.summary || d.procedureName,
          procedureName: d.procedureName,
          channel: CHANNEL_LABELS[d.channel].vi,
          components: agg.components
            .filter((c) => c.provided || c.originals + c.certifiedCopies + c.copies > 0 || c.fromDataStore)
            .map((c, i) => ({ no: i + 1, name: c.name, originals: c.originals, certifiedCopies: c.certifiedCopies, copies: c.copies, digitised: c.digitised, fromDataStore: c.fromDataStore })),
          setsCount: d.setsCount,
          legalDuration: { amount: d.durationAmount, unit: d.durationUnit, textVi: durationText(d) },
          // Form 01 always prints the real receipt time; the cut-off only moves the clock start.
          receivedAt: iso(d.receivedAt),
          receivedAtTextVi: instantTextVi(d.receivedAt),
          clockStart: iso(d.clockStart),
          appointmentAt: iso(appointmentOf(d)),
          appointmentTextVi: instantTextVi(appointmentOf(d)),
          appointmentProvisional: d.dueProvisional,
          returnAt: RETURN_LABELS[d.returnChannel],
          returnAddress: d.returnChannel === 'post' ? d.returnAddress : null,
          fees: d.fees,
          register: { book: d.registerYear, no: d.registerNo, textVi: d.registerNo ? `Quyển số ${d.registerYear}, Số thứ tự ${d.registerNo}` : null },
          postal: d.channel === 3 ? { operator: d.postalOperator, slipNo: d.postalSlipNo, handoverNo: d.postalHandoverNo, handoverSignedAt: iso(d.postalHandoverSignedAt) } : null,
          lookup: { code: d.code, secret: d.publicLookupSecret },
          copies: 2,
          signatures: [
            { role: 'NGƯỜI NỘP HỒ SƠ', name: d.applicantName },
            { role: 'NGƯỜI TIẾP NHẬN HỒ SƠ', name: officer.name },
          ],
          placeDate: `${place}, ${dateTextVi(ev.at)}`,
        },
      };
    }
    case 'supplement_request': {
      const ev = lastEvent(ctx.events, ['request_intake_supplement', 'request_supplement'], seq);
      if (!ev) throw notAvailable(key);
      const items = (ev.data.items as { code: string; name: string; note: string | null }[]) ?? [];
      const officer = person(ctx, ev.actorId, ev.actorName);
      return {
        ...header(ctx, key, ev.at),
        data: {
          agency: receiving?.name ?? null,
          code: d.code,
          stage: ev.action === 'request_supplement' ? 'appraisal' : 'intake',
          applicant: applicantBlock(agg),
          intro: `${receiving?.name ?? 'Bộ phận Một cửa'} tiếp nhận hồ sơ của Ông/Bà ${d.applicantName}`,
          requestContent: d.summary || d.procedureName,
          items: items.map((it, i) => {
            const c = agg.components.find((x) => x.code === it.code);
            return { no: i + 1, code: it.code, name: it.name, originals: c?.originals ?? 0, certifiedCopies: c?.certifiedCopies ?? 0, copies: c?.copies ?? 0, note: it.note };
          }),
          reason: ev.reason,
          nth: ev.data.nth ?? null,
          lateRequest: ev.data.lateRequest ?? false,
          justification: ev.data.justification ?? null,
          contact: { name: officer.name, unit: receiving?.name ?? null, phone: receiving?.phone ?? null },
          signatures: [{ role: 'NGƯỜI HƯỚNG DẪN', name: officer.name }],
          placeDate: `${place}, ${dateTextVi(ev.at)}`,
        },
      };
    }
    case 'intake_refusal': {
      const ev = lastEvent(ctx.events, ['refuse_intake'], seq);
      if (!ev) throw notAvailable(key);
      const officer = person(ctx, ev.actorId, ev.actorName);
      return {
        ...header(ctx, key, ev.at),
        data: {
          agency: receiving?.name ?? null,
          code: d.code,
          applicant: applicantBlock(agg),
          requestContent: d.summary || d.procedureName,
          statement: `${receiving?.name ?? 'Bộ phận Một cửa'} thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:`,
          reason: ev.reason,
          signatures: [{ role: 'NGƯỜI TIẾP NHẬN HỒ SƠ', name: officer.name }],
          placeDate: `${place}, ${dateTextVi(ev.at)}`,
        },
      };
    }
    case 'apology_extension': {
      const ev = lastEvent(ctx.events, ['apologise_reschedule'], seq);
      if (!ev) throw notAvailable(key);
      const head = person(ctx, ev.actorId, ev.actorName);
      const agencyName = ctx.unit(ev.actorUnitId)?.name ?? competent?.name ?? null;
      return {
        ...header(ctx, key, ev.at),
        data: {
          agency: agencyName,
          numberText: `…/PXL`,
          addressee: d.applicantName,
          code: d.code,
          receivedAt: iso(d.receivedAt),
          receivedDateTextVi: dateTextVi(d.receivedAt),
          requestContent: d.summary || d.procedureName,
          originalAppointmentAt: iso(ev.dueBefore),
          originalAppointmentTextVi: dueDateTextVi(ev.dueBefore),
          statement: `Tuy nhiên đến nay, ${agencyName ?? 'cơ quan giải quyết'} chưa trả kết quả đúng hạn cho Ông/Bà.`,
          reason: ev.reason,
          apology: `${agencyName ?? 'Cơ quan giải quyết'} xin lỗi Ông/Bà vì sự chậm trễ này.`,
          newAppointmentAt: iso(ev.dueAfter),
          newAppointmentTextVi: ev.dueAfter ? `sẽ trả kết quả vào ${dueDateTextVi(ev.dueAfter)}` : null,
          originalDueAt: iso(d.originalDueAt),
          signatures: [{ role: 'THỦ TRƯỞNG CƠ QUAN', name: head.name, title: head.title }],
          placeDate: `${place}, ${dateTextVi(ev.at)}`,
        },
      };
    }
    case 'stop_notice': {
      const ev = lastEvent(ctx.events, ['stop'], seq);
      if (!ev) throw notAvailable(key);
      const head = person(ctx, ev.actorId, ev.actorName);
      return {
        ...header(ctx, key, ev.at),
        data: {
          agency: ctx.unit(ev.actorUnitId)?.name ?? competent?.name ?? null,
          code: d.code,
          applicant: applicantBlock(agg),
          procedureName: d.procedureName,
          receivedAt: iso(d.receivedAt),
          reason: ev.reason,
          legalBasis: ev.legalBasis,
          stoppedAt: iso(ev.at),
          signatures: [{ role: 'THỦ TRƯỞNG CƠ QUAN', name: head.name, title: head.title }],
          placeDate: `${place}, ${dateTextVi(ev.at)}`,
        },
      };
    }
    case 'control_slip': {
      if (!d.receivedAt) throw notAvailable(key);
      const accept = lastEvent(ctx.events, ['accept']);
      const cooperating = [...new Set(agg.steps.filter((s) => s.kind === 'interagency' && s.unitId).map((s) => s.unitId as string))].map((u) => ctx.unit(u)?.name ?? null);
      const steps = [...agg.steps].filter((s) => s.kind !== 'consultation' && s.status !== 'pending').sort((a, b) => a.seq - b.seq);
      const rows = steps.map((s, i) => {
        const prev = i > 0 ? steps[i - 1] : null;
        const giver = prev ? ctx.unit(prev.unitId)?.name : s.kind === 'intake' ? 'Người nộp hồ sơ' : null;
        const receiverUnit = ctx.unit(s.unitId)?.name ?? null;
        return {
          no: i + 1,
          agency: receiverUnit,
          stepName: s.name,
          kind: s.kind,
          handover: s.receivedAt ? `Giao: ${giver ?? '…'}. Nhận: ${receiverUnit ?? '…'}, ${instantTextVi(s.receivedAt)}` : null,
          handoverAt: iso(s.receivedAt),
          dueAt: iso(s.dueAt),
          endedAt: iso(s.endedAt),
          result: s.classification ? CLASSIFICATION_LABELS[s.classification].vi : s.status === 'cancelled' ? 'Dừng' : null,
          overrunMinutes: s.overrunMinutes,
          note: s.note,
          signatures: d.channel === 3 && s.kind === 'intake' ? 'Hóa đơn bưu chính thay chữ ký' : 'Người giao / Người nhận',
        };
      });
      return {
        ...header(ctx, key, accept?.at ?? d.receivedAt),
        data: {
          code: d.code,
          receiptRef: d.registerNo ? `Kèm theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả số ${d.code}` : null,
          leadAgency: competent?.name ?? null,
          cooperatingAgencies: cooperating,
          receivedAt: iso(d.receivedAt),
          appointmentAt: iso(appointmentOf(d)),
          appointmentDateVi: appointmentOf(d) ? formatDateVi(localDateOf(appointmentOf(d) as Date)) : null,
          columns: ['Tên cơ quan', 'Thời gian giao, nhận hồ sơ', 'Kết quả giải quyết hồ sơ (Trước hạn / Đúng hạn / Quá hạn)', 'Ghi chú'],
          rows,
          result: d.classDay ? CLASSIFICATION_LABELS[d.classDay].vi : null,
        },
      };
    }
  }
}
