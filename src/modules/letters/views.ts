/**
 * API projections of visits, letters and cases. Citizen IDs are always masked; the identity of a
 * protected denouncer is never in a projection (it prints "[được bảo vệ]"); only the reveal routes,
 * for entitled users with a purpose, return it.
 */
import { maskCitizenId } from '../../core/access/roles.js';
import {
  ARCHIVE_REASON_LABELS,
  CASE_TYPE_LABELS,
  CONTENT_TYPE_LABELS,
  INELIGIBLE_LABELS,
  LETTER_LABELS,
  PROTECTED_TEXT,
  SOURCE_LABELS,
  VISIT_KIND_LABELS,
  VISIT_LABELS,
  caseStatusLabel,
  type CaseType,
} from '../../core/letters/index.js';
import { iso } from './common.js';

const label = (m: Record<string, { vi: string; en: string }>, k: string | null) => (k ? (m[k] ?? { vi: k, en: k }) : null);

export function viewVisitSummary(v: any) {
  const p = v.protected;
  return {
    id: v.id,
    unitId: v.unit_id,
    unitName: v.unit_name ?? null,
    sessionId: v.session_id,
    registerYear: v.register_year,
    registerNo: v.register_no,
    kind: v.kind,
    kindLabel: VISIT_KIND_LABELS[v.kind as keyof typeof VISIT_KIND_LABELS],
    status: v.status,
    statusLabel: VISIT_LABELS[v.status as keyof typeof VISIT_LABELS],
    receivedAt: iso(v.received_at),
    visitorName: p ? PROTECTED_TEXT : v.visitor_name,
    visitorIdNo: p ? PROTECTED_TEXT : maskCitizenId(v.visitor_id_no),
    visitorAddress: p ? PROTECTED_TEXT : v.visitor_address,
    protected: p,
    peopleCount: v.people_count,
    massGroup: v.mass_group,
    contentType: v.content_type,
    contentTypeLabel: label(CONTENT_TYPE_LABELS, v.content_type),
    contentSummary: v.content_summary,
    replyDueAt: iso(v.reply_due_at),
    repliedAt: iso(v.replied_at),
    version: v.version,
  };
}

export function viewVisit(v: any) {
  const p = v.protected;
  return {
    ...viewVisitSummary(v),
    receivedBy: v.received_by_name,
    visitorPhone: p ? PROTECTED_TEXT : v.visitor_phone,
    visitorIdKind: v.visitor_id_kind,
    representatives: (v.representatives ?? []).map((r: any) => ({ ...r, idNo: maskCitizenId(r.idNo) })),
    group: {
      representatives: p ? (v.group_representatives ?? []).map(() => ({ name: PROTECTED_TEXT })) : v.group_representatives,
      appointmentDoc: v.group_appointment_doc,
      membersCount: (v.group_members ?? []).length,
    },
    field: v.field,
    transcript: v.transcript,
    readBack: v.read_back,
    priorBodies: v.prior_bodies,
    withinCompetence: v.within_competence,
    outcomes: v.outcomes,
    answerText: v.answer_text,
    guidanceTo: v.guidance_to,
    guidanceDocNo: v.guidance_doc_no,
    handlingBody: v.handling_body,
    handlingDocNo: v.handling_doc_no,
    followUp: v.follow_up,
    notes: v.notes,
    refusal: v.refusal_reason
      ? {
          reason: v.refusal_reason,
          note: v.refusal_note,
          noticeRequired: v.refusal_notice_required,
          noticeDueAt: iso(v.refusal_notice_due_at),
          noticeNo: v.refusal_notice_no,
          noticeAt: iso(v.refusal_notice_at),
        }
      : null,
    documentsReceiptNo: v.documents_receipt_no,
    reply: { dueAt: iso(v.reply_due_at), at: iso(v.replied_at), kind: v.reply_kind, docNo: v.reply_doc_no },
    forwardedBy: v.forwarded_by,
    onlineReason: v.online_reason,
    registrationCase: v.registration_case,
    caseId: v.case_id,
    nationalSyncStatus: v.national_sync_status,
    closedAt: iso(v.closed_at),
  };
}

