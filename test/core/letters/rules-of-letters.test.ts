import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  PROTECTED_TEXT,
  assertTemplateSafe,
  blindIndex,
  buildForm,
  checkGroup,
  checkOnlineReason,
  complexityRecorded,
  compliance,
  decryptField,
  deriveKeys,
  duplicateKey,
  eligibility,
  encryptField,
  fieldAad,
  isAnonymousDenunciation,
  isDuplicate,
  maxExtensions,
  mayReadProtected,
  normaliseIdNo,
  periodBounds,
  personKeyMaterial,
  ratio,
  redactDenouncer,
  suggestOutcome,
  trigramSimilarity,
  vnFold,
} from '../../../src/core/letters/index.js';
import { RULES_2014, RULES_2026 } from './fixtures.js';

const FULL = { vietnamese: true, dated: true, named: true, addressed: true, signed: true, namesRespondent: true, statesContent: true, statesReasons: true, statesRequest: true, namesViolation: true };

describe('eligibility and classification', () => {
  it('requires the common form and the content-specific elements', () => {
    expect(eligibility({ contentType: 'complaint', checks: FULL })).toEqual({ eligible: true, reasons: [] });
    expect(eligibility({ contentType: 'complaint', checks: { ...FULL, statesReasons: false, signed: false } }).reasons).toEqual(['unsigned', 'no_reasons']);
    expect(eligibility({ contentType: 'denunciation', checks: { ...FULL, namesViolation: false } }).reasons).toEqual(['no_violation']);
    expect(eligibility({ contentType: 'petition', checks: { vietnamese: true, dated: true, named: true, addressed: true, signed: true } }).reasons).toEqual(['no_content']);
    expect(eligibility({ contentType: 'complaint', checks: FULL, timeBarred: true, alreadyHandled: true }).reasons).toEqual(['time_barred', 'already_handled']);
    expect(eligibility({ contentType: 'petition', checks: {} }).eligible).toBe(false);
  });

  it('anonymous, pseudonymous or unsigned denunciations are anonymous; other contents never', () => {
    expect(isAnonymousDenunciation('denunciation', FULL, true)).toBe(false);
    expect(isAnonymousDenunciation('denunciation', FULL, false)).toBe(true);
    expect(isAnonymousDenunciation('denunciation', { ...FULL, signed: false }, true)).toBe(true);
    expect(isAnonymousDenunciation('denunciation', { ...FULL, pseudonym: true }, true)).toBe(true);
    expect(isAnonymousDenunciation('complaint', {}, false)).toBe(false);
  });

  it('suggests the outcome of TT 05/2021', () => {
    const base = { contentType: 'complaint' as const, anonymous: false, eligible: true, ownCompetence: true, sentToManyInclCompetent: false, priorDenunciationTransfer: false, priorGuidance: false, mustApplyInPerson: false };
    expect(suggestOutcome(base)).toEqual({ action: 'propose_accept' });
    expect(suggestOutcome({ ...base, contentType: 'mixed' })).toEqual({ action: 'split' });
    expect(suggestOutcome({ ...base, anonymous: true })).toEqual({ action: 'archive', reason: 'anonymous' });
    expect(suggestOutcome({ ...base, eligible: false })).toEqual({ action: 'archive', reason: 'not_eligible' });
    expect(suggestOutcome({ ...base, ownCompetence: false })).toEqual({ action: 'transfer' });
    expect(suggestOutcome({ ...base, ownCompetence: false, sentToManyInclCompetent: true })).toEqual({ action: 'archive', reason: 'sent_to_many_incl_competent' });
    expect(suggestOutcome({ ...base, ownCompetence: false, contentType: 'denunciation', priorDenunciationTransfer: true })).toEqual({ action: 'archive', reason: 'already_transferred' });
    expect(suggestOutcome({ ...base, ownCompetence: false, mustApplyInPerson: true, priorGuidance: true })).toEqual({ action: 'archive', reason: 'already_guided' });
  });

  it('a complex case needs criteria, a document and a decider; extensions follow complexity', () => {
    const r = RULES_2026();
    expect(complexityRecorded({ complex: true, criteria: ['multiple_contents'], docNo: '5/QĐ', decidedBy: 'u' }, r)).toBe(true);
    expect(complexityRecorded({ complex: true, criteria: ['multiple_contents'], docNo: null, decidedBy: 'u' }, r)).toBe(false);
    expect(complexityRecorded({ complex: true, criteria: [], docNo: '5/QĐ', decidedBy: 'u' }, r)).toBe(false);
    expect(complexityRecorded({ complex: true, criteria: ['weather'], docNo: '5/QĐ', decidedBy: 'u' }, r)).toBe(false);
    expect([maxExtensions(r, false, false), maxExtensions(r, true, false), maxExtensions(r, true, true)]).toEqual([0, 1, 2]);
  });

  it('online reception only with a reason, from 2026, and never for a protected denouncer on the denunciation ground', () => {
    expect(checkOnlineReason(RULES_2014(), 'emergency', false)[0].field).toBe('kind');
    expect(checkOnlineReason(RULES_2026(), 'because', false)[0].field).toBe('onlineReason');
    expect(checkOnlineReason(RULES_2026(), 'emergency', false)).toEqual([]);
    expect(checkOnlineReason(RULES_2026(), 'complex_denunciation_no_protection', true)).toHaveLength(1);
    expect(checkOnlineReason(RULES_2026(), 'complex_denunciation_no_protection', false)).toEqual([]);
  });
});

