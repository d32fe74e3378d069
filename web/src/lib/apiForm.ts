import { useCallback, useEffect, useRef, useState } from 'react';
import { Form, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError, fieldText, newIdempotencyKey, type ApiFieldError } from '../api';
import { clearDraft, loadDraft, saveDraft } from './drafts';

type NamePath = (string | number)[];

interface PlacedError {
  name: NamePath;
  errors: ApiFieldError[];
}

export interface ApiFormState {
  /** The last refusal (shown as a form-level alert). */
  error: ApiError | null;
  /** Field errors that match no field of the form (shown inside the alert). */
  unplaced: ApiFieldError[];
}

export interface ApiFormOptions {
  /** sessionStorage key of this form's draft; omit to keep no draft. */
  draftKey?: string;
  /** Fields never written to the draft (passwords). */
  exclude?: string[];
}

/** 'roles.0.unitId' -> ['roles', 0, 'unitId'] */
export function toNamePath(field: string): NamePath {
  return field
    .split('.')
    .filter(Boolean)
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function samePath(a: NamePath, b: NamePath) {
  return a.length === b.length && a.every((x, i) => String(x) === String(b[i]));
}
function startsWith(a: NamePath, prefix: NamePath) {
  return prefix.length > 0 && prefix.length <= a.length && prefix.every((x, i) => String(x) === String(a[i]));
}

/**
 * The server prefixes validation messages with the field path ('name phải có ít nhất 2 ký tự');
 * next to the field itself the prefix is noise.
 */
export function messageForField(f: ApiFieldError, lang: string): string {
  const text = fieldText(f, lang);
  if (text.startsWith(f.field + ' ')) {
    const rest = text.slice(f.field.length + 1);
    return rest.charAt(0).toUpperCase() + rest.slice(1);
  }
  return text;
}

/** Splits an ApiError's field errors into those that belong to a registered field and the rest. */
export function placeErrors(form: FormInstance, err: ApiError): { placed: PlacedError[]; unplaced: ApiFieldError[] } {
  const registered = form.getFieldsError().map((f) => f.name as NamePath);
  const byName = new Map<string, PlacedError>();
  const unplaced: ApiFieldError[] = [];
  for (const f of err.fields) {
    const path = toNamePath(f.field);
    const name = registered.find((n) => samePath(n, path)) ?? registered.find((n) => startsWith(n, path)) ?? registered.find((n) => startsWith(path, n));
    if (!name) {
      unplaced.push(f);
      continue;
    }
    const key = name.join('.');
    const entry = byName.get(key) ?? { name, errors: [] };
    entry.errors.push(f);
    byName.set(key, entry);
  }
  return { placed: [...byName.values()], unplaced };
}

/**
 * Everything a form talking to the API needs: server refusals shown next to the fields in the
 * current language (and re-shown when the language changes), a draft in sessionStorage so that
 * input survives a refusal or a sign-in detour, and a stable Idempotency-Key per attempt.
 */
export function useApiForm<T extends object>(opts: ApiFormOptions = {}) {
  const [form] = Form.useForm<T>();
  const { i18n } = useTranslation();
  const [state, setState] = useState<ApiFormState>({ error: null, unplaced: [] });
  const [submitting, setSubmitting] = useState(false);
  const [draft] = useState(() => (opts.draftKey ? loadDraft<Partial<T>>(opts.draftKey) : null));
  const [restored, setRestored] = useState(() => !!draft && Object.keys(draft).length > 0);
  const lastError = useRef<ApiError | null>(null);
  const placedNames = useRef<NamePath[]>([]);
  const base = useRef<Partial<T>>({});
  const { draftKey, exclude } = opts;

  const apply = useCallback(
    (err: ApiError) => {
      const lang = i18n.language;
      const { placed, unplaced } = placeErrors(form, err);
      const stale = placedNames.current.filter((n) => !placed.some((p) => samePath(p.name, n)));
      form.setFields([
        ...stale.map((name) => ({ name, errors: [] as string[] })),
        ...placed.map((p) => ({ name: p.name, errors: p.errors.map((f) => messageForField(f, lang)) })),
      ] as any);
      placedNames.current = placed.map((p) => p.name);
      setState({ error: err, unplaced });
    },
    [form, i18n],
  );

  // Field errors follow the language switch.
  useEffect(() => {
    if (lastError.current) apply(lastError.current);
  }, [i18n.language, apply]);

  const clearErrors = useCallback(() => {
    if (placedNames.current.length) form.setFields(placedNames.current.map((name) => ({ name, errors: [] })) as any);
    placedNames.current = [];
    lastError.current = null;
    setState({ error: null, unplaced: [] });
  }, [form]);

  /** Initial values: the loaded record (or defaults) with the user's draft laid over it. */
  const initialValues = useCallback(
    (defaults: Partial<T>): Partial<T> => {
      base.current = defaults;
      return draft ? { ...defaults, ...draft } : defaults;
    },
    [draft],
  );

  const onValuesChange = useCallback(() => {
    if (draftKey) saveDraft(draftKey, form.getFieldsValue(true) as Record<string, unknown>, exclude);
  }, [draftKey, exclude, form]);

  const idemStorageKey = draftKey ? `motcua.idem.${draftKey}` : null;
  const idempotencyKey = useCallback((): string => {
    if (!idemStorageKey) return newIdempotencyKey();
    try {
      let k = sessionStorage.getItem(idemStorageKey);
      if (!k) sessionStorage.setItem(idemStorageKey, (k = newIdempotencyKey()));
      return k;
    } catch {
      return newIdempotencyKey();
    }
  }, [idemStorageKey]);

  const finished = useCallback(() => {
    if (draftKey) clearDraft(draftKey);
    if (idemStorageKey) {
      try {
        sessionStorage.removeItem(idemStorageKey);
      } catch {
        /* ignore */
      }
    }
    setRestored(false);
  }, [draftKey, idemStorageKey]);

  const discardDraft = useCallback(() => {
    finished();
    form.resetFields();
    form.setFieldsValue(base.current as any);
    clearErrors();
  }, [finished, form, clearErrors]);

  /** Shows an error as if the server had sent it (client-side refusals, e.g. 409 on reload). */
  const showError = useCallback(
    (err: ApiError) => {
      lastError.current = err;
      apply(err);
    },
    [apply],
  );

  /** Wraps a submit handler: errors are shown, the draft is dropped only on success. */
  const run = useCallback(
    (fn: (values: T) => Promise<void>) =>
      async (values: T): Promise<void> => {
        setSubmitting(true);
        clearErrors();
        try {
          await fn(values);
          finished();
        } catch (e) {
          if (e instanceof ApiError) {
            // After a 401 the client is already on its way to the sign-in page; the draft stays.
            if (!e.redirected) showError(e);
          } else {
            showError(new ApiError(0, 'client_error', String((e as Error)?.message ?? e), String((e as Error)?.message ?? e)));
          }
        } finally {
          setSubmitting(false);
        }
      },
    [clearErrors, finished, showError],
  );

  return { form, state, submitting, run, initialValues, onValuesChange, restored, discardDraft, idempotencyKey, showError, clearErrors };
}
