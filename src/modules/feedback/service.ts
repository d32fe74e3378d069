/**
 * Feedback transactions: submission (routing, deadlines, public copy), every action of the
 * transition table (one immutable event + the current-state row, in one transaction), votes.
 * Other capabilities (Open311) call these functions; they never touch the tables directly.
 */
import crypto from 'node:crypto';
import type { Db, Queryable } from '../../db/types.js';
import { AppError, badRequest, conflict, fieldError, forbidden, notFound, staleVersion, type FieldError } from '../../http/errors.js';
import { localDateOf, CalendarRangeError, DeadlineInputError } from '../../core/calendar/index.js';
import {
  STAFF_CHANNELS,
  answerDueFrom,
  checkAction,
  classOfSubclass,
  communeAt,
  communeInAddress,
  duesFromReceipt,
  formatReference,
  publishDueFrom,
  redactPersonalData,
  routeFeedback,
  rulesInForce,
  validateAttributeValues,
  DeadlineRuleError,
  type AttributeValues,
  type Capability,
  type FeedbackAction,
  type FeedbackChannel,
  type FeedbackStatus,
  type FeedbackSubclass,
  type Rating,
  type RulesInForce,
} from '../../core/feedback/index.js';
import { loadCalendar } from '../calendar/service.js';
import { loadUser } from '../auth/sessions.js';
import { unitScope } from '../auth/scope.js';
import { HANDLING_ROLES, actorKind, capabilitiesFor, type Actor } from './policy.js';
import { categoryByCode, loadCommunes, loadDeadlineRules, loadPlaces, loadRoutingRules, type CategoryRow } from './reference.js';
import type { StoredPhoto } from './storage.js';

export const hashSecret = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

/** Vietnam's bounding box (mainland and islands): a point outside it is a typo. */
const VN_BOUNDS = { latMin: 8, latMax: 23.5, lngMin: 102, lngMax: 117.5 };

export interface SubmitInput {
  categoryCode: string;
  title?: string | null;
  description: string;
  lat?: number | null;
  lng?: number | null;
  address?: string | null;
  addressId?: string | null;
  communeCode?: string | null;
  anonymous?: boolean;
  contactName?: string | null;
  contactPhone?: string | null;
  contactEmail?: string | null;
  contactAddress?: string | null;
  visibility?: 'public' | 'private' | null;
  channel: FeedbackChannel;
  attributes?: AttributeValues;
  externalMediaUrls?: string[];
  open311?: { clientId: string; accountId?: string | null; deviceId?: string | null };
  /** Staff entry: the receiving unit (defaults to the officer's first handling unit). */
  receivingUnitId?: string | null;
}

export interface Submitted {
  id: string;
  code: string;
  trackingSecret: string;
  status: FeedbackStatus;
  competentUnitId: string;
  categoryCode: string;
  receivedAt: Date;
  answerDueAt: Date;
}

function dues(err: unknown): never {
  if (err instanceof DeadlineRuleError) {
    throw new AppError(409, 'no_deadline_rule', err.message, `Chưa có quy định thời hạn cho bước ${err.step} vào ngày ${err.date}`);
  }
  if (err instanceof DeadlineInputError || err instanceof CalendarRangeError) {
    throw new AppError(409, 'calendar_out_of_range', err.message, 'Không tính được thời hạn theo lịch làm việc');
  }
  throw err;
}

async function rulesFor(q: Queryable, tenantId: string, receivedAt: Date): Promise<RulesInForce> {
  try {
    return rulesInForce(await loadDeadlineRules(q, tenantId), localDateOf(receivedAt));
  } catch (err) {
    return dues(err);
  }
}

async function nextCode(q: Queryable, tenantId: string, now: Date): Promise<string> {
  const day = localDateOf(now);
  const r = await q.query<{ seq: number }>(
    `insert into feedback_counters(tenant_id, day, seq) values ($1, $2, 1)
     on conflict (tenant_id, day) do update set seq = feedback_counters.seq + 1 returning seq`,
    [tenantId, day],
  );
  return formatReference(day, r.rows[0].seq);
}

const trimOrNull = (s: string | null | undefined) => {
  const t = s?.trim();
  return t ? t : null;
};

/** Where the feedback is about: the commune named, typed or pinned. */
async function communeOf(q: Queryable, tenantId: string, input: SubmitInput, errors: FieldError[]): Promise<string | null> {
  if (input.communeCode) {
    const r = await q.query(`select id from units where tenant_id=$1 and code=$2 and kind='commune'`, [tenantId, input.communeCode]);
    if (!r.rows[0]) {
      errors.push(fieldError('communeCode', `unknown commune ${input.communeCode}`, `không có xã, phường mã ${input.communeCode}`));
      return null;
    }
    return r.rows[0].id;
  }
  if (input.address) {
    const hit = communeInAddress(await loadCommunes(q, tenantId), input.address);
    if (hit) return hit;
  }
  if (input.lat != null && input.lng != null) return communeAt(await loadPlaces(q, tenantId), input.lat, input.lng);
  return null;
}