describe('groups', () => {
  const r = RULES_2026();
  const members = (n: number) => Array.from({ length: n }, (_, i) => `Thành viên ${i + 1}`);
  it('5 or more is a mass group; 5–10 appoint 1–2 representatives, more than 10 up to 5', () => {
    expect(checkGroup(r, { peopleCount: 4, representatives: [] })).toEqual({ massGroup: false, errors: [] });
    expect(checkGroup(r, { peopleCount: 3, representatives: [{ name: 'A' }] }).errors[0].field).toBe('group.representatives');
    const ok = checkGroup(r, { peopleCount: 7, representatives: [{ name: 'Thành viên 1' }, { name: 'thanh vien 2' }], appointmentDoc: 'VB cử đại diện', members: members(7), signedByAll: true });
    expect(ok).toEqual({ massGroup: true, errors: [] });
    const three = checkGroup(r, { peopleCount: 7, representatives: [{ name: 'Thành viên 1' }, { name: 'Thành viên 2' }, { name: 'Thành viên 3' }], appointmentDoc: 'x', members: members(7), signedByAll: true });
    expect(three.errors.map((e) => e.field)).toEqual(['group.representatives']);
    expect(three.errors[0].messageVi).toMatch(/từ 1 đến 2/);
    expect(checkGroup(r, { peopleCount: 12, representatives: members(5).map((name) => ({ name })), appointmentDoc: 'x', members: members(12), signedByAll: true }).errors).toEqual([]);
    expect(checkGroup(r, { peopleCount: 12, representatives: members(6).map((name) => ({ name })), appointmentDoc: 'x', members: members(12), signedByAll: true }).errors).toHaveLength(1);
  });
  it('needs the written appointment signed by all and the full member list containing the representatives', () => {
    const v = checkGroup(r, { peopleCount: 6, representatives: [{ name: 'Người ngoài' }], members: members(5) });
    expect(v.errors.map((e) => e.field).sort()).toEqual(['group.appointmentDoc', 'group.members', 'group.signedByAll']);
    const w = checkGroup(r, { peopleCount: 5, representatives: [{ name: 'Người ngoài' }], members: members(5), appointmentDoc: 'x', signedByAll: true });
    expect(w.errors.map((e) => e.field)).toEqual(['group.representatives.0.name']);
  });
});

