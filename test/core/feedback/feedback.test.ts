import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createWorkingCalendar, formatLocal, parseInstant } from '../../../src/core/calendar/index.js';
import {
  DEADLINE_STEPS,
  DEFAULT_DEADLINE_RULES,
  DeadlineRuleError,
  FEEDBACK_ACTIONS,
  FEEDBACK_STATUSES,
  MediaError,
  REDACTED,
  TRANSITIONS,
  allowedActions,
  answerDueFrom,
  checkAction,
  checkAttributeDefinitions,
  communeAt,
  communeInAddress,
  distanceM,
  duesFromReceipt,
  formatReference,
  isDissatisfied,
  jpegHasApp1,
  onTimeVerdict,
  open311Status,
  parseExtendedStatus,
  publicCopy,
  publishDueFrom,
  rankByWilson,
  ratePct,
  redactPersonalData,
  routeFeedback,
  rulesInForce,
  satisfactionVerdict,
  sniffPhoto,
  stripJpegMetadata,
  stripPngMetadata,
  truncateCoord,
  validateAttributeValues,
  wilsonInterval,
  type Capability,
  type FeedbackStatus,
  type RoutingRule,
} from '../../../src/core/feedback/index.js';

const at = (s: string) => parseInstant(s)!;

describe('PAKN state machine (transition table)', () => {
  const ALL_CAPS: Capability[] = ['handler', 'leader', 'owner', 'client'];

  it('allows an action exactly from its listed states, for its listed actors', () => {
    for (const t of TRANSITIONS) {
      for (const s of FEEDBACK_STATUSES) {
        const item = { status: s, publishedAt: new Date(), ratedAt: null, answerText: 'x' };
        const r = checkAction(t.action, item, ALL_CAPS);
        expect(r.ok, `${t.action} from ${s}`).toBe(t.from.includes(s));
        if (!r.ok) {
          expect(r.status).toBe(409);
          expect(r.code).toBe('illegal_transition');
          expect(r.messageVi).toContain(t.labelVi);
        }
      }
      for (const c of ALL_CAPS) {
        const r = checkAction(t.action, { status: t.from[0], publishedAt: new Date(), answerText: 'x' }, [c]);
        expect(r.ok, `${t.action} as ${c}`).toBe(t.who.includes(c));
        if (!r.ok) expect(r.status).toBe(403);
      }
    }
  });

  it('walks the happy path submit → route → answer → publish → rate and the reopen loop', () => {
    let s: FeedbackStatus = 'received';
    const step = (action: (typeof FEEDBACK_ACTIONS)[number], caps: Capability[], extra: object = {}) => {
      const r = checkAction(action, { status: s, answerText: 'Đã xử lý', publishedAt: s === 'published' || s === 'closed' ? new Date() : null, ...extra }, caps);
      if (!r.ok) throw new Error(`${action} from ${s}: ${r.message}`);
      s = r.to;
    };
    step('assign', ['handler']);
    expect(s).toBe('assigned');
    step('answer', ['handler']);
    expect(s).toBe('answered');
    step('publish', ['leader']);
    expect(s).toBe('published');
    step('reopen', ['owner']);
    expect(s).toBe('reopened');
    step('answer', ['handler']);
    step('publish', ['leader']);
    step('rate', ['owner']);
    expect(s).toBe('closed');
  });

  it('names the reason of a refused transition in both languages', () => {
    const r = checkAction('publish', { status: 'received' }, ['leader']);
    expect(r).toMatchObject({ ok: false, status: 409, code: 'illegal_transition' });
    if (!r.ok) {
      expect(r.message).toMatch(/received/i);
      expect(r.messageVi).toMatch(/Đã tiếp nhận/);
    }
    const twice = checkAction('rate', { status: 'published', publishedAt: new Date(), ratedAt: new Date() }, ['owner']);
    expect(twice).toMatchObject({ ok: false, status: 409, code: 'already_rated' });
    const noAnswer = checkAction('publish', { status: 'answered', answerText: null }, ['leader']);
    expect(noAnswer).toMatchObject({ ok: false, code: 'no_answer' });
    const notPublished = checkAction('reopen', { status: 'closed', publishedAt: null }, ['owner']);
    expect(notPublished).toMatchObject({ ok: false, code: 'not_published' });
  });

  it('tells each actor what they may do now', () => {
    expect(allowedActions({ status: 'received' }, ['owner'])).toEqual(['comment']);
    expect(allowedActions({ status: 'supplement_requested' }, ['owner'])).toEqual(['supplement', 'comment']);
    expect(allowedActions({ status: 'answered', answerText: 'a' }, ['handler'])).toEqual(['comment']);
    expect(allowedActions({ status: 'received' }, ['handler'])).toEqual(['refuse', 'request_supplement', 'classify', 'transfer', 'forward', 'assign', 'answer', 'merge', 'reclassify', 'comment']);
    expect(allowedActions({ status: 'answered', answerText: 'a' }, ['leader'])).toEqual(['publish', 'moderate']);
    expect(allowedActions({ status: 'published', publishedAt: new Date() }, ['owner'])).toEqual(['rate', 'reopen', 'comment']);
    expect(allowedActions({ status: 'reclassified' }, ['handler', 'leader'])).toEqual([]);
  });

  it('maps states to Open311 statuses (reclassified items are never public)', () => {
    expect(open311Status('received')).toBe('open');
    expect(open311Status('forwarded')).toBe('open');
    expect(open311Status('answered')).toBe('open');
    expect(open311Status('published')).toBe('closed');
    expect(open311Status('refused')).toBe('closed');
    expect(open311Status('merged')).toBe('closed');
    expect(open311Status('reclassified')).toBeNull();
    expect(parseExtendedStatus('FIXED')).toBe('fixed');
    expect(parseExtendedStatus('not_councils_responsibility')).toBe('not_councils_responsibility');
    expect(parseExtendedStatus('bogus')).toBeNull();
  });
});

