import { useEffect, useState } from 'react';
import { api } from '../api';
import type { StaffMenuEntry } from './staffMenu';

/**
 * Queue sizes for the side menu: GET /dossiers/queue-counts answers {queue: number} for the
 * user's units. Fetched only when a visible menu entry asks for a count (countKey); refreshed
 * every minute, when the tab becomes visible again, and when a page announces a change
 * (`refreshMenuCounts()`, e.g. after an action on a dossier).
 */
export const MENU_COUNTS_PATH = '/dossiers/queue-counts';
const REFRESH_EVENT = 'motcua:menu-counts';

export function refreshMenuCounts(): void {
  window.dispatchEvent(new Event(REFRESH_EVENT));
}

export function useMenuCounts(entries: StaffMenuEntry[]): Record<string, number> {
  const [counts, setCounts] = useState<Record<string, number>>({});
  const wanted = entries.some((e) => e.countKey);
  useEffect(() => {
    if (!wanted) return;
    let live = true;
    const load = () =>
      api<Record<string, number>>(MENU_COUNTS_PATH)
        .then((c) => live && setCounts(c ?? {}))
        .catch(() => undefined);
    void load();
    const timer = window.setInterval(load, 60_000);
    const onVisible = () => document.visibilityState === 'visible' && void load();
    document.addEventListener('visibilitychange', onVisible);
    window.addEventListener(REFRESH_EVENT, load);
    return () => {
      live = false;
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
      window.removeEventListener(REFRESH_EVENT, load);
    };
  }, [wanted]);
  return counts;
}
