/**
 * What the feedback capability offers the Open311 plugin: public requests with filters, the
 * public updates feed (stable update ids = event ids), tokens, and updates pushed by clients.
 * Only items any public endpoint may show are returned (public, not hidden, not reclassified).
 */
import crypto from 'node:crypto';
import type { Db, Queryable } from '../../db/types.js';
import { notFound } from '../../http/errors.js';
import type { ExtendedStatus } from '../../core/feedback/index.js';
import { ITEM_SELECT, PUBLIC_VISIBLE } from './queries.js';
import { performActionIn, submitFeedback, type SubmitInput, type Submitted } from './service.js';
import type { Actor } from './policy.js';

const REQUEST_SELECT = ITEM_SELECT.replace(
  'select f.*,',
  `select f.*, (select max(e.at) from feedback_events e where e.feedback_id = f.id and e.is_public) last_public_at,
          (select m.code from feedback m where m.id = f.merged_into_id) merged_into_code,
          (select p.name from units p where p.tenant_id = f.tenant_id and p.kind = 'province' and p.parent_id is null limit 1) province_name,
          (select m.id from feedback_media m where m.feedback_id = f.id and not m.hidden and m.public_path is not null order by m.uploaded_at, m.id limit 1) public_media_id,`,
);

export interface RequestFilter {
  tenantId: string;
  ids: string[] | null;
  serviceCodes: string[] | null;
  from: Date;
  to: Date;
  statuses: ('open' | 'closed')[] | null;
  limit: number;
  offset: number;
}

const OPEN311_CLOSED = `('published', 'closed', 'refused', 'merged')`;

export async function publicRequests(q: Queryable, f: RequestFilter): Promise<any[]> {
  if (f.ids) {
    return (
      await q.query(`${REQUEST_SELECT} where f.tenant_id=$1 and ${PUBLIC_VISIBLE} and f.code = any($2::text[]) order by f.received_at desc, f.id limit $3 offset $4`, [
        f.tenantId,
        f.ids,
        f.limit,
        f.offset,
      ])
    ).rows;
  }
  const wantOpen = !f.statuses || f.statuses.includes('open');
  const wantClosed = !f.statuses || f.statuses.includes('closed');
  return (
    await q.query(
      `${REQUEST_SELECT} where f.tenant_id=$1 and ${PUBLIC_VISIBLE}
          and f.received_at >= $2 and f.received_at <= $3
          and ($4::text[] is null or c.code = any($4::text[]))
          and (($5 and f.status not in ${OPEN311_CLOSED}) or ($6 and f.status in ${OPEN311_CLOSED}))
        order by f.received_at desc, f.id limit $7 offset $8`,
      [f.tenantId, f.from, f.to, f.serviceCodes, wantOpen, wantClosed, f.limit, f.offset],
    )
  ).rows;
}

export async function publicRequest(q: Queryable, tenantId: string, code: string): Promise<any | null> {
  return (await q.query(`${REQUEST_SELECT} where f.tenant_id=$1 and ${PUBLIC_VISIBLE} and f.code=$2`, [tenantId, code])).rows[0] ?? null;
}

/** Public updates in a window, oldest first (update_id = the event id, stable across polls). */
export async function publicUpdates(q: Queryable, tenantId: string, from: Date, to: Date, limit: number, offset: number) {
  return (
    await q.query(
      `select e.id, e.at, e.extended_status, e.public_note, e.action, f.code, f.contact_name, f.anonymous
         from feedback_events e join feedback f on f.id = e.feedback_id
        where e.tenant_id=$1 and e.is_public and e.at >= $2 and e.at <= $3 and ${PUBLIC_VISIBLE}
        order by e.at, e.id limit $4 offset $5`,
      [tenantId, from, to, limit, offset],
    )
  ).rows;
}

/** Submits a request for an Open311 client; for a `batch` category also issues a token. */
export async function submitForClient(db: Db, actor: Actor, input: SubmitInput, batch: boolean, now: Date): Promise<{ submitted: Submitted; token: string | null }> {
  return db.tx(async (q) => {
    const submitted = await submitFeedback(q, actor, input, [], now);
    let token: string | null = null;
    if (batch) {
      token = crypto.randomBytes(12).toString('hex');
      await q.query('insert into open311_tokens(token, tenant_id, client_id, feedback_id) values ($1,$2,$3,$4)', [token, actor.tenantId, actor.clientId, submitted.id]);
    }
    return { submitted, token };
  });
}

export async function resolveToken(q: Queryable, tenantId: string, token: string): Promise<{ token: string; code: string | null } | null> {
  const r = await q.query(
    `select t.token, f.code from open311_tokens t left join feedback f on f.id = t.feedback_id where t.tenant_id=$1 and t.token=$2`,
    [tenantId, token],
  );
  return r.rows[0] ? { token: r.rows[0].token, code: r.rows[0].code } : null;
}

/**
 * An update pushed by a client (mySociety POST servicerequestupdates): OPEN/REOPEN on a published
 * answer reopens it (a continued complaint); anything else is recorded as a comment. The same
 * client update id returns the same update_id.
 */
export async function recordClientUpdate(
  db: Db,
  actor: Actor,
  input: { code: string; clientUpdateId: string; status: ExtendedStatus; description: string; updatedAt: Date },
  now: Date,
): Promise<{ updateId: string; replayed: boolean }> {
  return db.tx(async (q) => {
    await q.query('select pg_advisory_xact_lock(hashtext($1))', [`o311upd|${actor.clientId}|${input.clientUpdateId}`]);
    const prior = (
      await q.query(`select id from feedback_events where open311_client_id=$1 and data->>'clientUpdateId' = $2`, [actor.clientId, input.clientUpdateId])
    ).rows[0];
    if (prior) return { updateId: String(prior.id), replayed: true };
    const row = (await q.query('select id, status, open311_client_id from feedback where tenant_id=$1 and code=$2', [actor.tenantId, input.code])).rows[0];
    if (!row || row.open311_client_id !== actor.clientId) throw notFound('Service request', 'Phản ánh');
    const reopen = (input.status === 'open' || input.status === 'reopen') && (row.status === 'published' || row.status === 'closed');
    const res = await performActionIn(
      q,
      actor,
      row.id,
      reopen ? 'reopen' : 'comment',
      reopen
        ? { reason: input.description, clientUpdateId: input.clientUpdateId, clientStatus: input.status }
        : { text: input.description, clientUpdateId: input.clientUpdateId, clientStatus: input.status },
      now,
    );
    return { updateId: String(res.eventId), replayed: false };
  });
}
