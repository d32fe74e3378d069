import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { Nullable } from '../../http/nullable.js';
import { requireRole } from '../../http/context.js';
import { AppError, badRequest, fieldError, notFound, staleVersion } from '../../http/errors.js';
import { computeDue, DeadlineInputError } from '../../core/calendar/deadline.js';
import { CalendarRangeError } from '../../core/calendar/working-calendar.js';
import { solarToLunar, lunarToSolar, LunarDateError } from '../../core/calendar/lunar.js';
import { formatLocal, parseInstant, parseLocalDate } from '../../core/calendar/time.js';
import {
  addHoursVersion,
  addSpecialDay,
  generateYear,
  hoursOf,
  loadCalendar,
  loadCalendarWith,
  removeSpecialDay,
  specialDaysOfYear,
  updateSpecialDay,
  type CalendarEdit,
} from './service.js';
import { previewCalendarChange } from './listeners.js';

const KINDS = ['holiday', 'compensatory_off', 'bridge_off', 'make_up_workday', 'unit_closure'] as const;
const HHMM = '^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$';
const SessionSchema = Type.Object({ start: Type.String({ pattern: HHMM }), end: Type.String({ pattern: HHMM }) }, { additionalProperties: false });
const Year = Type.Integer({ minimum: 1900, maximum: 2199 });

