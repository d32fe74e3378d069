/**
 * Form drafts in sessionStorage: what the user types survives a refused request, a sign-in detour
 * after an expired session, and a page reload — and is dropped when the tab closes or the form is
 * submitted successfully. Secrets (passwords) are never stored.
 */
const PREFIX = 'motcua.draft.';

export function loadDraft<T = Record<string, unknown>>(key: string): T | null {
  try {
    const raw = sessionStorage.getItem(PREFIX + key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

export function saveDraft(key: string, values: Record<string, unknown>, exclude: string[] = []): void {
  const copy: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    if (exclude.includes(k) || v === undefined) continue;
    copy[k] = v;
  }
  try {
    sessionStorage.setItem(PREFIX + key, JSON.stringify(copy));
  } catch {
    /* storage full or disabled: the form still works, only the draft is lost */
  }
}

export function clearDraft(key: string): void {
  try {
    sessionStorage.removeItem(PREFIX + key);
  } catch {
    /* ignore */
  }
}