describe('duplicates', () => {
  it('folds Vietnamese like the SQL vn_fold and normalises IDs', () => {
    expect(vnFold('Đơn KHIẾU NẠI về Đất đai')).toBe('don khieu nai ve dat dai');
    expect(normaliseIdNo('019 090-001 234')).toBe('019090001234');
    expect(normaliseIdNo('12')).toBeNull();
    expect(personKeyMaterial({ idNos: ['019090001234', null, '001099012345'] })).toBe('id:001099012345,019090001234');
    expect(personKeyMaterial({ idNos: [], name: 'Nguyễn Văn An', commune: 'Phường Gia Sàng' })).toBe('nc:nguyen van an|phuong gia sang');
    expect(personKeyMaterial({ idNos: [], name: 'Nguyễn Văn An' })).toBeNull();
  });
  it('trigram similarity is diacritic-insensitive, symmetric and in [0, 1]', () => {
    expect(trigramSimilarity('Khiếu nại thu hồi đất', 'khieu nai thu hoi dat')).toBe(1);
    expect(trigramSimilarity('Khiếu nại thu hồi đất', 'Tố cáo cán bộ địa chính')).toBeLessThan(0.2);
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const s = trigramSimilarity(a, b);
        return s >= 0 && s <= 1 && s === trigramSimilarity(b, a);
      }),
    );
  });
  it('a duplicate needs the same person (or, anonymous, the same respondent and type) and similar content', () => {
    expect(isDuplicate({ samePerson: true, sameRespondent: true, sameContentType: true, similarity: 0.1 }, 0.45)).toBe(true);
    expect(isDuplicate({ samePerson: true, sameRespondent: false, sameContentType: true, similarity: 0.5 }, 0.45)).toBe(true);
    expect(isDuplicate({ samePerson: true, sameRespondent: false, sameContentType: true, similarity: 0.3 }, 0.45)).toBe(false);
    expect(isDuplicate({ samePerson: false, sameRespondent: true, sameContentType: true, similarity: 0.6 }, 0.45)).toBe(true);
    expect(isDuplicate({ samePerson: false, sameRespondent: false, sameContentType: true, similarity: 1 }, 0.45)).toBe(false);
    expect(duplicateKey(null, 'x', 'complaint')).toBeNull();
    expect(duplicateKey('p', 'x', 'complaint')).not.toBe(duplicateKey('p', 'x', 'denunciation'));
  });
});

describe('protection of denouncers', () => {
  const keys = deriveKeys('test-secret-key-0123456789');
  it('encrypts with AES-256-GCM bound to tenant, row and field; tampering and wrong keys fail', () => {
    const aad = fieldAad('H55', 'id-1', 'name');
    const token = encryptField(keys, 'Nguyễn Văn An', aad);
    expect(token).toMatch(/^v1\./);
    expect(token).not.toContain('Nguy');
    expect(decryptField(keys, token, aad)).toBe('Nguyễn Văn An');
    expect(encryptField(keys, 'x', aad)).not.toBe(encryptField(keys, 'x', aad));
    expect(() => decryptField(keys, token, fieldAad('H55', 'id-2', 'name'))).toThrow(/authentication/);
    expect(() => decryptField(deriveKeys('another-secret-key-xyz'), token, aad)).toThrow();
    const raw = Buffer.from(token.slice(3), 'base64url');
    raw[raw.length - 1] ^= 1;
    expect(() => decryptField(keys, `v1.${raw.toString('base64url')}`, aad)).toThrow();
    expect(() => deriveKeys('short')).toThrow();
  });
  it('the blind index matches equal persons without revealing them, and depends on the key', () => {
    expect(blindIndex(keys, 'id:019090001234')).toBe(blindIndex(keys, 'id:019090001234'));
    expect(blindIndex(keys, 'id:019090001234')).not.toContain('019090001234');
    expect(blindIndex(deriveKeys('another-secret-key-xyz'), 'id:1')).not.toBe(blindIndex(keys, 'id:1'));
    expect(blindIndex(keys, null)).toBeNull();
  });
  it('redacts names, IDs, phones and e-mails from readable text', () => {
    const t = redactDenouncer('Tôi là NGUYỄN VĂN AN, CCCD 019090001234, ĐT 0912 345 678, an@example.vn, tố cáo ông B.', ['Nguyễn Văn An']);
    expect(t).not.toMatch(/NGUYỄN|019090001234|0912|example/);
    expect(t.split(PROTECTED_TEXT).length - 1).toBe(4);
    expect(t).toContain('tố cáo ông B.');
  });
  it('only the assigned and the receiving officer read; a barred user never', () => {
    expect(mayReadProtected({ userId: 'a', barred: [], assignedUserIds: ['a'], letterHandlerIds: [] })).toBe(true);
    expect(mayReadProtected({ userId: 'h', barred: [], assignedUserIds: [], letterHandlerIds: ['h'] })).toBe(true);
    expect(mayReadProtected({ userId: 's', barred: [], assignedUserIds: ['a'], letterHandlerIds: ['h'] })).toBe(false);
    expect(mayReadProtected({ userId: 'a', barred: ['a'], assignedUserIds: ['a'], letterHandlerIds: [] })).toBe(false);
  });
});