export function viewLetterSummary(l: any) {
  const p = l.protected;
  return {
    id: l.id,
    code: l.code,
    unitId: l.unit_id,
    unitName: l.unit_name ?? null,
    source: l.source,
    sourceLabel: label(SOURCE_LABELS, l.source),
    receivedAt: iso(l.received_at),
    senderName: p ? PROTECTED_TEXT : l.anonymous ? null : l.sender_name,
    senderIdNo: p ? PROTECTED_TEXT : maskCitizenId(l.sender_id_no),
    protected: p,
    anonymous: l.anonymous,
    contentType: l.content_type,
    contentTypeLabel: label(CONTENT_TYPE_LABELS, l.content_type),
    summary: l.summary,
    respondentName: l.respondent_name,
    status: l.status,
    statusLabel: LETTER_LABELS[l.status as keyof typeof LETTER_LABELS],
    eligibility: l.eligibility,
    competence: l.competence,
    outcome: l.outcome,
    dueAt: iso(l.due_at),
    dueProvisional: l.due_provisional,
    overdue: !l.outcome && l.due_at ? new Date(l.due_at).getTime() < Date.now() : false,
    caseId: l.case_id,
    manySignatories: l.many_signatories,
    version: l.version,
  };
}

export function viewLetter(l: any) {
  const p = l.protected;
  return {
    ...viewLetterSummary(l),
    visitId: l.visit_id,
    parentLetterId: l.parent_letter_id,
    forwarder: l.forwarder_name ? { kind: l.forwarder_kind, name: l.forwarder_name, docNo: l.forwarder_doc_no } : null,
    letterDate: l.letter_date,
    senderAddress: p ? PROTECTED_TEXT : l.sender_address,
    senderPhone: p ? PROTECTED_TEXT : l.sender_phone,
    senderEmail: p ? PROTECTED_TEXT : l.sender_email,
    protectedLabel: p ? `Người tố cáo: ${PROTECTED_TEXT}` : null,
    signatoryCount: l.signatory_count,
    signatories: p ? [] : (l.signatories ?? []).map((s: any) => ({ name: s.name, idNo: maskCitizenId(s.idNo ?? null) })),
    respondentUnit: l.respondent_unit,
    content: l.content,
    field: l.field,
    addressees: l.addressees,
    classification: l.classified_at
      ? {
          at: iso(l.classified_at),
          formChecks: l.form_checks,
          eligibility: l.eligibility,
          ineligibleReasons: (l.ineligible_reasons ?? []).map((r: string) => ({ code: r, ...(INELIGIBLE_LABELS as any)[r] })),
          competence: l.competence,
          competentBody: l.competent_body,
          competentUnitId: l.competent_unit_id,
          manySignatories: l.many_signatories,
          hasOriginals: l.has_originals,
          competentSystem: l.competent_system,
          sentToManyInclCompetent: l.sent_to_many_incl_competent,
          multiSite: l.multi_site,
          decisionKnownAt: l.decision_known_at,
          excludedDays: l.excluded_days,
        }
      : null,
    originals: l.originals,
    originalsReturnedAt: iso(l.originals_returned_at),
    transferDueAt: iso(l.transfer_due_at),
    outcomeAt: iso(l.outcome_at),
    outcomeLate: l.outcome_late,
    archiveReason: l.archive_reason ? { code: l.archive_reason, ...(ARCHIVE_REASON_LABELS as any)[l.archive_reason] } : null,
    transfer: l.transferred_to
      ? {
          to: l.transferred_to,
          unitId: l.transferred_unit_id,
          docNo: l.transfer_doc_no,
          replyDueAt: iso(l.transfer_reply_due_at),
          reminders: l.reminders_count,
          replyReceivedAt: iso(l.reply_received_at),
          replySummary: l.reply_summary,
        }
      : null,
    guidance: l.guided_to ? { to: l.guided_to, docNo: l.guidance_doc_no } : null,
    proposalDocNo: l.proposal_doc_no,
    linked: l.linked,
    preventiveEscalation: l.preventive_escalation,
    nationalSyncStatus: l.national_sync_status,
    closedAt: iso(l.closed_at),
  };
}

