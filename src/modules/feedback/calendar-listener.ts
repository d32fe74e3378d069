/**
 * After a calendar change, open feedback deadlines are recomputed from their stored inputs (clock
 * start, answer time, reopening) with the new calendar; each move is logged as a
 * `due_recomputed` event carrying the calendar change id (calendar.md §2.4).
 */
import type { Db, Queryable } from '../../db/types.js';
import { formatLocal, localDateOf, type WorkingCalendar } from '../../core/calendar/index.js';
import { answerDueFrom, duesFromReceipt, publishDueFrom, rulesInForce } from '../../core/feedback/index.js';
import { loadCalendar } from '../calendar/service.js';
import { CALENDAR_LISTENERS, type CalendarChangeListener, type CalendarImpact } from '../calendar/listeners.js';
import { loadDeadlineRules } from './reference.js';

const OPEN = `('received', 'supplement_requested', 'supplemented', 'assigned', 'reopened', 'answered')`;

interface Recomputed {
  row: any;
  set: Record<string, Date>;
}

async function recompute(q: Queryable, tenantId: string, calendarFor: (unitId: string) => Promise<WorkingCalendar>): Promise<Recomputed[]> {
  const rules = await loadDeadlineRules(q, tenantId);
  const rows = (await q.query(`select * from feedback where tenant_id=$1 and status in ${OPEN}`, [tenantId])).rows;
  const out: Recomputed[] = [];
  for (const row of rows) {
    let r;
    try {
      r = rulesInForce(rules, localDateOf(row.received_at));
    } catch {
      continue; // no rule in force: the item keeps its dues (reported by the rules screen)
    }
    const cal = await calendarFor(row.competent_unit_id);
    const set: Record<string, Date> = {};
    const cmp = (col: string, v: Date) => {
      if (!row[col] || row[col].getTime() !== v.getTime()) set[col] = v;
    };
    if (!row.first_answered_at && row.reopen_count === 0) {
      const d = duesFromReceipt(cal, row.clock_from, r);
      cmp('refuse_due_at', d.refuseDue);
      cmp('supplement_due_at', d.supplementDue);
      cmp('forward_due_at', d.forwardDue);
      cmp('answer_due_at', d.answerDue);
    }
    if (row.reopen_count > 0 && row.reopened_at && row.status !== 'answered') {
      const from = row.clock_from > row.reopened_at ? row.clock_from : row.reopened_at;
      cmp('reopen_answer_due_at', answerDueFrom(cal, from, r).due);
    }
    if (row.status === 'answered' && row.answered_at) cmp('publish_due_at', publishDueFrom(cal, row.answered_at, r).due);
    if (Object.keys(set).length) out.push({ row, set });
  }
  return out;
}

function impacts(list: Recomputed[]): CalendarImpact[] {
  return list.map(({ row, set }) => {
    const col = set.answer_due_at ? 'answer_due_at' : set.reopen_answer_due_at ? 'reopen_answer_due_at' : Object.keys(set)[0];
    return { kind: 'feedback', id: row.id, code: row.code, oldDue: row[col] ? formatLocal(row[col]) : '', newDue: formatLocal(set[col]), appliedDue: formatLocal(set[col]) };
  });
}

export const feedbackCalendarListener: CalendarChangeListener = {
  name: 'feedback',
  async apply(db: Db, tenantId: string, changeId: string) {
    return db.tx(async (q) => {
      const list = await recompute(q, tenantId, (unitId) => loadCalendar(q, tenantId, unitId));
      for (const { row, set } of list) {
        const cols = Object.keys(set);
        await q.query(
          `update feedback set ${cols.map((c, i) => `${c}=$${i + 2}`).join(', ')}, version=version+1 where id=$1`,
          [row.id, ...cols.map((c) => set[c])],
        );
        await q.query(
          `insert into feedback_events(tenant_id, feedback_id, action, from_status, to_status, actor_kind, at, data)
           values ($1,$2,'due_recomputed',$3,$3,'system',now(),$4)`,
          [tenantId, row.id, row.status, JSON.stringify({ calendarChangeId: changeId, before: Object.fromEntries(cols.map((c) => [c, row[c]])), after: set })],
        );
      }
      return impacts(list);
    });
  },
  async preview(db, tenantId, calendarFor) {
    return impacts(await recompute(db, tenantId, (unitId) => calendarFor(unitId)));
  },
};

/** Registers the listener once (module import side effect is avoided: the plugin calls this). */
export function registerCalendarListener(): void {
  if (!CALENDAR_LISTENERS.some((l) => l.name === feedbackCalendarListener.name)) CALENDAR_LISTENERS.push(feedbackCalendarListener);
}