describe('deadline rules as versioned data', () => {
  it('ships refuse 2 / supplement 5 / forward 5 / answer 15 / publish 2 working days, QĐ 31/2021 then QĐ 29/2026, all to verify', () => {
    const before = rulesInForce(DEFAULT_DEADLINE_RULES, '2026-07-19');
    const after = rulesInForce(DEFAULT_DEADLINE_RULES, '2026-07-20');
    for (const r of [before, after]) {
      expect([r.refuse.amount, r.supplement.amount, r.forward.amount, r.answer.amount, r.publish.amount]).toEqual([2, 5, 5, 15, 2]);
      expect(r.publish.countedFrom).toBe('answer');
      expect(r.answer.unit).toBe('working_days');
    }
    expect(before.answer.legalBasis).toMatch(/QĐ 31\/2021/);
    expect(after.answer.legalBasis).toMatch(/QĐ 29\/2026/);
    expect(after.forward.legalBasis).toMatch(/NĐ 20\/2008/);
    expect(DEFAULT_DEADLINE_RULES.every((r) => r.evidence === 'to_verify')).toBe(true);
    expect(() => rulesInForce(DEFAULT_DEADLINE_RULES, '2020-01-01')).toThrow(DeadlineRuleError);
  });

  it('the migration seeds exactly the shipped rows', () => {
    const sql = fs.readFileSync(path.resolve('src/db/migrations/0070_feedback.sql'), 'utf8');
    const rows = [...sql.matchAll(/\('\*', 'dvcqg', '(\w+)',\s+(\d+), '(\w+)', '(\w+)',\s+'([\d-]+)', (null|'[\d-]+'), '([^']+)', '(\w+)'\)/g)].map((m) => ({
      step: m[1],
      amount: Number(m[2]),
      unit: m[3],
      countedFrom: m[4],
      effectiveFrom: m[5],
      effectiveTo: m[6] === 'null' ? null : m[6].slice(1, -1),
      legalBasis: m[7],
      evidence: m[8],
    }));
    expect(rows).toHaveLength(DEFAULT_DEADLINE_RULES.length);
    const key = (r: any) => `${r.step}|${r.effectiveFrom}`;
    const shipped = new Map(DEFAULT_DEADLINE_RULES.map((r) => [key(r), r]));
    for (const r of rows) expect(shipped.get(key(r))).toMatchObject(r);
  });

  it('picks the newest version in force on the date', () => {
    const rules = [...DEFAULT_DEADLINE_RULES, { ...DEFAULT_DEADLINE_RULES[8], effectiveFrom: '2027-01-01', amount: 10, legalBasis: 'QĐ giả định' }];
    const r = rulesInForce(
      rules.map((x) => (x.step === 'answer' && x.effectiveFrom === '2026-07-20' ? { ...x, effectiveTo: '2027-01-01' } : x)),
      '2027-03-01',
    );
    expect(r.answer.amount).toBe(10);
  });

  it('computes the dues with the legal clock (working days, holidays skipped)', () => {
    const cal = createWorkingCalendar({ specialDays: [] });
    const rules = rulesInForce(DEFAULT_DEADLINE_RULES, '2026-11-09');
    const d = duesFromReceipt(cal, at('2026-11-09T09:00:00+07:00'), rules);
    expect(formatLocal(d.refuseDue)).toBe('2026-11-11T09:00:00+07:00');
    expect(formatLocal(d.supplementDue)).toBe('2026-11-16T09:00:00+07:00');
    expect(formatLocal(d.forwardDue)).toBe('2026-11-16T09:00:00+07:00');
    expect(formatLocal(d.answerDue)).toBe('2026-11-30T09:00:00+07:00');
    expect(formatLocal(publishDueFrom(cal, at('2026-11-27T16:00:00+07:00'), rules).due)).toBe('2026-12-01T16:00:00+07:00');
    // Received after hours on a Friday: the clock starts Monday morning.
    const fri = duesFromReceipt(cal, at('2026-11-13T18:30:00+07:00'), rules);
    expect(formatLocal(fri.refuseDue)).toBe('2026-11-17T17:00:00+07:00');
    // A holiday inside the period moves the due by one working day.
    const withHoliday = createWorkingCalendar({
      specialDays: [{ date: '2026-11-10', kind: 'unit_closure', name: 'Nghỉ', status: 'confirmed' }],
    });
    expect(formatLocal(duesFromReceipt(withHoliday, at('2026-11-09T09:00:00+07:00'), rules).refuseDue)).toBe('2026-11-12T09:00:00+07:00');
    expect(formatLocal(answerDueFrom(cal, at('2026-11-09T09:00:00+07:00'), rules).due)).toBe('2026-11-30T09:00:00+07:00');
  });

  it('judges on time the QĐ 766 way: every step within its limit; in progress by the period end', () => {
    const due = (s: string) => at(s);
    const base = {
      status: 'published' as FeedbackStatus,
      refuseDue: due('2026-11-11T09:00:00+07:00'),
      supplementDue: due('2026-11-16T09:00:00+07:00'),
      forwardDue: due('2026-11-16T09:00:00+07:00'),
      answerDue: due('2026-11-30T09:00:00+07:00'),
      firstAnsweredAt: due('2026-11-20T10:00:00+07:00'),
      publishDue: due('2026-11-24T10:00:00+07:00'),
      firstPublishedAt: due('2026-11-23T10:00:00+07:00'),
    };
    const end = due('2026-12-31T00:00:00+07:00');
    expect(onTimeVerdict(base, end)).toEqual({ onTime: true, late: [], finished: true });
    expect(onTimeVerdict({ ...base, firstPublishedAt: due('2026-11-25T10:00:00+07:00') }, end).late).toEqual(['publish']);
    expect(onTimeVerdict({ ...base, firstAnsweredAt: due('2026-11-30T09:00:01+07:00') }, end).late).toEqual(['answer']);
    expect(onTimeVerdict({ ...base, firstSupplementRequestedAt: due('2026-11-17T08:00:00+07:00') }, end).late).toEqual(['supplement']);
    // In progress: on time while the period end is within 15 working days of receipt.
    const open = { status: 'assigned' as FeedbackStatus, answerDue: base.answerDue };
    expect(onTimeVerdict(open, due('2026-11-30T09:00:00+07:00')).onTime).toBe(true);
    expect(onTimeVerdict(open, due('2026-11-30T09:00:01+07:00'))).toEqual({ onTime: false, late: ['answer'], finished: false });
    // Answered, not yet published, publication overdue at the period end.
    expect(onTimeVerdict({ ...base, status: 'answered', firstPublishedAt: null }, end).late).toEqual(['publish']);
    // Refused within 2 working days: on time and finished; forwarded late: late.
    expect(onTimeVerdict({ status: 'refused', refusedAt: due('2026-11-10T09:00:00+07:00'), refuseDue: base.refuseDue, answerDue: base.answerDue }, end)).toEqual({ onTime: true, late: [], finished: true });
    expect(onTimeVerdict({ status: 'forwarded', forwardedAt: due('2026-11-17T09:00:00+07:00'), forwardDue: base.forwardDue, answerDue: base.answerDue }, end).late).toEqual(['forward']);
  });
});