async function provinceUnit(q: Queryable, tenantId: string): Promise<string> {
  const r = await q.query(`select id from units where tenant_id=$1 and kind='province' and parent_id is null order by valid_from limit 1`, [tenantId]);
  if (!r.rows[0]) throw new AppError(409, 'no_province_unit', 'The organisation has no province unit', 'Chưa khai báo đơn vị cấp tỉnh');
  return r.rows[0].id;
}

/** Validates a submission; returns the category and the normalised parts, or throws 400 with every problem. */
async function validateSubmission(q: Queryable, actor: Actor, input: SubmitInput) {
  const errors: FieldError[] = [];
  const category = await categoryByCode(q, actor.tenantId, input.categoryCode);
  if (!category || !category.active) {
    errors.push(fieldError('categoryCode', `unknown or inactive category ${input.categoryCode}`, `không có lĩnh vực phản ánh mã ${input.categoryCode}`));
  }
  const kind = actorKind(actor);
  const staffChannel = STAFF_CHANNELS.includes(input.channel);
  let receivingUnitId: string | null = null;
  if (staffChannel) {
    if (kind !== 'staff') {
      errors.push(fieldError('channel', `channel ${input.channel} is entered by staff only`, `kênh ${input.channel} chỉ do cán bộ nhập`));
    } else {
      const scope = await unitScope(q, actor.user!, HANDLING_ROLES);
      if (input.receivingUnitId) {
        if (!scope.includes(input.receivingUnitId)) errors.push(fieldError('receivingUnitId', 'receivingUnitId is outside your units', 'đơn vị tiếp nhận không thuộc phạm vi của bạn'));
        else receivingUnitId = input.receivingUnitId;
      } else {
        const grant = actor.user!.roles.find((g) => HANDLING_ROLES.includes(g.role) && g.unitId);
        if (!grant) errors.push(fieldError('channel', 'you hold no handling role', 'bạn không có vai trò tiếp nhận phản ánh'));
        else receivingUnitId = grant.unitId;
      }
    }
  } else if (kind === 'staff' && input.channel === 'portal') {
    // Staff may use the portal as citizens do; nothing special.
  }
  const description = input.description?.trim() ?? '';
  if (description.length < 10) errors.push(fieldError('description', 'description must be at least 10 characters', 'nội dung phản ánh phải có ít nhất 10 ký tự'));
  if (description.length > 4000) errors.push(fieldError('description', 'description must be at most 4000 characters', 'nội dung phản ánh không được dài quá 4000 ký tự'));
  if (/<[a-z!/][^>]*>/i.test(description)) errors.push(fieldError('description', 'description must not contain HTML', 'nội dung phản ánh không được chứa mã HTML'));
  const title = trimOrNull(input.title) ?? description.split(/\r?\n/)[0].slice(0, 120);
  if (title.length > 200) errors.push(fieldError('title', 'title must be at most 200 characters', 'tiêu đề không được dài quá 200 ký tự'));
  const hasLat = input.lat !== null && input.lat !== undefined;
  const hasLng = input.lng !== null && input.lng !== undefined;
  if (hasLat !== hasLng) errors.push(fieldError(hasLat ? 'long' : 'lat', 'lat and long go together', 'vĩ độ và kinh độ phải đi cùng nhau'));
  if (hasLat && hasLng) {
    const { lat, lng } = { lat: input.lat as number, lng: input.lng as number };
    if (!Number.isFinite(lat) || lat < VN_BOUNDS.latMin || lat > VN_BOUNDS.latMax) errors.push(fieldError('lat', 'lat is outside Vietnam', 'vĩ độ nằm ngoài lãnh thổ Việt Nam'));
    if (!Number.isFinite(lng) || lng < VN_BOUNDS.lngMin || lng > VN_BOUNDS.lngMax) errors.push(fieldError('long', 'long is outside Vietnam', 'kinh độ nằm ngoài lãnh thổ Việt Nam'));
  }
  // The sender: signed-in citizens default to their profile.
  let anonymous = !!input.anonymous;
  const profile = actor.user && actor.user.kind !== 'staff'
    ? (await q.query('select full_name, phone, email, address from users where id=$1', [actor.user.id])).rows[0]
    : null;
  let contact = {
    name: trimOrNull(input.contactName) ?? (profile?.full_name ?? null),
    phone: trimOrNull(input.contactPhone) ?? (profile?.phone ?? null),
    email: trimOrNull(input.contactEmail)?.toLowerCase() ?? (profile?.email ?? null),
    address: trimOrNull(input.contactAddress) ?? (profile?.address ?? null),
  };
  if (!anonymous && !contact.name && !contact.phone && !contact.email) anonymous = true;
  if (anonymous) {
    if (category && !category.allowAnonymous) {
      errors.push(
        fieldError('anonymous', 'this category does not accept anonymous feedback: give your name and a phone number or e-mail', 'lĩnh vực này không nhận phản ánh ẩn danh: vui lòng cho biết họ tên và số điện thoại hoặc e-mail'),
      );
    }
    contact = { name: null, phone: null, email: null, address: null };
  } else {
    if (!contact.name || contact.name.length < 2) errors.push(fieldError('contactName', 'contactName is required', 'họ tên người phản ánh là bắt buộc'));
    if (!contact.phone && !contact.email) errors.push(fieldError('contactPhone', 'a phone number or an e-mail is required', 'cần số điện thoại hoặc e-mail để liên hệ'));
  }
  if (contact.phone && !/^[0-9+ .-]{8,20}$/.test(contact.phone)) errors.push(fieldError('contactPhone', 'contactPhone is not a phone number', 'số điện thoại không hợp lệ'));
  if (contact.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(contact.email)) errors.push(fieldError('contactEmail', 'contactEmail is not an e-mail address', 'địa chỉ e-mail không hợp lệ'));
  let attributes: AttributeValues = {};
  if (category) {
    const v = validateAttributeValues(category.attributes, input.attributes ?? {});
    attributes = v.values;
    errors.push(...v.problems);
  }
  const communeUnitId = await communeOf(q, actor.tenantId, input, errors);
  if (errors.length) throw badRequest(errors);
  // The abuse list (feedback.md §4.10).
  const blocked = await q.query(
    `select reason from feedback_blocklist where tenant_id=$1 and ((kind='email' and value=$2) or (kind='phone' and value=$3)) limit 1`,
    [actor.tenantId, contact.email, contact.phone ? contact.phone.replace(/[^0-9+]/g, '') : null],
  );
  if (blocked.rowCount) throw forbidden('Feedback from this contact is not accepted', 'Không tiếp nhận phản ánh từ thông tin liên hệ này');
  return { category: category as CategoryRow, title, description, anonymous, contact, attributes, communeUnitId, receivingUnitId };
}