describe('forms', () => {
  const r = RULES_2026();
  it('prints codes from the rule set and hides a protected denouncer', () => {
    const f = buildForm(r, 'transfer_denunciation', { 'unit.name': 'Ban Tiếp công dân tỉnh', 'sender.name': 'Nguyễn Văn An', 'letter.summary': 'Tố cáo' }, { protectedParty: true });
    expect(f.code).toBe('Mẫu 03');
    expect(f.fields.find((x) => x.ref === 'sender.name')?.value).toBe(PROTECTED_TEXT);
    expect(f.fields.find((x) => x.ref === 'unit.name')?.value).toBe('Ban Tiếp công dân tỉnh');
    const g = buildForm(r, 'transfer_complaint', { 'sender.name': 'Nguyễn Văn An' }, { protectedParty: false });
    expect(g.fields.find((x) => x.ref === 'sender.name')?.value).toBe('Nguyễn Văn An');
  });
  it('refuses to build a form for the denounced person that references the denouncer', () => {
    expect(() => assertTemplateSafe('bad', { audience: 'respondent', fields: [{ ref: 'denouncer.name', labelVi: 'x' }] })).toThrow(/may not reference denouncer.name/);
    expect(() => buildForm(r, 'notice_to_respondent', {}, { protectedParty: true, template: { audience: 'respondent', fields: [{ ref: 'sender.address', labelVi: 'x' }] } })).toThrow();
    expect(buildForm(r, 'notice_to_respondent', { 'case.code': 'TC-1' }, { protectedParty: true }).audience).toBe('respondent');
    expect(() => buildForm(r, 'no_such_form', {}, { protectedParty: false })).toThrow(/Unknown form/);
  });
});

describe('schedule and figures', () => {
  it('periodic reception: held vs required in the week or month, with a warning before the period ends', () => {
    expect(periodBounds('2026-11-11', 'week')).toEqual({ from: '2026-11-09', to: '2026-11-16' });
    expect(periodBounds('2026-12-15', 'month')).toEqual({ from: '2026-12-01', to: '2027-01-01' });
    const rule = RULES_2026().reception.periodic.commune;
    expect(compliance(rule, '2026-11-26', 1, 0)).toMatchObject({ required: 2, held: 1, met: false, warning: true, daysLeft: 5 });
    expect(compliance(rule, '2026-11-05', 1, 1)).toMatchObject({ met: false, warning: false });
    expect(compliance(rule, '2026-11-26', 2, 0)).toMatchObject({ met: true, warning: false });
  });
  it('rates carry numerator and denominator, rounded to one decimal', () => {
    expect(ratio(290, 317)).toEqual({ numerator: 290, denominator: 317, percent: 91.5 });
    expect(ratio(27, 317)).toEqual({ numerator: 27, denominator: 317, percent: 8.5 });
    expect(ratio(772, 805).percent).toBe(95.9);
    expect(ratio(0, 0).percent).toBeNull();
  });
});