describe('satisfaction, Wilson intervals and rankings', () => {
  it('an answer is dissatisfied only when dislikes > likes', () => {
    expect(isDissatisfied(0, 0)).toBe(false);
    expect(isDissatisfied(2, 2)).toBe(false);
    expect(isDissatisfied(2, 3)).toBe(true);
    expect(isDissatisfied(3, 2)).toBe(false);
  });

  it('5.3 subtracts dissatisfied, reopened and late once each', () => {
    expect(satisfactionVerdict({ likes: 1, dislikes: 0, reopenCount: 0, late: false })).toEqual({ satisfied: true, reasons: [] });
    expect(satisfactionVerdict({ likes: 0, dislikes: 1, reopenCount: 1, late: true })).toEqual({ satisfied: false, reasons: ['dissatisfied', 'reopened', 'late'] });
    expect(satisfactionVerdict({ likes: 5, dislikes: 0, reopenCount: 1, late: false }).satisfied).toBe(false);
  });

  it('matches published Wilson 95% intervals', () => {
    const w0 = wilsonInterval(0, 10)!;
    expect(w0.low).toBe(0);
    expect(w0.high).toBeCloseTo(0.2775, 4);
    const w5 = wilsonInterval(5, 10)!;
    expect(w5.low).toBeCloseTo(0.2366, 4);
    expect(w5.high).toBeCloseTo(0.7634, 4);
    const w20 = wilsonInterval(20, 20)!;
    expect(w20.low).toBeCloseTo(0.8389, 4);
    expect(w20.high).toBe(1);
    expect(wilsonInterval(0, 0)).toBeNull();
    expect(() => wilsonInterval(3, 2)).toThrow(RangeError);
    expect(ratePct(7065, 7660)).toBe(92.23);
    expect(ratePct(0, 0)).toBeNull();
  });

  it('holds the Wilson interval properties for any x ≤ n', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, f) => {
        const x = Math.round(f * n);
        const w = wilsonInterval(x, n)!;
        const p = x / n;
        return w.low >= 0 && w.high <= 1 && w.low <= p + 1e-12 && p <= w.high + 1e-12 && w.high - w.low > 0;
      }),
    );
    // More data, narrower interval.
    expect(wilsonInterval(90, 100)!.high - wilsonInterval(90, 100)!.low).toBeGreaterThan(wilsonInterval(900, 1000)!.high - wilsonInterval(900, 1000)!.low);
  });

  it('ranks by the lower bound only with the minimum sample (one fast fix cannot top the table)', () => {
    const rows = [
      { key: 'A', x: 1, n: 1 },
      { key: 'B', x: 95, n: 100 },
      { key: 'C', x: 20, n: 20 },
      { key: 'D', x: 30, n: 40 },
    ];
    const r = rankByWilson(rows, 20);
    expect(r.ranked.map((x) => x.key)).toEqual(['B', 'C', 'D']);
    expect(r.ranked[0]).toMatchObject({ rank: 1, pct: 95 });
    expect(r.ranked[0].lowPct).toBeCloseTo(88.82, 1);
    expect(r.insufficient.map((x) => x.key)).toEqual(['A']);
    expect(rankByWilson(rows, 1).ranked.find((x) => x.key === 'A')!.rank).toBe(4);
    expect(() => rankByWilson(rows, 0)).toThrow(RangeError);
  });
});