/** Submits one feedback item (one transaction on `q`); photos are already stored on disk. */
export async function submitFeedback(q: Queryable, actor: Actor, input: SubmitInput, photos: StoredPhoto[], now: Date): Promise<Submitted> {
  const v = await validateSubmission(q, actor, input);
  const { category } = v;
  const route = routeFeedback(
    await loadRoutingRules(q, actor.tenantId),
    { categoryId: category.id, communeUnitId: v.communeUnitId, date: localDateOf(now) },
    category.defaultUnitId,
  );
  const competentUnitId = route?.unitId ?? (await provinceUnit(q, actor.tenantId));
  const receivingUnitId = v.receivingUnitId ?? competentUnitId;
  const rules = await rulesFor(q, actor.tenantId, now);
  let d;
  try {
    d = duesFromReceipt(await loadCalendar(q, actor.tenantId, competentUnitId), now, rules);
  } catch (err) {
    dues(err);
  }
  const code = await nextCode(q, actor.tenantId, now);
  const secret = crypto.randomBytes(18).toString('base64url');
  const names = [v.contact.name, actor.user?.fullName];
  const visibility = input.visibility ?? (category.defaultPrivate ? 'private' : 'public');
  const cls = category.class;
  const id = (
    await q.query<{ id: string }>(
      `insert into feedback(tenant_id, code, tracking_secret_hash, category_id, class, field_code, channel, title, description, attributes,
         lat, lng, address, address_id, commune_unit_id, submitter_user_id, anonymous, contact_name, contact_phone, contact_email, contact_address,
         open311_client_id, open311_account_id, open311_device_id, receiving_unit_id, competent_unit_id, status, visibility,
         public_title, public_description, received_at, clock_from, refuse_due_at, supplement_due_at, forward_due_at, answer_due_at,
         due_provisional, search_text, created_at, updated_at)
       values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24,$25,$26,'received',$27,$28,$29,$30,$30,
         $31,$32,$33,$34,$35, vn_fold($2 || ' ' || $8 || ' ' || $9 || ' ' || coalesce($13, '')), $30, $30)
       returning id`,
      [
        actor.tenantId,
        code,
        hashSecret(secret),
        category.id,
        cls,
        category.fieldCode,
        input.channel,
        v.title,
        v.description,
        JSON.stringify(v.attributes),
        input.lat ?? null,
        input.lng ?? null,
        trimOrNull(input.address),
        trimOrNull(input.addressId),
        v.communeUnitId,
        actor.user?.id ?? null,
        v.anonymous,
        v.contact.name,
        v.contact.phone,
        v.contact.email,
        v.contact.address,
        input.open311?.clientId ?? null,
        trimOrNull(input.open311?.accountId),
        trimOrNull(input.open311?.deviceId),
        receivingUnitId,
        competentUnitId,
        visibility,
        redactPersonalData(v.title, names),
        redactPersonalData(v.description, names),
        now,
        d!.refuseDue,
        d!.supplementDue,
        d!.forwardDue,
        d!.answerDue,
        d!.provisional,
      ],
    )
  ).rows[0].id;
  for (const p of photos) {
    await q.query(
      `insert into feedback_media(tenant_id, feedback_id, mime, size_bytes, sha256, original_path, public_path, public_sha256, original_name, uploaded_by, uploaded_at)
       values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)`,
      [actor.tenantId, id, p.mime, p.sizeBytes, p.sha256, p.originalPath, p.publicPath, p.publicSha256, p.originalName, actor.user?.id ?? null, now],
    );
  }
  for (const url of input.externalMediaUrls ?? []) {
    await q.query(
      `insert into feedback_media(tenant_id, feedback_id, mime, size_bytes, sha256, external_url, uploaded_at) values ($1,$2,'text/uri-list',0,$3,$4,$5)`,
      [actor.tenantId, id, hashSecret(url), url, now],
    );
  }
  await insertEvent(q, {
    tenantId: actor.tenantId,
    feedbackId: id,
    action: 'submit',
    from: null,
    to: 'received',
    actor,
    actorUnitId: v.receivingUnitId,
    at: now,
    data: {
      channel: input.channel,
      category: category.code,
      routedBy: route?.matched ?? 'province',
      routingRuleId: route?.ruleId ?? null,
      ruleSet: 'dvcqg',
      rules: Object.fromEntries(Object.entries(rules).map(([k, r]) => [k, { amount: r.amount, unit: r.unit, legalBasis: r.legalBasis, evidence: r.evidence }])),
      photos: photos.length,
    },
    publicNote: 'Đã tiếp nhận phản ánh',
    isPublic: true,
    extendedStatus: 'open',
  });
  return { id, code, trackingSecret: secret, status: 'received', competentUnitId, categoryCode: category.code, receivedAt: now, answerDueAt: d!.answerDue };
}

