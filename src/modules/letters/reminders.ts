/**
 * Reminders before due (and once overdue): a scan over open letters (outcome due), visits (reply
 * due), refusal notices, cases (resolution due) and leaders' instructions records one
 * `due_reminder` event per item, due instant and stage. Idempotent: the unique index on
 * (tenant, item, reminder key) makes a second scan a no-op. Run by pg-boss every hour.
 */
import type { Config } from '../../config.js';
import type { Db } from '../../db/types.js';
import type { Jobs } from '../../jobs.js';
import { fromLocal, addDays } from '../../core/calendar/index.js';
import { reminderKey, reminderStage } from '../../core/letters/index.js';

export const REMINDER_QUEUE = 'letters-due-reminders';

interface Item {
  entity: 'letter' | 'visit' | 'case' | 'instruction';
  id: string;
  due: Date;
  what: string;
  unitId: string;
  daysAhead: number;
}

export async function scanReminders(db: Db, tenantId: string, now: Date): Promise<{ scanned: number; recorded: number }> {
  const items: Item[] = [];
  const horizon = new Date(now.getTime() + 31 * 86_400_000);
  const push = (rows: any[], entity: Item['entity'], what: string) => {
    for (const r of rows) items.push({ entity, id: r.id, due: new Date(r.due), what, unitId: r.unit_id, daysAhead: Number(r.days_ahead ?? 3) });
  };
  push(
    (
      await db.query(
        `select l.id, l.due_at due, l.unit_id, (rs.rules->'reminders'->>'daysAhead')::int days_ahead from letters l join letter_rule_sets rs on rs.id = l.rule_set_id
          where l.tenant_id=$1 and l.outcome is null and l.status in ('received', 'classified', 'proposed_accept') and l.due_at is not null and l.due_at < $2`,
        [tenantId, horizon],
      )
    ).rows,
    'letter',
    'outcome',
  );
  push(
    (
      await db.query(
        `select v.id, v.reply_due_at due, v.unit_id, (rs.rules->'reminders'->>'daysAhead')::int days_ahead from reception_visits v join letter_rule_sets rs on rs.id = v.rule_set_id
          where v.tenant_id=$1 and v.status = 'heard' and v.reply_due_at is not null and v.reply_due_at < $2`,
        [tenantId, horizon],
      )
    ).rows,
    'visit',
    'reply',
  );
  push(
    (
      await db.query(
        `select v.id, v.refusal_notice_due_at due, v.unit_id, 1 days_ahead from reception_visits v
          where v.tenant_id=$1 and v.status = 'refused' and v.refusal_notice_required and v.refusal_notice_at is null and v.refusal_notice_due_at < $2`,
        [tenantId, horizon],
      )
    ).rows,
    'visit',
    'refusal_notice',
  );
  push(
    (
      await db.query(
        `select c.id, c.due_at due, c.unit_id, (rs.rules->'reminders'->>'daysAhead')::int days_ahead from cases c join letter_rule_sets rs on rs.id = c.rule_set_id
          where c.tenant_id=$1 and c.resolved_at is null and c.end_kind is null and c.status <> 'suspended' and c.due_at is not null and c.due_at < $2`,
        [tenantId, horizon],
      )
    ).rows,
    'case',
    'resolution',
  );
  const ins = (
    await db.query(`select id, due_on, assignee_unit_id unit_id from reception_instructions where tenant_id=$1 and status='pending'`, [tenantId])
  ).rows;
  for (const i of ins) items.push({ entity: 'instruction', id: i.id, due: fromLocal(addDays(i.due_on, 1), 0), what: 'instruction', unitId: i.unit_id, daysAhead: 3 });

  let recorded = 0;
  for (const it of items) {
    const stage = reminderStage(now, it.due, it.daysAhead);
    if (!stage) continue;
    const key = reminderKey(it.what, it.due, stage);
    const r = await db.query(
      `insert into letter_events(tenant_id, entity, entity_id, action, at, actor_id, actor_unit_id, data, due_after)
       values ($1,$2,$3,'due_reminder',$4,null,$5,$6,$7)
       on conflict (tenant_id, entity_id, (data->>'reminderKey')) where action = 'due_reminder' do nothing`,
      [tenantId, it.entity, it.id, now, it.unitId, JSON.stringify({ reminderKey: key, stage, what: it.what, due: it.due.toISOString() }), it.due],
    );
    recorded += r.rowCount;
  }
  return { scanned: items.length, recorded };
}

/** pg-boss registration: an hourly scan (and one at start-up). */
export async function registerLetterJobs(jobs: Jobs, db: Db, config: Config): Promise<void> {
  await jobs.boss.createQueue(REMINDER_QUEUE);
  await jobs.boss.work(REMINDER_QUEUE, async () => {
    const r = await scanReminders(db, config.tenantId, new Date());
    return r;
  });
  await jobs.boss.schedule(REMINDER_QUEUE, '17 * * * *', {}, { tz: 'Asia/Ho_Chi_Minh' });
  await jobs.boss.send(REMINDER_QUEUE, {});
}