describe('routing by category and place', () => {
  const rules: RoutingRule[] = [
    { id: 'r1', categoryId: 'land', communeUnitId: null, targetUnitId: 'dept', priority: 100, effectiveFrom: '2025-07-01', effectiveTo: null },
    { id: 'r2', categoryId: 'land', communeUnitId: 'ward1', targetUnitId: 'ward1', priority: 100, effectiveFrom: '2025-07-01', effectiveTo: null },
    { id: 'r3', categoryId: null, communeUnitId: 'ward2', targetUnitId: 'ward2', priority: 100, effectiveFrom: '2025-07-01', effectiveTo: null },
    { id: 'r4', categoryId: null, communeUnitId: 'ward2', targetUnitId: 'other', priority: 10, effectiveFrom: '2025-07-01', effectiveTo: '2026-01-01' },
    { id: 'r5', categoryId: 'roads', communeUnitId: null, targetUnitId: 'roads-a', priority: 50, effectiveFrom: '2025-07-01', effectiveTo: null },
    { id: 'r6', categoryId: 'roads', communeUnitId: null, targetUnitId: 'roads-b', priority: 20, effectiveFrom: '2025-07-01', effectiveTo: null },
  ];
  it('takes the most specific current rule, then the lower priority', () => {
    expect(routeFeedback(rules, { categoryId: 'land', communeUnitId: 'ward1', date: '2026-11-09' }, null)).toEqual({ unitId: 'ward1', ruleId: 'r2', matched: 'category_commune' });
    expect(routeFeedback(rules, { categoryId: 'land', communeUnitId: 'ward2', date: '2026-11-09' }, null)).toEqual({ unitId: 'dept', ruleId: 'r1', matched: 'category' });
    expect(routeFeedback(rules, { categoryId: 'noise', communeUnitId: 'ward2', date: '2026-11-09' }, null)).toEqual({ unitId: 'ward2', ruleId: 'r3', matched: 'commune' });
    expect(routeFeedback(rules, { categoryId: 'noise', communeUnitId: 'ward2', date: '2025-12-31' }, null)?.unitId).toBe('other');
    expect(routeFeedback(rules, { categoryId: 'roads', communeUnitId: null, date: '2026-11-09' }, null)?.unitId).toBe('roads-b');
    expect(routeFeedback(rules, { categoryId: 'noise', communeUnitId: null, date: '2026-11-09' }, 'fallback')).toEqual({ unitId: 'fallback', ruleId: null, matched: 'category_default' });
    expect(routeFeedback(rules, { categoryId: 'noise', communeUnitId: null, date: '2026-11-09' }, null)).toBeNull();
  });

  it('finds the commune of a point or of a typed address', () => {
    const places = [
      { unitId: 'pdp', lat: 21.5928, lng: 105.844, radiusM: 2500 },
      { unitId: 'gs', lat: 21.5735, lng: 105.8555, radiusM: 2500 },
    ];
    expect(communeAt(places, 21.59, 105.845)).toBe('pdp');
    expect(communeAt(places, 21.575, 105.855)).toBe('gs');
    expect(communeAt(places, 21.9, 105.6)).toBeNull();
    expect(distanceM(21.59, 105.84, 21.6, 105.84)).toBeCloseTo(1112, -1);
    const communes = [
      { unitId: 'pdp', name: 'Phường Phan Đình Phùng' },
      { unitId: 'dp', name: 'Xã Đại Phúc' },
      { unitId: 'p', name: 'Phường Phan' },
    ];
    expect(communeInAddress(communes, 'Tổ 5, phường Phan Đình Phùng, tỉnh Thái Nguyên')).toBe('pdp');
    expect(communeInAddress(communes, 'xom Dong, xa dai phuc')).toBe('dp');
    expect(communeInAddress(communes, 'Hà Nội')).toBeNull();
  });
});