export interface EventInput {
  tenantId: string;
  feedbackId: string;
  action: string;
  from: string | null;
  to: string;
  actor: Actor;
  actorUnitId?: string | null;
  at: Date;
  reason?: string | null;
  legalBasis?: string | null;
  data?: Record<string, unknown>;
  publicNote?: string | null;
  isPublic?: boolean;
  extendedStatus?: string | null;
}

export async function insertEvent(q: Queryable, e: EventInput): Promise<number> {
  const r = await q.query<{ id: number }>(
    `insert into feedback_events(tenant_id, feedback_id, action, from_status, to_status, actor_id, actor_kind, actor_unit_id, open311_client_id,
       at, reason, legal_basis, data, public_note, is_public, extended_status)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16) returning id`,
    [
      e.tenantId,
      e.feedbackId,
      e.action,
      e.from,
      e.to,
      e.actor.user?.id ?? null,
      actorKind(e.actor),
      e.actorUnitId ?? null,
      e.actor.clientId ?? null,
      e.at,
      e.reason ?? null,
      e.legalBasis ?? null,
      JSON.stringify(e.data ?? {}),
      e.publicNote ?? null,
      !!e.isPublic,
      e.extendedStatus ?? null,
    ],
  );
  return r.rows[0].id;
}

/** The unit the acting officer acts for on this item (their granted unit covering it). */
async function actingUnit(q: Queryable, actor: Actor, competentUnitId: string): Promise<string | null> {
  if (!actor.user || actor.user.kind !== 'staff') return null;
  for (const g of actor.user.roles) {
    if (!g.unitId || !HANDLING_ROLES.includes(g.role)) continue;
    if (g.unitId === competentUnitId) return g.unitId;
  }
  const grant = actor.user.roles.find((g) => g.unitId && HANDLING_ROLES.includes(g.role));
  void q;
  return grant?.unitId ?? null;
}

