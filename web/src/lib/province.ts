import { useEffect, useState } from 'react';
import { api, type Unit } from '../api';

let cached: Promise<Unit | null> | null = null;

/** The tenant's province (the root unit), shown in the headers; fetched once per page load. */
export function loadProvince(): Promise<Unit | null> {
  cached ??= api<Unit[]>('/units', { query: { kind: 'province' }, allowUnauthorized: true })
    .then((list) => list.find((u) => !u.parentId) ?? list[0] ?? null)
    .catch(() => {
      cached = null;
      return null;
    });
  return cached;
}

export function useProvince(): Unit | null {
  const [unit, setUnit] = useState<Unit | null>(null);
  useEffect(() => {
    let live = true;
    void loadProvince().then((u) => live && setUnit(u));
    return () => {
      live = false;
    };
  }, []);
  return unit;
}