describe('personal data on public output', () => {
  it('removes phones, e-mails and ID numbers and masks the sender’s name', () => {
    const t = redactPersonalData('Tôi là Nguyễn Văn An, CCCD 019090001234, gọi 0912 345 678 hoặc +84912345678, mail an.nguyen@example.vn. Nhà số 12.', ['Nguyễn Văn An']);
    expect(t).not.toMatch(/019090001234|0912|345 678|\+8491|example\.vn|Nguyễn Văn An/);
    expect(t).toContain('Nguyễn V. A.');
    expect(t).toContain(REDACTED.id);
    expect(t).toContain(REDACTED.phone);
    expect(t).toContain(REDACTED.email);
    expect(t).toContain('Nhà số 12.');
  });

  it('truncates coordinates to 4 decimals (never rounds up)', () => {
    expect(truncateCoord(21.594299)).toBe(21.5942);
    expect(truncateCoord(105.84829)).toBe(105.8482);
    expect(truncateCoord(-33.86789)).toBe(-33.8678);
  });
});

/** A synthetic JPEG: SOI, APP0 (JFIF), APP1 (EXIF with a GPS tag), APP13, DQT, SOS + data, EOI. */
export function syntheticJpeg(): Buffer {
  const seg = (marker: number, payload: Buffer) => {
    const len = Buffer.alloc(2);
    len.writeUInt16BE(payload.length + 2);
    return Buffer.concat([Buffer.from([0xff, marker]), len, payload]);
  };
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    seg(0xe0, Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1')),
    seg(0xe1, Buffer.from('Exif\0\0GPSLatitude=21.5942;Model=Phone', 'latin1')),
    seg(0xed, Buffer.from('Photoshop 3.0\0IPTC by Nguyen Van An', 'latin1')),
    seg(0xdb, Buffer.alloc(65, 1)),
    seg(0xda, Buffer.from([1, 1, 0, 0, 0x3f, 0])),
    Buffer.from([0x12, 0x34, 0xff, 0x00, 0x56, 0xff, 0xd0, 0x78]),
    Buffer.from([0xff, 0xd9]),
  ]);
}