export interface ActionBody {
  version?: number;
  reason?: string;
  subclass?: FeedbackSubclass;
  categoryCode?: string;
  toUnitId?: string;
  toBody?: string;
  handlerId?: string | null;
  answer?: string;
  summary?: string;
  rating?: Rating;
  targetCode?: string;
  kind?: 'complaint' | 'denunciation';
  letterRef?: string;
  text?: string;
  hidden?: boolean;
  publicTitle?: string;
  publicDescription?: string;
  visibility?: 'public' | 'private';
  hideMediaIds?: string[];
  showMediaIds?: string[];
  legalBasis?: string;
  /** Open311 updates: the client's update id (idempotency) and status. */
  clientUpdateId?: string;
  clientStatus?: string;
}

const req = (v: string | undefined | null, field: string, en: string, vi: string): string => {
  const t = v?.trim();
  if (!t) throw badRequest([fieldError(field, `${field} ${en}`, `${field} ${vi}`)]);
  return t;
};

export interface ActionResult {
  id: string;
  eventId: number;
  status: FeedbackStatus;
  version: number;
}

/**
 * Takes one action of the transition table on an item. 404 when the actor may not see the item,
 * 403 when they may never take the action, 409 for a stale version or a state that forbids it.
 * `version` is required except for Open311 clients (which have no notion of it).
 */
export async function performAction(db: Db, actor: Actor, id: string, action: FeedbackAction, body: ActionBody, now: Date): Promise<ActionResult> {
  return db.tx((q) => performActionIn(q, actor, id, action, body, now));
}

