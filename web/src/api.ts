/**
 * The API client. Uses the browser's session cookie (`credentials: 'same-origin'`), turns the
 * server's single error shape {"error": {code, message, messageVi, fields}} into an ApiError, and
 * sends the user to the sign-in page on 401 (see `setUnauthorizedHandler`, registered in main.tsx).
 */

export interface ApiFieldError {
  field: string;
  message: string;
  messageVi: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messageEn: string,
    readonly messageVi: string,
    readonly fields: ApiFieldError[] = [],
  ) {
    super(messageEn);
    this.name = 'ApiError';
  }

  /** True when the client already went to the sign-in page because of this error. */
  redirected = false;

  /** The message in the interface language ('vi' or 'en'). */
  text(lang: string): string {
    return lang.startsWith('en') ? this.messageEn : this.messageVi;
  }
}

/** A field error's message in the interface language. */
export function fieldText(f: ApiFieldError, lang: string): string {
  return lang.startsWith('en') ? f.message : f.messageVi;
}

type UnauthorizedHandler = () => void;
let onUnauthorized: UnauthorizedHandler | null = null;

/** Called when a request gets 401 (session expired or never signed in). */
export function setUnauthorizedHandler(fn: UnauthorizedHandler | null): void {
  onUnauthorized = fn;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | number | boolean | null | undefined>;
  signal?: AbortSignal;
  /** Sent as `Idempotency-Key` so that a retried create does not create twice. */
  idempotencyKey?: string;
  /** Extra headers (e.g. If-Match). */
  headers?: Record<string, string>;
  /** Handle 401 here instead of redirecting to the sign-in page (sign-in itself, session probe). */
  allowUnauthorized?: boolean;
}

export const API_BASE = '/api/v1';

export function buildUrl(path: string, query?: RequestOptions['query']): string {
  const url = path.startsWith('/api/') || path.startsWith('/open311/') ? path : `${API_BASE}${path}`;
  if (!query) return url;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${url}?${qs}` : url;
}

export async function api<T = unknown>(path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...(opts.headers ?? {}) };
  let body: BodyInit | undefined;
  if (opts.body instanceof FormData) body = opts.body;
  else if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  if (opts.idempotencyKey) headers['Idempotency-Key'] = opts.idempotencyKey;
  let res: Response;
  try {
    res = await fetch(buildUrl(path, opts.query), {
      method: opts.method ?? (body === undefined ? 'GET' : 'POST'),
      headers,
      body,
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (e) {
    if ((e as Error)?.name === 'AbortError') throw e;
    throw new ApiError(
      0,
      'network',
      'The server cannot be reached; check the connection and try again. What you typed is kept.',
      'Không kết nối được tới máy chủ; hãy kiểm tra kết nối và thử lại. Dữ liệu bạn đã nhập vẫn được giữ.',
    );
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: any = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (res.ok) return data as T;
  const e = data?.error;
  const err = e
    ? new ApiError(res.status, String(e.code ?? 'error'), String(e.message ?? ''), String(e.messageVi ?? e.message ?? ''), Array.isArray(e.fields) ? e.fields : [])
    : new ApiError(res.status, 'http_' + res.status, `The server answered ${res.status}`, `Máy chủ trả lời mã ${res.status}`);
  if (res.status === 401 && !opts.allowUnauthorized && onUnauthorized) {
    err.redirected = true;
    onUnauthorized();
  }
  throw err;
}

/** A random key for Idempotency-Key (crypto.randomUUID needs a secure context; fall back otherwise). */
export function newIdempotencyKey(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const a = new Uint8Array(16);
  crypto.getRandomValues(a);
  return Array.from(a, (b) => b.toString(16).padStart(2, '0')).join('');
}

// ---- Shapes of the API's answers used by the web app ----

export interface RoleGrant {
  role: string;
  unitId: string | null;
}

export interface SessionUser {
  id: string;
  username: string;
  fullName: string;
  kind: 'staff' | 'citizen' | 'business';
  citizenId: string | null;
  roles: RoleGrant[];
}

export interface Unit {
  id: string;
  code: string;
  name: string;
  shortName: string | null;
  kind: string;
  parentId: string | null;
  validFrom: string;
  validTo: string | null;
  remoteArea: boolean;
  address: string | null;
  phone: string | null;
  legalBasis: string | null;
  version: number;
}

export interface RoleLabel {
  role: string;
  vi: string;
  en: string;
}

export interface UserRow {
  id: string;
  username: string;
  fullName: string;
  kind: string;
  citizenId: string | null;
  email: string | null;
  phone: string | null;
  title: string | null;
  active: boolean;
  version: number;
  roles: RoleGrant[];
}
