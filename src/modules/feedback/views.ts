/** API views of feedback items: staff, the sender, and the public (personal data removed). */
import { formatLocal, remainingTime, type WorkingCalendar } from '../../core/calendar/index.js';
import {
  CHANNEL_LABELS,
  CLASS_LABELS,
  RATING_LABELS,
  STATUS_LABELS,
  SUBCLASS_LABELS,
  TRANSITIONS,
  allowedActions,
  isDissatisfied,
  onTimeVerdict,
  publicSender,
  redactPersonalData,
  truncateCoord,
  type Capability,
  type FeedbackStatus,
} from '../../core/feedback/index.js';

const iso = (d: Date | null | undefined) => (d ? formatLocal(d) : null);

/** The due the unit works against now, by state. */
export function currentDue(row: any): { step: 'answer' | 'publish'; due: Date } | null {
  const s = row.status as FeedbackStatus;
  if (s === 'answered') return row.publish_due_at ? { step: 'publish', due: row.publish_due_at } : null;
  if (['received', 'supplement_requested', 'supplemented', 'assigned', 'reopened'].includes(s)) {
    const due = row.reopen_count > 0 && row.reopen_answer_due_at ? row.reopen_answer_due_at : row.answer_due_at;
    return due ? { step: 'answer', due } : null;
  }
  return null;
}

export function verdictOf(row: any, periodEnd: Date) {
  return onTimeVerdict(
    {
      status: row.status,
      refusedAt: row.refused_at,
      refuseDue: row.refuse_due_at,
      firstSupplementRequestedAt: row.first_supplement_requested_at,
      supplementDue: row.supplement_due_at,
      forwardedAt: row.forwarded_at,
      forwardDue: row.forward_due_at,
      firstAnsweredAt: row.first_answered_at,
      answerDue: row.answer_due_at,
      firstPublishedAt: row.first_published_at,
      publishDue: row.publish_due_at,
    },
    periodEnd,
  );
}

const label = (m: Record<string, { vi: string; en: string }>, k: string | null | undefined) => (k && m[k] ? m[k] : null);

/** One row of a staff or citizen list. */
export function listItemView(row: any, now: Date, opts: { staff: boolean }) {
  const cd = currentDue(row);
  return {
    id: row.id,
    code: row.code,
    status: row.status,
    statusLabel: STATUS_LABELS[row.status as FeedbackStatus],
    title: row.title,
    category: { code: row.category_code, name: row.category_name, fieldName: row.field_name },
    class: row.class,
    channel: row.channel,
    receivedAt: iso(row.received_at),
    competentUnit: { id: row.competent_unit_id, name: row.competent_unit_name },
    commune: row.commune_unit_id ? { id: row.commune_unit_id, name: row.commune_short_name ?? row.commune_name } : null,
    sender: opts.staff ? (row.anonymous ? null : row.contact_name) : undefined,
    anonymous: row.anonymous,
    currentDue: cd ? { step: cd.step, at: iso(cd.due), overdue: cd.due.getTime() < now.getTime() } : null,
    votes: { likes: row.likes, dislikes: row.dislikes },
    reopenCount: row.reopen_count,
    visibility: row.visibility,
    moderationState: row.moderation_state,
    version: row.version,
  };
}

export interface DetailContext {
  caps: Capability[];
  now: Date;
  calendar: WorkingCalendar | null;
  events: any[];
  media: any[];
  duplicates: { code: string }[];
  mergedIntoCode: string | null;
  /** Staff see everything; the sender sees their own data and the public timeline. */
  staff: boolean;
}

function eventView(e: any, staff: boolean) {
  const t = TRANSITIONS.find((x) => x.action === e.action);
  return {
    id: String(e.id),
    action: e.action,
    label: t ? { vi: t.labelVi, en: t.labelEn } : e.action === 'submit' ? { vi: 'Gửi phản ánh', en: 'Submitted' } : { vi: e.action, en: e.action },
    from: e.from_status,
    to: e.to_status,
    at: iso(e.at),
    actorKind: e.actor_kind,
    actorName: staff ? (e.actor_name ?? null) : null,
    unit: e.unit_name ?? null,
    reason: staff || ['refuse', 'request_supplement', 'reopen', 'supplement'].includes(e.action) ? e.reason : null,
    data: staff ? e.data : undefined,
    publicNote: e.public_note,
  };
}