export async function performActionIn(q: Queryable, actor: Actor, id: string, action: FeedbackAction, body: ActionBody, now: Date): Promise<ActionResult> {
  const row = (await q.query('select * from feedback where tenant_id=$1 and id=$2 for update', [actor.tenantId, id])).rows[0];
  if (!row) throw notFound('Feedback', 'Phản ánh');
  const { caps, canRead } = await capabilitiesFor(q, actor, row);
  if (!canRead) throw notFound('Feedback', 'Phản ánh');
  const check = checkAction(action, { status: row.status, publishedAt: row.published_at, ratedAt: row.rated_at, answerText: row.answer_text, moderationState: row.moderation_state }, caps);
  if (!check.ok && check.status === 403) throw forbidden(check.message, check.messageVi);
  if (!actor.clientId) {
    if (body.version === undefined || body.version === null) {
      throw badRequest([fieldError('version', 'version is required (the version you read)', 'version là bắt buộc (phiên bản bạn đã đọc)')]);
    }
    if (body.version !== row.version) throw staleVersion();
  }
  if (!check.ok) throw conflict(check.code, check.message, check.messageVi);
  const t = check.transition;
  const to = check.to;
  if (t.needsReason) req(body.reason, 'reason', 'is required', 'là bắt buộc');
  const set: Record<string, unknown> = {};
  const data: Record<string, unknown> = {};
  let publicNote: string | null = t.publicNote ?? null;
  let reason = body.reason?.trim() || null;
  const unitId = await actingUnit(q, actor, row.competent_unit_id);
  const rules = async () => rulesFor(q, actor.tenantId, row.received_at);
  const calendarOf = (unit: string) => loadCalendar(q, actor.tenantId, unit);

  switch (action) {
    case 'refuse':
      set.refused_at = now;
      set.refusal_reason = reason;
      if (!row.subclass) set.subclass = 'rejected';
      break;
    case 'request_supplement':
      set.supplement_request = reason;
      set.supplement_count = row.supplement_count + 1;
      if (!row.first_supplement_requested_at) set.first_supplement_requested_at = now;
      break;
    case 'supplement': {
      const text = req(body.text, 'text', 'is required', 'là bắt buộc');
      if (text.length > 4000) throw badRequest([fieldError('text', 'text must be at most 4000 characters', 'nội dung bổ sung không được dài quá 4000 ký tự')]);
      const stamp = localDateOf(now).split('-').reverse().join('/');
      set.description = `${row.description}\n\n[Bổ sung ${stamp}] ${text}`;
      set.public_description = `${row.public_description}\n\n[Bổ sung ${stamp}] ${redactPersonalData(text, [row.contact_name])}`;
      set.supplemented_at = now;
      data.text = text;
      break;
    }
    case 'classify': {
      if (!body.subclass && !body.categoryCode) {
        throw badRequest([fieldError('subclass', 'subclass or categoryCode is required', 'cần phân loại (subclass) hoặc lĩnh vực (categoryCode)')]);
      }
      let cls = row.class;
      if (body.categoryCode) {
        const c = await categoryByCode(q, actor.tenantId, body.categoryCode);
        if (!c || !c.active) throw badRequest([fieldError('categoryCode', `unknown category ${body.categoryCode}`, `không có lĩnh vực mã ${body.categoryCode}`)]);
        set.category_id = c.id;
        set.field_code = c.fieldCode;
        cls = c.class;
        data.category = { from: row.category_id, to: c.id, code: c.code };
      }
      if (body.subclass) {
        set.subclass = body.subclass;
        cls = classOfSubclass(body.subclass, cls);
        data.subclass = { from: row.subclass, to: body.subclass };
      }
      set.class = cls;
      data.class = { from: row.class, to: cls };
      break;
    }
    case 'transfer': {
      const target = body.toUnitId;
      if (!target) throw badRequest([fieldError('toUnitId', 'toUnitId is required', 'đơn vị nhận là bắt buộc')]);
      const u = (await q.query(`select id, name from units where tenant_id=$1 and id=$2 and (valid_to is null or valid_to > $3::date)`, [actor.tenantId, target, localDateOf(now)])).rows[0];
      if (!u) throw badRequest([fieldError('toUnitId', 'toUnitId is not a current unit', 'đơn vị nhận không tồn tại hoặc đã giải thể')]);
      if (u.id === row.competent_unit_id) throw conflict('same_unit', 'The item is already at this unit', 'Phản ánh đang ở chính đơn vị này');
      const r = await rules();
      try {
        const cal = await calendarOf(u.id);
        if (row.reopen_count > 0) {
          const a = answerDueFrom(cal, now, r);
          set.reopen_answer_due_at = a.due;
          set.due_provisional = a.provisional;
        } else {
          const d = duesFromReceipt(cal, now, r);
          Object.assign(set, { refuse_due_at: d.refuseDue, supplement_due_at: d.supplementDue, forward_due_at: d.forwardDue, answer_due_at: d.answerDue, due_provisional: d.provisional });
        }
      } catch (err) {
        dues(err);
      }
      set.competent_unit_id = u.id;
      set.clock_from = now;
      set.transfer_count = row.transfer_count + 1;
      set.handler_id = null;
      data.fromUnitId = row.competent_unit_id;
      data.toUnitId = u.id;
      publicNote = `Chuyển ${u.name} xử lý`;
      break;
    }
    case 'forward': {
      const toBody = req(body.toBody, 'toBody', 'is required', 'là bắt buộc');
      if (body.subclass !== 'conduct' && body.subclass !== 'regulation_other') {
        throw badRequest([fieldError('subclass', 'subclass must be conduct or regulation_other', 'phân loại phải là "conduct" hoặc "regulation_other"')]);
      }
      set.subclass = body.subclass;
      set.class = classOfSubclass(body.subclass, row.class);
      set.forwarded_at = now;
      set.forwarded_to = toBody.slice(0, 300);
      data.toBody = toBody;
      publicNote = `Chuyển ${toBody.slice(0, 300)} (cơ quan có thẩm quyền) giải quyết`;
      break;
    }
    case 'assign': {
      if (body.handlerId) {
        const h = await loadUser(q, body.handlerId);
        const ok = h && h.tenantId === actor.tenantId && h.kind === 'staff' && (await unitScope(q, h, HANDLING_ROLES)).includes(row.competent_unit_id);
        if (!ok) throw badRequest([fieldError('handlerId', 'handlerId is not an officer of the responsible unit', 'người được phân công không phải cán bộ của đơn vị xử lý')]);
        set.handler_id = body.handlerId;
      } else {
        set.handler_id = actor.user?.kind === 'staff' ? actor.user.id : null;
      }
      set.assigned_at = now;
      data.handlerId = set.handler_id;
      break;
    }
    case 'answer': {
      const answer = req(body.answer, 'answer', 'is required', 'là bắt buộc');
      if (answer.length > 20000) throw badRequest([fieldError('answer', 'answer must be at most 20000 characters', 'nội dung trả lời không được dài quá 20000 ký tự')]);
      const summary = body.summary?.trim() || answer.replace(/\s+/g, ' ').slice(0, 300);
      if (summary.length > 1000) throw badRequest([fieldError('summary', 'summary must be at most 1000 characters', 'tóm tắt không được dài quá 1000 ký tự')]);
      set.answer_text = answer;
      set.answer_summary = summary;
      set.answered_at = now;
      set.answered_by = actor.user?.id ?? null;
      if (!row.first_answered_at) set.first_answered_at = now;
      if (row.status === 'reopened') set.published_at = null;
      try {
        const p = publishDueFrom(await calendarOf(row.competent_unit_id), now, await rules());
        set.publish_due_at = p.due;
      } catch (err) {
        dues(err);
      }
      data.summary = summary;
      break;
    }
    case 'publish':
      set.published_at = now;
      if (!row.first_published_at) set.first_published_at = now;
      publicNote = row.answer_summary;
      break;
    case 'close':
      set.closed_at = now;
      break;
    case 'rate': {
      if (!body.rating) throw badRequest([fieldError('rating', 'rating is required', 'mức độ hài lòng là bắt buộc')]);
      set.rating = body.rating;
      set.rated_at = now;
      set.closed_at = now;
      const vote = body.rating === 'dissatisfied' ? 'dislike' : 'like';
      const key = actor.user ? `user:${actor.user.id}` : `owner:${row.id}`;
      const ins = await q.query(
        `insert into feedback_votes(tenant_id, feedback_id, voter_key, vote, at) values ($1,$2,$3,$4,$5) on conflict (feedback_id, voter_key) do nothing`,
        [actor.tenantId, row.id, key, vote, now],
      );
      if (ins.rowCount) set[vote === 'like' ? 'likes' : 'dislikes'] = row[vote === 'like' ? 'likes' : 'dislikes'] + 1;
      data.rating = body.rating;
      data.vote = ins.rowCount ? vote : null;
      break;
    }
    case 'reopen': {
      set.reopened_at = now;
      set.reopen_count = row.reopen_count + 1;
      set.closed_at = null;
      try {
        const a = answerDueFrom(await calendarOf(row.competent_unit_id), now, await rules());
        set.reopen_answer_due_at = a.due;
      } catch (err) {
        dues(err);
      }
      break;
    }
    case 'merge': {
      const code = req(body.targetCode, 'targetCode', 'is required', 'là bắt buộc');
      const target = (await q.query('select id, code, status from feedback where tenant_id=$1 and code=$2', [actor.tenantId, code])).rows[0];
      if (!target) throw badRequest([fieldError('targetCode', `no feedback ${code}`, `không có phản ánh mã ${code}`)]);
      if (target.id === row.id) throw badRequest([fieldError('targetCode', 'an item cannot be merged into itself', 'không thể gộp phản ánh vào chính nó')]);
      if (target.status === 'merged' || target.status === 'reclassified') {
        throw conflict('target_not_open', 'The target was itself merged or reclassified', 'Phản ánh gốc đã bị gộp hoặc chuyển xử lý theo đơn thư');
      }
      set.merged_into_id = target.id;
      data.targetCode = target.code;
      publicNote = `Trùng nội dung với phản ánh ${target.code}`;
      break;
    }
    case 'reclassify': {
      if (body.kind !== 'complaint' && body.kind !== 'denunciation') {
        throw badRequest([fieldError('kind', 'kind must be complaint or denunciation', 'loại đơn phải là khiếu nại (complaint) hoặc tố cáo (denunciation)')]);
      }
      set.reclassified_as = body.kind;
      set.letter_ref = body.letterRef?.trim() || null;
      set.visibility = 'private';
      data.kind = body.kind;
      data.letterRef = set.letter_ref;
      break;
    }
    case 'moderate': {
      const changes = body.hidden !== undefined || body.publicTitle !== undefined || body.publicDescription !== undefined || body.visibility !== undefined || !!body.hideMediaIds?.length || !!body.showMediaIds?.length;
      if (!changes) throw badRequest([fieldError('hidden', 'nothing to moderate: give hidden, publicTitle, publicDescription, visibility or media ids', 'chưa có nội dung kiểm duyệt')]);
      if (body.publicTitle !== undefined && !body.publicTitle.trim()) throw badRequest([fieldError('publicTitle', 'publicTitle must not be empty', 'tiêu đề công khai không được để trống')]);
      if (body.publicDescription !== undefined && !body.publicDescription.trim()) throw badRequest([fieldError('publicDescription', 'publicDescription must not be empty', 'nội dung công khai không được để trống')]);
      const media = (await q.query('select id, hidden from feedback_media where feedback_id=$1', [row.id])).rows as { id: string; hidden: boolean }[];
      const known = new Set(media.map((m) => m.id));
      const unknown = [...(body.hideMediaIds ?? []), ...(body.showMediaIds ?? [])].filter((m) => !known.has(m));
      if (unknown.length) throw badRequest([fieldError('hideMediaIds', `unknown media ${unknown.join(', ')}`, `không có ảnh ${unknown.join(', ')}`)]);
      const original = row.moderation_original_data ?? {
        publicTitle: row.public_title,
        publicDescription: row.public_description,
        visibility: row.visibility,
        hiddenMedia: media.filter((m) => m.hidden).map((m) => m.id),
        savedAt: now.toISOString(),
      };
      set.moderation_original_data = JSON.stringify(original);
      if (body.publicTitle !== undefined) set.public_title = body.publicTitle.trim().slice(0, 200);
      if (body.publicDescription !== undefined) set.public_description = body.publicDescription.trim().slice(0, 4000);
      if (body.visibility !== undefined) set.visibility = body.visibility;
      for (const m of body.hideMediaIds ?? []) await q.query('update feedback_media set hidden=true where id=$1', [m]);
      for (const m of body.showMediaIds ?? []) await q.query('update feedback_media set hidden=false where id=$1', [m]);
      const edited =
        (set.public_title ?? row.public_title) !== original.publicTitle ||
        (set.public_description ?? row.public_description) !== original.publicDescription ||
        (set.visibility ?? row.visibility) !== original.visibility ||
        !!body.hideMediaIds?.length ||
        (await q.query('select 1 from feedback_media where feedback_id=$1 and hidden', [row.id])).rowCount > 0;
      const hidden = body.hidden ?? row.moderation_state === 'hidden';
      set.moderation_state = hidden ? 'hidden' : edited ? 'edited' : 'none';
      set.moderation_reason = reason;
      data.moderation = {
        hidden: body.hidden,
        publicTitle: body.publicTitle !== undefined,
        publicDescription: body.publicDescription !== undefined,
        visibility: body.visibility,
        hideMediaIds: body.hideMediaIds ?? [],
        showMediaIds: body.showMediaIds ?? [],
      };
      break;
    }
    case 'comment': {
      const text = req(body.text, 'text', 'is required', 'là bắt buộc');
      if (text.length > 4000) throw badRequest([fieldError('text', 'text must be at most 4000 characters', 'nội dung không được dài quá 4000 ký tự')]);
      data.text = text;
      reason = reason ?? null;
      break;
    }
  }
  if (body.clientUpdateId) data.clientUpdateId = body.clientUpdateId;
  if (body.clientStatus) data.clientStatus = body.clientStatus;

  const cols = Object.keys(set);
  const params: unknown[] = [row.id, to, now];
  const assigns = cols.map((c) => {
    params.push(set[c]);
    return `${c} = $${params.length}`;
  });
  const updated = (
    await q.query<{ version: number }>(
      `update feedback set status=$2, updated_at=$3, version=version+1${assigns.length ? ', ' + assigns.join(', ') : ''}
        where id=$1 returning version`,
      params,
    )
  ).rows[0];
  if (set.description || set.public_description) {
    await q.query(`update feedback set search_text = vn_fold(code || ' ' || title || ' ' || description || ' ' || coalesce(address, '')) where id=$1`, [row.id]);
  }
  const eventId = await insertEvent(q, {
    tenantId: actor.tenantId,
    feedbackId: row.id,
    action,
    from: row.status,
    to,
    actor,
    actorUnitId: unitId,
    at: now,
    reason,
    legalBasis: body.legalBasis ?? null,
    data,
    publicNote: t.update ? publicNote : null,
    isPublic: t.update !== null,
    extendedStatus: t.update,
  });
  return { id: row.id, eventId, status: to, version: updated.version };
}

