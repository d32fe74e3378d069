import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError, type RequestOptions } from '../api';

export interface ApiState<T> {
  data: T | undefined;
  error: ApiError | null;
  loading: boolean;
  reload: () => void;
}

/** Loads a GET endpoint; reloads when the path or query changes; aborts stale requests. */
export function useApi<T>(path: string | null, query?: RequestOptions['query']): ApiState<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(!!path);
  const [tick, setTick] = useState(0);
  const key = path ? path + '?' + JSON.stringify(query ?? {}) : null;
  const queryRef = useRef(query);
  queryRef.current = query;

  useEffect(() => {
    if (!path) {
      setLoading(false);
      return;
    }
    const ctrl = new AbortController();
    setLoading(true);
    setError(null);
    api<T>(path, { query: queryRef.current, signal: ctrl.signal })
      .then((d) => {
        setData(d);
        setLoading(false);
      })
      .catch((e) => {
        if ((e as Error)?.name === 'AbortError') return;
        setError(e instanceof ApiError ? e : new ApiError(0, 'client_error', String(e), String(e)));
        setLoading(false);
      });
    return () => ctrl.abort();
  }, [key, tick]);

  const reload = useCallback(() => setTick((x) => x + 1), []);
  return { data, error, loading, reload };
}
