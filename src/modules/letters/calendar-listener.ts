/**
 * After a calendar change, open deadlines of this capability are recomputed from their stored
 * inputs with the new calendar: letter outcome dues (from receipt), visit reply dues (from receipt)
 * and case resolution dues (from the clock start: acceptance or the latest resumption; extensions
 * re-applied). Each move is logged as a `due_recomputed` event with the calendar change id.
 */
import type { Db, Queryable } from '../../db/types.js';
import { formatLocal, type WorkingCalendar } from '../../core/calendar/index.js';
import { extendedDue, letterOutcomeDue, resolutionDue, visitReplyDue, type CaseType } from '../../core/letters/index.js';
import { CALENDAR_LISTENERS, type CalendarChangeListener, type CalendarImpact } from '../calendar/listeners.js';
import { loadCalendar } from '../calendar/service.js';
import { ruleSetById } from './common.js';

interface Move {
  table: 'letters' | 'reception_visits' | 'cases';
  entity: 'letter' | 'visit' | 'case';
  column: 'due_at' | 'reply_due_at';
  id: string;
  code: string | null;
  old: Date;
  next: Date;
}

async function moves(q: Queryable, tenantId: string, calendarFor: (unitId: string) => Promise<WorkingCalendar>): Promise<Move[]> {
  const out: Move[] = [];
  const letters = (await q.query(`select * from letters where tenant_id=$1 and outcome is null and status in ('received', 'classified', 'proposed_accept') and due_at is not null`, [tenantId])).rows;
  for (const l of letters) {
    const rs = await ruleSetById(q, l.rule_set_id);
    const due = letterOutcomeDue(await calendarFor(l.unit_id), rs.rules, { receivedAt: l.received_at, contentType: l.content_type, multiSite: l.multi_site }).due;
    if (due.getTime() !== l.due_at.getTime()) out.push({ table: 'letters', entity: 'letter', column: 'due_at', id: l.id, code: l.code, old: l.due_at, next: due });
  }
  const visits = (await q.query(`select * from reception_visits where tenant_id=$1 and status = 'heard' and reply_due_at is not null`, [tenantId])).rows;
  for (const v of visits) {
    const rs = await ruleSetById(q, v.rule_set_id);
    const due = visitReplyDue(await calendarFor(v.unit_id), rs.rules, v.received_at).due;
    if (due.getTime() !== v.reply_due_at.getTime()) out.push({ table: 'reception_visits', entity: 'visit', column: 'reply_due_at', id: v.id, code: null, old: v.reply_due_at, next: due });
  }
  const cases = (await q.query(`select * from cases where tenant_id=$1 and resolved_at is null and end_kind is null and status <> 'suspended' and clock_start_at is not null`, [tenantId])).rows;
  for (const c of cases) {
    const rs = await ruleSetById(q, c.rule_set_id);
    const cal = await calendarFor(c.unit_id);
    let due = resolutionDue(cal, rs.rules, { type: c.type as CaseType, instance: c.instance, complex: c.complex, remote: c.remote_area }, c.clock_start_at).due;
    const ext = (await q.query('select days from case_extensions where case_id=$1 order by seq', [c.id])).rows;
    for (const x of ext) due = extendedDue(cal, rs.rules, due, x.days).due;
    if (due.getTime() !== c.due_at.getTime()) out.push({ table: 'cases', entity: 'case', column: 'due_at', id: c.id, code: c.code, old: c.due_at, next: due });
  }
  return out;
}

const impact = (m: Move): CalendarImpact => ({ kind: m.entity, id: m.id, code: m.code, oldDue: formatLocal(m.old), newDue: formatLocal(m.next), appliedDue: formatLocal(m.next) });

export const lettersCalendarListener: CalendarChangeListener = {
  name: 'letters',
  async apply(db: Db, tenantId: string, changeId: string) {
    return db.tx(async (tx) => {
      const list = await moves(tx, tenantId, (u) => loadCalendar(tx, tenantId, u));
      for (const m of list) {
        await tx.query(`update ${m.table} set ${m.column} = $2, version = version + 1 where id = $1`, [m.id, m.next]);
        await tx.query(
          `insert into letter_events(tenant_id, entity, entity_id, action, at, due_before, due_after, data) values ($1,$2,$3,'due_recomputed',now(),$4,$5,$6)`,
          [tenantId, m.entity, m.id, m.old, m.next, JSON.stringify({ calendarChangeId: changeId })],
        );
      }
      return list.map(impact);
    });
  },
  async preview(db: Db, tenantId: string, calendarFor: (unitId: string | null) => Promise<WorkingCalendar>) {
    return (await moves(db, tenantId, calendarFor)).map(impact);
  },
};

export function registerCalendarListener(): void {
  if (!CALENDAR_LISTENERS.some((l) => l.name === lettersCalendarListener.name)) CALENDAR_LISTENERS.push(lettersCalendarListener);
}