const SpecialDayBody = Type.Object(
  {
    date: Type.String({ format: 'date' }),
    kind: Type.Union(KINDS.map((k) => Type.Literal(k))),
    name: Type.String({ minLength: 2, maxLength: 200 }),
    scope: Type.Optional(Type.String({ pattern: '^(national_public_sector|province:[A-Za-z0-9]+|unit:[A-Za-z0-9.\\-]+)$', maxLength: 60 })),
    sessions: Type.Optional(Nullable(Type.Array(SessionSchema, { maxItems: 4 }))),
    legalBasis: Type.String({ minLength: 3, maxLength: 500 }),
    status: Type.Optional(Type.Union([Type.Literal('proposed'), Type.Literal('confirmed')])),
    source: Type.Optional(Type.Union([Type.Literal('official_notice'), Type.Literal('manual')])),
    reason: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);

const calendar: FastifyPluginAsync = async (app) => {
  async function officeUnit(code: string | undefined): Promise<{ id: string; code: string } | null> {
    const r = code
      ? await app.db.query('select id, code from units where tenant_id=$1 and code=$2 order by valid_from desc limit 1', [app.config.tenantId, code])
      : await app.db.query("select id, code from units where tenant_id=$1 and kind='province' and parent_id is null limit 1", [app.config.tenantId]);
    return r.rows[0] ?? null;
  }
  async function requireOffice(code: string | undefined) {
    const u = await officeUnit(code);
    if (!u) throw badRequest([fieldError('office', `unknown office ${code}`, `không có đơn vị mã ${code}`)]);
    return u;
  }
  const actorOf = (request: FastifyRequest) => {
    const user = requireRole(request, 'admin');
    return { tenantId: user.tenantId, userId: user.id, ip: request.ip };
  };

  app.get(
    '/calendar/due',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Due instant from a start instant plus an amount of working days, working hours or calendar days',
        security: [],
        querystring: Type.Object({
          start: Type.String({ minLength: 10, maxLength: 40 }),
          amount: Type.Number({ minimum: 0, maximum: 2500 }),
          unit: Type.Union([Type.Literal('working_days'), Type.Literal('working_hours'), Type.Literal('days'), Type.Literal('same_day'), Type.Literal('months')]),
          office: Type.Optional(Type.String({ maxLength: 40 })),
          cutoff: Type.Optional(Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' })),
        }),
      },
    },
    async (request) => {
      const q = request.query as { start: string; amount: number; unit: any; office?: string; cutoff?: string };
      const start = parseInstant(q.start);
      if (!start) throw badRequest([fieldError('start', 'start must be an ISO 8601 instant, e.g. 2026-11-09T10:00:00+07:00', 'start phải là thời điểm ISO 8601, ví dụ 2026-11-09T10:00:00+07:00')]);
      const office = await requireOffice(q.office);
      const cal = await loadCalendar(app.db, app.config.tenantId, office.id);
      try {
        const r = computeDue(cal, { receivedAt: start, amount: q.amount, unit: q.unit, cutoff: q.cutoff ?? null });
        return {
          due: formatLocal(r.due),
          clockStart: formatLocal(r.clockStart),
          workingMinutes: r.workingMinutes,
          provisional: r.provisional,
          office: office.code,
          steps: r.steps,
        };
      } catch (err) {
        if (err instanceof DeadlineInputError) throw badRequest([fieldError(err.field, err.message, err.messageVi)]);
        if (err instanceof CalendarRangeError) throw badRequest([fieldError('amount', err.message, 'Thời hạn vượt quá phạm vi lịch (10 năm)')]);
        throw err;
      }
    },
  );

  app.get(
    '/calendar/days',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Every special day of a year (holidays, compensatory days, swapped working days) with type and legal basis',
        security: [],
        querystring: Type.Object({ year: Year, office: Type.Optional(Type.String({ maxLength: 40 })) }),
      },
    },
    async (request) => {
      const q = request.query as { year: number; office?: string };
      const office = await requireOffice(q.office);
      const { source, days } = await specialDaysOfYear(app.db, app.config.tenantId, q.year, office.code);
      return {
        year: q.year,
        office: office.code,
        source,
        days: days.map((d) => ({
          id: d.id ?? null,
          date: d.date,
          kind: d.kind,
          name: d.name,
          scope: d.scope ?? 'national_public_sector',
          sessions: d.sessions ?? null,
          legalBasis: d.legalBasis ?? '',
          source: d.source ?? 'rule',
          status: d.status,
          evidence: d.evidence ?? null,
          version: d.version ?? null,
        })),
      };
    },
  );

  app.get(
    '/calendar/lunar',
    { schema: { tags: ['calendar'], summary: 'Vietnamese lunar date of a solar date (UTC+7)', security: [], querystring: Type.Object({ date: Type.String({ maxLength: 10 }) }) } },
    async (request) => {
      const { date } = request.query as { date: string };
      const d = parseLocalDate(date);
      if (!d) throw badRequest([fieldError('date', 'date must be YYYY-MM-DD', 'date phải có dạng YYYY-MM-DD')]);
      const [y, m, dd] = d.split('-').map(Number);
      if (y < 1900 || y > 2199) throw badRequest([fieldError('date', 'date must be between 1900 and 2199', 'date phải trong khoảng 1900–2199')]);
      const l = solarToLunar(y, m, dd);
      return { day: l.day, month: l.month, year: l.year, leap: l.leap };
    },
  );

  app.get(
    '/calendar/solar',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Solar date of a Vietnamese lunar date; a leap flag on a month that is not leap is refused',
        security: [],
        querystring: Type.Object({
          lunarDay: Type.Integer({ minimum: 1, maximum: 30 }),
          lunarMonth: Type.Integer({ minimum: 1, maximum: 12 }),
          lunarYear: Type.Integer({ minimum: 1900, maximum: 2199 }),
          leap: Type.Optional(Type.Boolean()),
        }),
      },
    },
    async (request) => {
      const q = request.query as { lunarDay: number; lunarMonth: number; lunarYear: number; leap?: boolean };
      try {
        const s = lunarToSolar(q.lunarDay, q.lunarMonth, q.lunarYear, !!q.leap);
        const date = `${s.year}-${String(s.month).padStart(2, '0')}-${String(s.day).padStart(2, '0')}`;
        return { date, year: s.year, month: s.month, day: s.day };
      } catch (err) {
        if (err instanceof LunarDateError) {
          const field = err.code === 'not_leap_month' ? 'leap' : err.code === 'invalid_day' ? 'lunarDay' : err.code === 'invalid_month' ? 'lunarMonth' : 'lunarYear';
          throw badRequest([fieldError(field, err.message, err.messageVi)]);
        }
        throw err;
      }
    },
  );

  app.post(
    '/calendar/years/:year/generate',
    { schema: { tags: ['calendar'], summary: 'Pre-fill a year with the statutory days by rule (administrators)', params: Type.Object({ year: Year }) } },
    async (request) => {
      const actor = actorOf(request);
      const { year } = request.params as { year: number };
      const r = await generateYear(app.db, actor, year);
      return { changeId: r.changeId, created: r.created.length, days: r.created, recomputed: r.impact };
    },
  );

  app.post(
    '/calendar/days',
    { schema: { tags: ['calendar'], summary: 'Add a special day (administrators); open deadlines are recomputed', body: SpecialDayBody } },
    async (request, reply) => {
      const actor = actorOf(request);
      const b = request.body as any;
      if (!parseLocalDate(b.date)) throw badRequest([fieldError('date', 'date must be a real calendar date', 'date phải là ngày có thật')]);
      const r = await addSpecialDay(app.db, actor, b, b.reason ?? null);
      if (!r) throw new AppError(409, 'special_day_exists', 'This date already has a special day in that scope; edit it instead', 'Ngày này đã có trong bảng ngày đặc biệt của phạm vi đó; hãy sửa bản ghi hiện có');
      return reply.status(201).send({ day: r.row, changeId: r.changeId, recomputed: r.impact });
    },
  );

  app.patch(
    '/calendar/days/:id',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Edit or confirm a special day (administrators); send the version you read',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        body: Type.Object(
          {
            version: Type.Integer({ minimum: 1 }),
            kind: Type.Optional(Type.Union(KINDS.map((k) => Type.Literal(k)))),
            name: Type.Optional(Type.String({ minLength: 2, maxLength: 200 })),
            sessions: Type.Optional(Nullable(Type.Array(SessionSchema, { maxItems: 4 }))),
            legalBasis: Type.Optional(Type.String({ minLength: 3, maxLength: 500 })),
            status: Type.Optional(Type.Union([Type.Literal('proposed'), Type.Literal('confirmed')])),
            source: Type.Optional(Type.Union([Type.Literal('official_notice'), Type.Literal('manual')])),
            reason: Type.Optional(Type.String({ maxLength: 500 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { id } = request.params as { id: string };
      const { version, reason, ...patch } = request.body as any;
      const r = await updateSpecialDay(app.db, actor, id, version, patch, reason ?? null);
      if (r === 'not_found') throw notFound('Special day', 'Ngày đặc biệt');
      if (r === 'stale') throw staleVersion();
      return { day: r.row, changeId: r.changeId, recomputed: r.impact };
    },
  );

  app.delete(
    '/calendar/days/:id',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Retire a special day (administrators); a reason is required',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        querystring: Type.Object({ version: Type.Integer({ minimum: 1 }), reason: Type.String({ minLength: 3, maxLength: 500 }) }),
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { id } = request.params as { id: string };
      const { version, reason } = request.query as { version: number; reason: string };
      const r = await removeSpecialDay(app.db, actor, id, version, reason);
      if (r === 'not_found') throw notFound('Special day', 'Ngày đặc biệt');
      if (r === 'stale') throw staleVersion();
      return { changeId: r.changeId, recomputed: r.impact };
    },
  );

  app.post(
    '/calendar/preview',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Which open deadlines a proposed edit would move (dry run, administrators)',
        body: Type.Object(
          {
            add: Type.Optional(Type.Omit(SpecialDayBody, ['reason'])),
            removeId: Type.Optional(Type.String({ format: 'uuid' })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const b = request.body as any;
      if (!b.add && !b.removeId) throw badRequest([fieldError('add', 'give add or removeId', 'cần add hoặc removeId')]);
      const edit: CalendarEdit = {
        add: b.add ? { ...b.add, scope: b.add.scope ?? 'national_public_sector', status: b.add.status ?? 'proposed' } : undefined,
        removeId: b.removeId,
      };
      const impact = await previewCalendarChange(app.db, actor.tenantId, (unitId) => loadCalendarWith(app.db, actor.tenantId, unitId, edit));
      return { affected: impact.length, items: impact };
    },
  );

  app.get(
    '/calendar/hours',
    { schema: { tags: ['calendar'], summary: 'Office hours of a unit (versions)', security: [], querystring: Type.Object({ office: Type.Optional(Type.String({ maxLength: 40 })) }) } },
    async (request) => {
      const office = await requireOffice((request.query as any).office);
      return { office: office.code, versions: await hoursOf(app.db, app.config.tenantId, office.id) };
    },
  );

  app.post(
    '/calendar/hours',
    {
      schema: {
        tags: ['calendar'],
        summary: 'A new version of a unit’s office hours from a date (administrators)',
        body: Type.Object(
          {
            office: Type.Optional(Type.String({ maxLength: 40 })),
            effectiveFrom: Type.String({ format: 'date' }),
            sessions: Type.Record(Type.String({ pattern: '^[1-7]$' }), Type.Array(SessionSchema, { maxItems: 4 })),
            minutesPerWorkingDay: Type.Integer({ minimum: 60, maximum: 1440 }),
            counterSessions: Type.Optional(Type.Record(Type.String({ pattern: '^[1-7]$' }), Type.Array(SessionSchema, { maxItems: 4 }))),
            legalBasis: Type.String({ minLength: 3, maxLength: 500 }),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const b = request.body as any;
      const office = b.office ? await requireOffice(b.office) : null;
      for (const [wd, list] of Object.entries(b.sessions as Record<string, { start: string; end: string }[]>)) {
        let prev = '';
        for (const s of list) {
          if (!(s.start < s.end) || s.start < prev) throw badRequest([fieldError(`sessions.${wd}`, 'sessions must be sorted, each starting before it ends', 'các buổi phải theo thứ tự và bắt đầu trước khi kết thúc')]);
          prev = s.end;
        }
      }
      const r = await addHoursVersion(app.db, actor, { unitId: office?.id ?? null, ...b });
      return reply.status(201).send({ changeId: r.changeId, recomputed: r.impact });
    },
  );
};

export default calendar;