/** Capabilities of the actor on an item (for "what may I do now?"). */
export async function capabilitiesOf(q: Queryable, actor: Actor, row: any): Promise<{ caps: Capability[]; canRead: boolean }> {
  return capabilitiesFor(q, actor, row);
}

/** Verifies an anonymous sender's tracking secret for a reference; returns the item id. */
export async function itemForSecret(q: Queryable, tenantId: string, code: string, secret: string): Promise<string | null> {
  const r = await q.query('select id, tracking_secret_hash from feedback where tenant_id=$1 and code=$2', [tenantId, code]);
  const row = r.rows[0];
  if (!row) return null;
  const a = Buffer.from(row.tracking_secret_hash, 'hex');
  const b = Buffer.from(hashSecret(secret), 'hex');
  return a.length === b.length && crypto.timingSafeEqual(a, b) ? row.id : null;
}

/**
 * A like or dislike on a published answer: one per user or device per item, never changed. Public
 * votes are not state changes (the item's version does not move).
 */
export async function vote(db: Db, tenantId: string, code: string, voterKey: string, value: 'like' | 'dislike', now: Date, visibleSql: string) {
  return db.tx(async (q) => {
    const row = (await q.query(`select f.id, f.likes, f.dislikes from feedback f where f.tenant_id=$1 and f.code=$2 and ${visibleSql} for update`, [tenantId, code])).rows[0];
    if (!row) throw notFound('Feedback', 'Phản ánh');
    const ins = await q.query(
      `insert into feedback_votes(tenant_id, feedback_id, voter_key, vote, at) values ($1,$2,$3,$4,$5) on conflict (feedback_id, voter_key) do nothing`,
      [tenantId, row.id, voterKey, value, now],
    );
    if (!ins.rowCount) throw conflict('already_voted', 'You have already voted on this answer', 'Bạn đã đánh giá kết quả này rồi');
    const col = value === 'like' ? 'likes' : 'dislikes';
    const r = (await q.query(`update feedback set ${col} = ${col} + 1 where id=$1 returning likes, dislikes`, [row.id])).rows[0];
    return { likes: r.likes as number, dislikes: r.dislikes as number };
  });
}