/** The detail of an item for staff or its sender. */
export function detailView(row: any, ctx: DetailContext) {
  const cd = currentDue(row);
  const remaining = cd && ctx.calendar ? remainingTime(ctx.calendar, ctx.now, cd.due) : null;
  const verdict = verdictOf(row, ctx.now);
  const showAnswer = ctx.staff || !!row.published_at;
  const events = ctx.events.filter((e) => ctx.staff || e.is_public || ['refuse', 'request_supplement', 'supplement', 'reopen', 'rate'].includes(e.action) || (e.action === 'comment' && e.actor_kind !== 'staff'));
  return {
    ...listItemView(row, ctx.now, { staff: ctx.staff }),
    description: row.description,
    attributes: row.attributes,
    subclass: row.subclass,
    subclassLabel: label(SUBCLASS_LABELS, row.subclass),
    classLabel: label(CLASS_LABELS, row.class),
    channelLabel: label(CHANNEL_LABELS, row.channel),
    location: { lat: row.lat, long: row.lng, address: row.address, addressId: row.address_id },
    contact: ctx.staff || ctx.caps.includes('owner')
      ? row.anonymous
        ? null
        : { name: row.contact_name, phone: row.contact_phone, email: row.contact_email, address: row.contact_address }
      : null,
    receivingUnit: { id: row.receiving_unit_id, name: row.receiving_unit_name },
    handler: row.handler_id ? { id: row.handler_id, name: row.handler_name } : null,
    forwardedTo: row.forwarded_to,
    publicCopy: { title: row.public_title, description: row.public_description },
    moderation: ctx.staff ? { state: row.moderation_state, reason: row.moderation_reason, original: row.moderation_original_data } : undefined,
    dues: {
      ruleSet: row.rule_set,
      refuse: iso(row.refuse_due_at),
      supplement: iso(row.supplement_due_at),
      forward: iso(row.forward_due_at),
      answer: iso(row.answer_due_at),
      publish: iso(row.publish_due_at),
      reopenAnswer: iso(row.reopen_answer_due_at),
      provisional: row.due_provisional,
    },
    remaining: remaining ? { state: remaining.state, textVi: remaining.textVi, textEn: remaining.textEn, labelVi: remaining.labelVi, labelEn: remaining.labelEn } : null,
    onTime: ctx.staff ? verdict : undefined,
    times: {
      received: iso(row.received_at),
      clockFrom: iso(row.clock_from),
      refused: iso(row.refused_at),
      supplementRequested: iso(row.first_supplement_requested_at),
      supplemented: iso(row.supplemented_at),
      forwarded: iso(row.forwarded_at),
      assigned: iso(row.assigned_at),
      answered: iso(row.answered_at),
      published: iso(row.published_at),
      closed: iso(row.closed_at),
      reopened: iso(row.reopened_at),
    },
    refusalReason: row.refusal_reason,
    supplementRequest: row.status === 'supplement_requested' || ctx.staff ? row.supplement_request : null,
    answer: showAnswer && row.answer_text ? { text: row.answer_text, summary: row.answer_summary, answeredAt: iso(row.answered_at) } : null,
    rating: row.rating ? { value: row.rating, label: RATING_LABELS[row.rating as keyof typeof RATING_LABELS], at: iso(row.rated_at) } : null,
    dissatisfied: isDissatisfied(row.likes, row.dislikes),
    mergedInto: ctx.mergedIntoCode,
    duplicates: ctx.duplicates.map((d) => d.code),
    reclassifiedAs: ctx.staff ? row.reclassified_as : undefined,
    letterRef: ctx.staff ? row.letter_ref : undefined,
    media: ctx.media.map((m: any) => ({
      id: m.id,
      mime: m.mime,
      sizeBytes: Number(m.size_bytes),
      hidden: m.hidden,
      externalUrl: m.external_url,
      url: m.original_path ? `/api/v1/feedback/${row.id}/media/${m.id}` : null,
      publicUrl: m.public_path && !m.hidden ? `/api/v1/public/feedback/media/${m.id}` : null,
    })),
    timeline: events.map((e) => eventView(e, ctx.staff)),
    allowedActions: allowedActions(
      { status: row.status, publishedAt: row.published_at, ratedAt: row.rated_at, answerText: row.answer_text, moderationState: row.moderation_state },
      ctx.caps,
    ),
  };
}

/** The public copy: no names (masked), phones, e-mails or ID numbers; coordinates truncated. */
export function publicView(row: any, media: any[] = []) {
  const sender = publicSender(row.anonymous, row.contact_name);
  return {
    code: row.code,
    status: row.status,
    statusLabel: STATUS_LABELS[row.status as FeedbackStatus],
    category: { code: row.category_code, name: row.category_name, fieldName: row.field_name },
    class: row.class,
    title: row.public_title,
    description: row.public_description,
    sender: sender.vi,
    location: {
      lat: row.lat === null || row.lat === undefined ? null : truncateCoord(Number(row.lat)),
      long: row.lng === null || row.lng === undefined ? null : truncateCoord(Number(row.lng)),
      address: row.address ? redactPersonalData(row.address, [row.contact_name]) : null,
      commune: row.commune_unit_id ? (row.commune_short_name ?? row.commune_name) : null,
    },
    unit: row.competent_unit_name,
    receivedAt: iso(row.received_at),
    answeredAt: iso(row.answered_at),
    publishedAt: iso(row.published_at),
    answer:
      row.published_at && row.answer_text
        ? { summary: redactPersonalData(row.answer_summary ?? '', [row.contact_name]), text: redactPersonalData(row.answer_text, [row.contact_name]) }
        : null,
    votes: { likes: row.likes, dislikes: row.dislikes },
    dissatisfied: isDissatisfied(row.likes, row.dislikes),
    reopened: row.reopen_count > 0,
    photos: media.filter((m) => m.public_path && !m.hidden).map((m) => `/api/v1/public/feedback/media/${m.id}`),
  };
}