describe('photo metadata', () => {
  it('removes APP1 and APP13 from JPEGs and keeps every other byte', () => {
    const jpg = syntheticJpeg();
    expect(jpegHasApp1(jpg)).toBe(true);
    const out = stripJpegMetadata(jpg);
    expect(jpegHasApp1(out)).toBe(false);
    expect(out.toString('latin1')).not.toMatch(/GPSLatitude|Nguyen Van An/);
    expect(out.toString('latin1')).toContain('JFIF');
    expect(out.subarray(-10).equals(jpg.subarray(-10))).toBe(true);
    expect(out.length).toBe(jpg.length - (4 + 'Exif\0\0GPSLatitude=21.5942;Model=Phone'.length) - (4 + 'Photoshop 3.0\0IPTC by Nguyen Van An'.length));
    expect(stripJpegMetadata(out).equals(out)).toBe(true);
    expect(sniffPhoto(jpg)).toEqual({ mime: 'image/jpeg', ext: 'jpg' });
  });

  it('refuses malformed or foreign files', () => {
    expect(() => stripJpegMetadata(Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0xff, 0xff]))).toThrow(MediaError);
    expect(() => stripJpegMetadata(Buffer.from([0xff, 0xd8, 0x00]))).toThrow(MediaError);
    expect(() => publicCopy(Buffer.from('%PDF-1.7 fake'))).toThrow(/JPEG hoặc PNG|JPEG and PNG/);
  });

  it('removes eXIf and text chunks from PNGs', () => {
    const chunk = (type: string, data: Buffer) => {
      const len = Buffer.alloc(4);
      len.writeUInt32BE(data.length);
      return Buffer.concat([len, Buffer.from(type, 'latin1'), data, Buffer.alloc(4)]);
    };
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', Buffer.alloc(13, 1)),
      chunk('tEXt', Buffer.from('Author\0Nguyen Van An', 'latin1')),
      chunk('eXIf', Buffer.from('MM\0*GPS', 'latin1')),
      chunk('IDAT', Buffer.alloc(20, 7)),
      chunk('IEND', Buffer.alloc(0)),
    ]);
    const out = stripPngMetadata(png);
    expect(out.toString('latin1')).not.toMatch(/Nguyen|GPS/);
    expect(out.toString('latin1')).toContain('IDAT');
    expect(publicCopy(png).type.mime).toBe('image/png');
  });
});