/** What a citizen sees of their own letter: its progress, never internal notes. */
export function viewLetterForCitizen(l: any) {
  return {
    id: l.id,
    code: l.code,
    unitName: l.unit_name ?? null,
    receivedAt: iso(l.received_at),
    contentType: l.content_type,
    contentTypeLabel: label(CONTENT_TYPE_LABELS, l.content_type),
    summary: l.summary,
    status: l.status,
    statusLabel: LETTER_LABELS[l.status as keyof typeof LETTER_LABELS],
    dueAt: iso(l.due_at),
    outcome: l.outcome,
    transferredTo: l.transferred_to,
    guidedTo: l.guided_to,
    caseId: l.case_id,
    version: l.version,
  };
}

export function viewCaseSummary(c: any) {
  return {
    id: c.id,
    code: c.code,
    type: c.type,
    typeLabel: CASE_TYPE_LABELS[c.type as CaseType],
    instance: c.instance,
    unitId: c.unit_id,
    unitName: c.unit_name ?? null,
    status: c.status,
    statusLabel: caseStatusLabel(c.type, c.status),
    summary: c.summary,
    respondentName: c.respondent_name,
    protected: c.protected,
    denouncer: c.type === 'denunciation' ? PROTECTED_TEXT : undefined,
    acceptedAt: iso(c.accepted_at),
    dueAt: iso(c.due_at),
    dueProvisional: c.due_provisional,
    resolvedAt: iso(c.resolved_at),
    overdue: !c.resolved_at && !c.end_kind && c.due_at ? new Date(c.due_at).getTime() < Date.now() : false,
    complex: c.complex,
    remoteArea: c.remote_area,
    extensions: c.extensions,
    version: c.version,
  };
}

export function viewCase(c: any) {
  return {
    ...viewCaseSummary(c),
    parentCaseId: c.parent_case_id,
    letterId: c.letter_id,
    field: c.field,
    receivedAt: iso(c.received_at),
    acceptanceDocNo: c.acceptance_doc_no,
    remoteAreaBasis: c.remote_area_basis,
    complexity: {
      complex: c.complex,
      especiallyComplex: c.especially_complex,
      criteria: c.complex_criteria,
      docNo: c.complex_doc_no,
      decidedAt: iso(c.complex_decided_at),
    },
    clock: {
      periodAmount: c.period_amount,
      periodUnit: c.period_unit,
      clockStartAt: iso(c.clock_start_at),
      originalDueAt: iso(c.original_due_at),
      dueAt: iso(c.due_at),
      secondRequestDueAt: iso(c.second_request_due_at),
    },
    verificationStartedAt: iso(c.verification_started_at),
    dialogueAt: iso(c.dialogue_at),
    decision: c.decided_at ? { at: iso(c.decided_at), no: c.decision_no, result: c.decision_result } : null,
    conclusion: c.concluded_at ? { at: iso(c.concluded_at), no: c.conclusion_no, result: c.conclusion_result } : null,
    answer: c.answered_at ? { at: iso(c.answered_at), docNo: c.answer_doc_no } : null,
    withdrawal: c.withdrawn_at ? { at: iso(c.withdrawn_at), document: c.withdrawal_doc, coerced: c.withdrawal_coerced } : null,
    termination: c.terminated_at ? { at: iso(c.terminated_at), ground: c.termination_ground } : null,
    finalAt: iso(c.final_at),
    courtFiledAt: iso(c.court_filed_at),
    enforcement: { status: c.enforcement_status, note: c.enforcement_note },
    endKind: c.end_kind,
    endedLate: c.ended_late,
    closedAt: iso(c.closed_at),
    forwardedBy: c.forwarded_by,
  };
}
