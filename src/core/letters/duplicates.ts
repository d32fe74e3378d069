/**
 * Duplicate detection across intakes (reception-and-letters.md §4.3). People send the same letter
 * to many bodies, or again. A letter's person key is its normalised signer IDs, or name + commune;
 * with the respondent and the content type it forms the duplicate key, and a diacritic-insensitive
 * trigram similarity of the content finds near-duplicates. The database computes the similarity
 * with pg_trgm (`similarity(vn_fold(a), vn_fold(b))`); `trigramSimilarity` is the same measure in
 * TypeScript. The person key is stored only as a keyed blind index (see protect.ts). Pure.
 */
import crypto from 'node:crypto';

/** 'Đơn KHIẾU NẠI về đất' → 'don khieu nai ve dat' (the SQL vn_fold). */
export function vnFold(s: string): string {
  return s
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/** Folded, with runs of non-alphanumerics collapsed to one space. */
export function normaliseText(s: string): string {
  return vnFold(s).replace(/[^a-z0-9]+/g, ' ').trim();
}

/** Digits only ('019 090 001 234' → '019090001234'); null when nothing is left. */
export function normaliseIdNo(id: string | null | undefined): string | null {
  if (!id) return null;
  const d = id.replace(/\D+/g, '');
  return d.length >= 6 ? d : null;
}

/**
 * The material of the person key: sorted signer IDs when any, else folded name + commune, else null
 * (no person can be matched).
 */
export function personKeyMaterial(p: { idNos: readonly (string | null | undefined)[]; name?: string | null; commune?: string | null }): string | null {
  const ids = [...new Set(p.idNos.map(normaliseIdNo).filter((x): x is string => !!x))].sort();
  if (ids.length) return `id:${ids.join(',')}`;
  if (p.name && p.commune) {
    const n = normaliseText(p.name);
    const c = normaliseText(p.commune);
    if (n && c) return `nc:${n}|${c}`;
  }
  return null;
}

/** Folded respondent (name and unit) or null. */
export function respondentKey(name: string | null | undefined, unit?: string | null): string | null {
  const s = normaliseText(`${name ?? ''} ${unit ?? ''}`);
  return s || null;
}

/** The exact duplicate key: same person (blind index), same respondent, same content type. */
export function duplicateKey(personKey: string | null, respondent: string | null, contentType: string): string | null {
  if (!personKey) return null;
  return crypto.createHash('sha256').update(`${personKey}|${respondent ?? ''}|${contentType}`).digest('hex');
}

/** pg_trgm's trigrams of a string (each word padded with two spaces before and one after). */
export function trigrams(s: string): Set<string> {
  const out = new Set<string>();
  for (const w of normaliseText(s).split(' ')) {
    if (!w) continue;
    const p = `  ${w} `;
    for (let i = 0; i + 3 <= p.length; i++) out.add(p.slice(i, i + 3));
  }
  return out;
}

/** pg_trgm `similarity()`: shared trigrams / all trigrams, on folded text. */
export function trigramSimilarity(a: string, b: string): number {
  const ta = trigrams(a);
  const tb = trigrams(b);
  if (ta.size === 0 && tb.size === 0) return 0;
  let shared = 0;
  for (const t of ta) if (tb.has(t)) shared += 1;
  return shared / (ta.size + tb.size - shared);
}

export interface DuplicateCandidate {
  samePerson: boolean;
  sameRespondent: boolean;
  sameContentType: boolean;
  similarity: number;
}

/**
 * Whether an earlier letter is a duplicate of this one: the same person and either the same
 * respondent and content type or similar text; or, without a person (anonymous), the same
 * respondent and content type with similar text.
 */
export function isDuplicate(c: DuplicateCandidate, threshold: number): boolean {
  if (c.samePerson) return (c.sameRespondent && c.sameContentType) || c.similarity >= threshold;
  return c.sameRespondent && c.sameContentType && c.similarity >= threshold;
}

/** A score to order duplicates (higher = more likely the same matter). */
export function duplicateScore(c: DuplicateCandidate): number {
  return (c.samePerson ? 0.4 : 0) + (c.sameRespondent ? 0.2 : 0) + (c.sameContentType ? 0.1 : 0) + 0.3 * c.similarity;
}
