import { useState, type ReactNode } from 'react';
import { Alert, Button, Checkbox, Descriptions, Form, Input, InputNumber, Radio, Select, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { useApiForm } from '../../lib/apiForm';
import { formatDateTime } from '../../lib/format';
import './i18n';

export interface Label {
  vi: string;
  en: string;
}
export interface Allowed {
  action: string;
  labelVi: string;
  labelEn: string;
  needsReason: boolean;
}
export interface EventRow {
  action: string;
  actionLabel: Label;
  toLabel: Label | null;
  at: string;
  actor: string | null;
  from: string | null;
  to: string | null;
  reason: string | null;
  dueAfter: string | null;
}

export const lbl = (l: Label | null | undefined, lang: string) => (l ? (lang.startsWith('en') ? l.en : l.vi) : '');

export function When({ at }: { at: string | null | undefined }) {
  const { i18n } = useTranslation();
  if (!at) return null;
  return <time dateTime={at}>{formatDateTime(at, i18n.language)}</time>;
}

export function StatusTag({ label, overdue }: { label: Label; overdue?: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <span>
      <Tag color="blue">{lbl(label, i18n.language)}</Tag>
      {overdue && <Tag color="red">{t('lt.overdue')}</Tag>}
    </span>
  );
}

/** An instruction of a conclusion notice: done, in progress, or overdue. */
export function InstructionStatus({ status, overdue }: { status: string; overdue: boolean }) {
  const { t } = useTranslation();
  const k = status === 'done' ? 'done' : overdue ? 'overdue' : 'pending';
  return <Tag color={k === 'done' ? 'green' : k === 'overdue' ? 'red' : 'blue'}>{t(`lt.insStatus.${k}`)}</Tag>;
}

/** The label of an archive reason code (vi/en); free text is shown as given. */
export function reasonText(action: string, reason: string, t: (k: string) => string, exists: (k: string) => boolean): string {
  return action === 'archive' && exists(`lt.archive.${reason}`) ? t(`lt.archive.${reason}`) : reason;
}

export function Events({
  events,
  reasonLabel,
}: {
  events: EventRow[];
  /** The record's own wording of a reason (e.g. a visit's refusal grounds from its rule set); null falls back to the shared labels. */
  reasonLabel?: (action: string, reason: string) => string | null;
}) {
  const { t, i18n } = useTranslation();
  return (
    <section aria-labelledby="lt-events-h" className="card" style={{ marginTop: 20 }}>
      <h2 id="lt-events-h" style={{ fontSize: 18, marginTop: 0 }}>
        {t('lt.events')}
      </h2>
      <ol className="plain-list" data-testid="lt-events">
        {events.map((e, i) => (
          <li key={i}>
            <When at={e.at} /> — <strong>{lbl(e.actionLabel, i18n.language)}</strong>
            {e.to && e.to !== e.from ? ` → ${lbl(e.toLabel, i18n.language)}` : ''}
            {e.actor ? ` (${e.actor})` : ''}
            {e.reason ? `: ${reasonLabel?.(e.action, e.reason) ?? reasonText(e.action, e.reason, t, (k) => i18n.exists(k))}` : ''}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** One field of an action form. */
export interface FieldSpec {
  name: string;
  kind: 'text' | 'textarea' | 'select' | 'radio' | 'number' | 'bool' | 'checks';
  required?: boolean;
  options?: string[];
  /** i18n key of the option labels (default: lt.opt.<value>). */
  optionLabel?: (v: string) => string;
  initial?: unknown;
}

/** The actions the server allows now, each with the fields it needs; posts to `${base}/${path}`. */
export function ActionPanel<T extends { version: number; allowedActions: Allowed[] }>({
  base,
  item,
  specs,
  paths,
  onDone,
  prefix,
  transforms = {},
}: {
  base: string;
  item: T;
  specs: Record<string, FieldSpec[]>;
  paths: Record<string, string>;
  onDone: (d: T) => void;
  prefix: string;
  /** Reshapes the body of an action before it is sent (e.g. one part into `parts: [...]`). */
  transforms?: Record<string, (body: Record<string, unknown>) => Record<string, unknown>>;
}) {
  const { t, i18n } = useTranslation();
  const actions = item.allowedActions.filter((a) => paths[a.action]);
  const [action, setAction] = useState<string | null>(null);
  const current = actions.find((a) => a.action === action) ?? null;
  return (
    <section aria-labelledby={`${prefix}-actions-h`} className="card" style={{ marginTop: 20 }} data-testid={`${prefix}-actions`}>
      <h2 id={`${prefix}-actions-h`} style={{ marginTop: 0, fontSize: 18 }}>
        {t('lt.actions')}
      </h2>
      {actions.length === 0 && <p>{t('lt.noActions')}</p>}
      <div role="group" aria-label={t('lt.actions')} style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 16 }}>
        {actions.map((a) => (
          <Button key={a.action} type={a.action === action ? 'primary' : 'default'} aria-pressed={a.action === action} onClick={() => setAction(a.action)} data-testid={`${prefix}-action-${a.action}`}>
            {i18n.language.startsWith('en') ? a.labelEn : a.labelVi}
          </Button>
        ))}
      </div>
      {current && (
        <ActionForm
          key={`${current.action}:${item.version}`}
          url={`${base}/${paths[current.action]}`}
          fields={specs[current.action] ?? (current.needsReason ? [{ name: 'reason', kind: 'textarea', required: true }] : [])}
          version={item.version}
          prefix={prefix}
          transform={transforms[current.action]}
          onDone={(d) => {
            setAction(null);
            onDone(d as T);
          }}
        />
      )}
    </section>
  );
}

function ActionForm({
  url,
  fields,
  version,
  prefix,
  onDone,
  transform,
}: {
  url: string;
  fields: FieldSpec[];
  version: number;
  prefix: string;
  onDone: (d: unknown) => void;
  transform?: (body: Record<string, unknown>) => Record<string, unknown>;
}) {
  const { t } = useTranslation();
  const f = useApiForm<Record<string, any>>();
  const onFinish = f.run(async (v) => {
    const body: Record<string, unknown> = { version };
    for (const spec of fields) {
      const x = v[spec.name];
      if (x === undefined || x === null || x === '') continue;
      if (spec.kind === 'checks') body[spec.name] = Object.fromEntries((x as string[]).map((k) => [k, true]));
      else body[spec.name] = typeof x === 'string' ? x.trim() : x;
    }
    const d = await api(url, { method: 'POST', body: transform ? transform(body) : body });
    onDone(d);
  });
  const initial = Object.fromEntries(fields.filter((s) => s.initial !== undefined).map((s) => [s.name, s.initial]));
  return (
    <Form form={f.form} name={`${prefix}-action`} layout="vertical" onFinish={onFinish} initialValues={initial} style={{ maxWidth: 720 }}>
      <FormErrorAlert state={f.state} />
      {fields.map((s) => (
        <Form.Item
          key={s.name}
          name={s.name}
          label={t(`lt.f.${s.name}`)}
          valuePropName={s.kind === 'bool' ? 'checked' : 'value'}
          rules={s.required ? [{ required: true, message: t('lt.required') }] : []}
        >
          {renderField(s, t)}
        </Form.Item>
      ))}
      <Button type="primary" htmlType="submit" loading={f.submitting} data-testid={`${prefix}-action-submit`}>
        {t('lt.submit')}
      </Button>
    </Form>
  );
}

function renderField(s: FieldSpec, t: (k: string) => string): ReactNode {
  const label = s.optionLabel ?? ((v: string) => t(`lt.opt.${v}`));
  switch (s.kind) {
    case 'textarea':
      return <Input.TextArea rows={3} maxLength={2000} />;
    case 'number':
      return <InputNumber min={1} max={365} />;
    case 'bool':
      return <Checkbox />;
    case 'select':
      return <Select options={(s.options ?? []).map((o) => ({ value: o, label: label(o) }))} />;
    case 'radio':
      return <Radio.Group options={(s.options ?? []).map((o) => ({ value: o, label: label(o) }))} />;
    case 'checks':
      return <Checkbox.Group options={(s.options ?? []).map((o) => ({ value: o, label: label(o) }))} style={{ display: 'grid', gap: 4 }} />;
    default:
      return <Input maxLength={300} />;
  }
}

/** Reveal a protected identity: purpose required; the server audits every field read. */
export function RevealPanel({ url }: { url: string }) {
  const { t, i18n } = useTranslation();
  const [purpose, setPurpose] = useState('');
  const [identity, setIdentity] = useState<Record<string, string | null> | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const show = async () => {
    setError(null);
    try {
      const r = await api<{ identity: Record<string, string | null> }>(url, { query: { purpose } });
      setIdentity(r.identity);
    } catch (e) {
      setError(e as ApiError);
    }
  };
  return (
    <section aria-labelledby="lt-reveal-h" className="card" style={{ marginTop: 20 }} data-testid="lt-reveal">
      <h2 id="lt-reveal-h" style={{ marginTop: 0, fontSize: 18 }}>
        {t('lt.reveal')}
      </h2>
      <p>{t('lt.revealHelp')}</p>
      <label htmlFor="lt-purpose">{t('lt.purpose')}</label>
      <div style={{ display: 'flex', gap: 8, maxWidth: 640 }}>
        <Input id="lt-purpose" value={purpose} onChange={(e) => setPurpose(e.target.value)} maxLength={500} />
        <Button onClick={show} data-testid="lt-reveal-submit">
          {t('lt.show')}
        </Button>
      </div>
      {error && <Alert style={{ marginTop: 12 }} type="error" role="alert" showIcon title={error.text(i18n.language)} />}
      {identity && (
        <Descriptions style={{ marginTop: 12 }} column={1} bordered size="small" title={t('lt.identity')} data-testid="lt-identity">
          {Object.entries(identity)
            .filter(([, v]) => v)
            .map(([k, v]) => (
              <Descriptions.Item key={k} label={k}>
                {v}
              </Descriptions.Item>
            ))}
        </Descriptions>
      )}
    </section>
  );
}

export function SimpleTable({ rows, columns, testId }: { rows: any[]; columns: any[]; testId?: string }) {
  return <Table rowKey={(r: any) => r.id ?? r.key ?? JSON.stringify(r)} dataSource={rows} columns={columns} pagination={false} size="small" scroll={{ x: true }} data-testid={testId} />;
}