describe('category questions (Open311 attributes)', () => {
  const defs = [
    { code: 'kind', datatype: 'singlevaluelist' as const, required: true, variable: true, order: 1, description: 'Loại', values: [{ key: 'a', name: 'A' }, { key: 'b', name: 'B' }] },
    { code: 'many', datatype: 'multivaluelist' as const, required: false, variable: true, order: 2, description: 'Nhiều', values: [{ key: 'x', name: 'X' }, { key: 'y', name: 'Y' }] },
    { code: 'when', datatype: 'datetime' as const, required: false, variable: true, order: 3, description: 'Khi nào' },
    { code: 'n', datatype: 'number' as const, required: false, variable: true, order: 4, description: 'Số' },
    { code: 'note', datatype: 'text' as const, required: false, variable: false, order: 5, description: 'Lưu ý' },
  ];
  it('validates answers and refuses unknown codes', () => {
    expect(validateAttributeValues(defs, { kind: 'a', many: ['x', 'y', 'x'], n: '12.5', when: '2026-11-09T10:00:00+07:00' })).toEqual({
      values: { kind: 'a', many: ['x', 'y'], n: '12.5', when: '2026-11-09T10:00:00+07:00' },
      problems: [],
    });
    const bad = validateAttributeValues(defs, { kind: 'z', n: 'abc', when: 'yesterday', extra: '1' });
    expect(bad.problems.map((p) => p.field).sort()).toEqual(['attribute[extra]', 'attribute[kind]', 'attribute[n]', 'attribute[when]']);
    expect(validateAttributeValues(defs, {}).problems.map((p) => p.field)).toEqual(['attribute[kind]']);
    expect(bad.problems.every((p) => p.messageVi.length > 0)).toBe(true);
  });
  it('checks definitions (unique codes and orders, list values)', () => {
    expect(checkAttributeDefinitions(defs)).toEqual([]);
    const problems = checkAttributeDefinitions([defs[0], { ...defs[1], code: 'kind', order: 1, values: [] }]);
    expect(problems.map((p) => p.field)).toEqual(['attributes.1.code', 'attributes.1.order', 'attributes.1.values']);
  });
});

describe('references', () => {
  it('formats PAKN-YYMMDD-NNNN', () => {
    expect(formatReference('2026-11-09', 7)).toBe('PAKN-261109-0007');
    expect(formatReference('2026-11-09', 12345)).toBe('PAKN-261109-12345');
    expect(() => formatReference('09/11/2026', 1)).toThrow(RangeError);
    expect(DEADLINE_STEPS).toEqual(['refuse', 'supplement', 'forward', 'answer', 'publish']);
  });
});
