/**
 * Duplicate detection in SQL: candidates are letters of the same person (blind index) or of the
 * same respondent and content type (both indexed); their diacritic-insensitive text similarity is
 * pg_trgm's `similarity(vn_fold(a), vn_fold(b))`, and the core decides which are duplicates and
 * orders them (text similarity alone, without the same person or respondent, never makes one). Duplicates are
 * looked for across all units of the tenant, and shown with minimal data (never the sender).
 */
import type { Queryable } from '../../db/types.js';
import { duplicateScore, isDuplicate } from '../../core/letters/index.js';
import { iso } from './common.js';

export interface DuplicateOf {
  id: string;
  tenantId: string;
  personKey: string | null;
  respondentKey: string | null;
  contentType: string;
  summary: string;
  threshold: number;
}

export interface DuplicateView {
  letterId: string;
  code: string;
  unitId: string;
  unitName: string;
  receivedAt: string | null;
  status: string;
  contentType: string;
  outcome: string | null;
  similarity: number;
  score: number;
  samePerson: boolean;
  sameRespondent: boolean;
  caseId: string | null;
  caseCode: string | null;
  caseStatus: string | null;
}

export async function findDuplicates(db: Queryable, d: DuplicateOf): Promise<DuplicateView[]> {
  const rows = (
    await db.query(
      `select l.id, l.code, l.unit_id, u.name unit_name, l.received_at, l.status, l.content_type, l.outcome, l.case_id,
              c.code case_code, c.status case_status,
              coalesce(l.person_key = $3, false) same_person,
              coalesce(l.respondent_key = $4, false) same_respondent,
              l.content_type = $5 same_type,
              similarity(vn_fold(l.summary), vn_fold($6)) sim
         from letters l join units u on u.id = l.unit_id left join cases c on c.id = l.case_id
        where l.tenant_id = $1 and l.id <> $2 and l.status <> 'split'
          and (($3::text is not null and l.person_key = $3)
               or ($4::text is not null and l.respondent_key = $4 and l.content_type = $5))
        order by l.received_at desc
        limit 200`,
      [d.tenantId, d.id, d.personKey, d.respondentKey, d.contentType, d.summary],
    )
  ).rows;
  const out: DuplicateView[] = [];
  for (const r of rows) {
    const c = { samePerson: r.same_person, sameRespondent: r.same_respondent, sameContentType: r.same_type, similarity: Number(r.sim) };
    if (!isDuplicate(c, d.threshold)) continue;
    out.push({
      letterId: r.id,
      code: r.code,
      unitId: r.unit_id,
      unitName: r.unit_name,
      receivedAt: iso(r.received_at),
      status: r.status,
      contentType: r.content_type,
      outcome: r.outcome,
      similarity: Math.round(c.similarity * 1000) / 1000,
      score: Math.round(duplicateScore(c) * 1000) / 1000,
      samePerson: c.samePerson,
      sameRespondent: c.sameRespondent,
      caseId: r.case_id,
      caseCode: r.case_code,
      caseStatus: r.case_status,
    });
  }
  return out.sort((a, b) => b.score - a.score).slice(0, 20);
}

/** Earlier outcomes on the same content that guard the transfer-once and guide-once rules. */
export function priorOutcomes(dups: DuplicateView[], contentType: string): { priorDenunciationTransfer: string | null; priorGuidance: string | null } {
  const transfer = dups.find((d) => d.contentType === 'denunciation' && contentType === 'denunciation' && d.outcome === 'transfer');
  const guided = dups.find((d) => d.samePerson && d.outcome === 'guide' && d.contentType === contentType);
  return { priorDenunciationTransfer: transfer?.code ?? null, priorGuidance: guided?.code ?? null };
}
