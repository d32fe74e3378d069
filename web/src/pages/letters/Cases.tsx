import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Checkbox, Descriptions, Form, Input, Radio, Select, Space, Table } from 'antd';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorBox } from '../../components/ErrorBox';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { useApiForm } from '../../lib/apiForm';
import { Loading } from '../../components/Status';
import { useApi } from '../../lib/useApi';
import { usePageTitle } from '../../lib/usePageTitle';
import { FormLinks } from './FormPrint';
import { ActionPanel, Events, RevealPanel, SimpleTable, StatusTag, When, lbl, type Allowed, type EventRow, type FieldSpec, type Label } from './common';

interface CaseRow {
  id: string;
  code: string;
  type: string;
  typeLabel: Label;
  instance: number;
  unitName: string | null;
  status: string;
  statusLabel: Label;
  summary: string;
  acceptedAt: string;
  dueAt: string | null;
  overdue: boolean;
  denouncer?: string;
  version: number;
}
interface AssignableUser {
  id: string;
  fullName: string;
  title: string | null;
  role: string;
  unitId: string;
  unitName: string;
}
interface CaseDetailData extends CaseRow {
  protected: boolean;
  respondentName: string | null;
  clock: { periodAmount: number; originalDueAt: string | null; dueAt: string | null; secondRequestDueAt: string | null };
  complexCriteria: Record<string, Label>;
  assignments: { userId: string; name: string; role: string }[];
  suspensions: { suspendedAt: string; ground: string; decisionNo: string; resumedAt: string | null; dueAfter: string | null }[];
  letters: { id: string; code: string; status: string }[];
  allowedActions: Allowed[];
  events: EventRow[];
  warnings?: { code: string; message: string; messageVi: string }[];
}

const PATHS: Record<string, string> = {
  record_complexity: 'complexity',
  start_verification: 'start-verification',
  hold_dialogue: 'dialogue',
  suspend: 'suspend',
  resume: 'resume',
  extend: 'extend',
  decide: 'decide',
  conclude: 'conclude',
  handle_conclusion: 'handle-conclusion',
  answer: 'answer',
  withdraw: 'withdraw',
  terminate: 'terminate',
  continue: 'continue',
  request_second_instance: 'second-instance',
  finalize: 'finalize',
  record_enforcement: 'enforcement',
  close: 'close',
};
const SPECS: Record<string, FieldSpec[]> = {
  start_verification: [],
  hold_dialogue: [{ name: 'minutes', kind: 'textarea' }],
  suspend: [
    { name: 'reason', kind: 'textarea', required: true },
    { name: 'decisionNo', kind: 'text', required: true },
  ],
  resume: [{ name: 'decisionNo', kind: 'text', required: true }],
  extend: [
    { name: 'days', kind: 'number', required: true },
    { name: 'decisionNo', kind: 'text', required: true },
    { name: 'reason', kind: 'textarea', required: true },
  ],
  decide: [
    { name: 'decisionNo', kind: 'text', required: true },
    { name: 'result', kind: 'radio', options: ['upheld', 'partly_upheld', 'rejected'], required: true },
  ],
  conclude: [
    { name: 'conclusionNo', kind: 'text', required: true },
    { name: 'result', kind: 'radio', options: ['true', 'partly_true', 'false'], required: true },
  ],
  handle_conclusion: [{ name: 'note', kind: 'textarea' }],
  answer: [{ name: 'docNo', kind: 'text', required: true }],
  withdraw: [
    { name: 'document', kind: 'text', required: true },
    { name: 'coerced', kind: 'bool' },
  ],
  terminate: [{ name: 'reason', kind: 'textarea', required: true }],
  continue: [{ name: 'reason', kind: 'textarea', required: true }],
  request_second_instance: [{ name: 'docNo', kind: 'text' }],
  finalize: [],
  record_enforcement: [
    { name: 'status', kind: 'radio', options: ['in_progress', 'done'], required: true },
    { name: 'note', kind: 'textarea' },
  ],
  close: [],
};

/** /can-bo/vu-viec — cases of the user's units or assigned to them. */
export default function Cases() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('lt.casesTitle'));
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const type = params.get('type') ?? '';
  const overdue = params.get('overdue') === 'true';
  const page = Number(params.get('page') ?? '1') || 1;
  const [text, setText] = useState(q);
  const list = useApi<{ total: number; items: CaseRow[] }>('/cases', { q, type, overdue: overdue || undefined, limit: 20, offset: (page - 1) * 20 });
  const set = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    if (k !== 'page') next.delete('page');
    setParams(next);
  };
  return (
    <>
      <div className="page-head">
        <h1>{t('lt.casesTitle')}</h1>
        <a href="/api/v1/cases/export.xlsx">{t('lt.excel')}</a>
      </div>
      <form
        className="toolbar"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          set('q', text.trim());
        }}
      >
        <label htmlFor="lt-case-q" className="visually-hidden">
          {t('lt.search')}
        </label>
        <Input id="lt-case-q" value={text} onChange={(e) => setText(e.target.value)} placeholder={t('lt.searchPlaceholder')} style={{ maxWidth: 260 }} />
        <Select aria-label={t('lt.contentType')} value={type} onChange={(v) => set('type', v)} style={{ minWidth: 160 }} options={[{ value: '', label: t('lt.all') }, ...['complaint', 'denunciation', 'petition'].map((c) => ({ value: c, label: t(`lt.opt.${c}`) }))]} />
        <Checkbox checked={overdue} onChange={(e) => set('overdue', e.target.checked ? 'true' : '')}>
          {t('lt.overdueOnly')}
        </Checkbox>
        <Button htmlType="submit">{t('lt.search')}</Button>
      </form>
      {list.error && <ErrorBox error={list.error} onRetry={list.reload} />}
      <Table
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: true }}
        data-testid="lt-cases"
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: (p) => set('page', String(p)), showSizeChanger: false }}
        columns={[
          { title: t('lt.caseCode'), dataIndex: 'code', render: (v: string, r: CaseRow) => <Link to={`/can-bo/vu-viec/${r.id}`}>{v}</Link> },
          { title: t('lt.contentType'), dataIndex: 'typeLabel', render: (v: Label) => lbl(v, i18n.language) },
          { title: t('lt.unit'), dataIndex: 'unitName' },
          { title: t('lt.summary'), dataIndex: 'summary' },
          { title: t('lt.status'), dataIndex: 'statusLabel', render: (v: Label, r: CaseRow) => <StatusTag label={v} overdue={r.overdue} /> },
          { title: t('lt.dueAt'), dataIndex: 'dueAt', render: (v: string) => <When at={v} /> },
        ]}
      />
    </>
  );
}

/** /can-bo/vu-viec/:id — one case: its clock, suspensions, assignments, actions and history. */
export function CaseDetail() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const item = useApi<CaseDetailData>(`/cases/${id}`);
  const [fresh, setFresh] = useState<CaseDetailData | null>(null);
  useEffect(() => setFresh(null), [item.data]);
  const d = fresh ?? item.data;
  usePageTitle(d?.code ?? t('lt.casesTitle'));
  if (item.error) return <ErrorBox error={item.error} onRetry={item.reload} />;
  if (!d) return <Loading />;
  const specs: Record<string, FieldSpec[]> = {
    ...SPECS,
    record_complexity: [
      { name: 'criteria', kind: 'checks', options: Object.keys(d.complexCriteria), optionLabel: (v) => lbl(d.complexCriteria[v], i18n.language), required: true },
      { name: 'docNo', kind: 'text', required: true },
      ...(d.type === 'denunciation' ? [{ name: 'especiallyComplex', kind: 'bool' as const }] : []),
    ],
    record_enforcement: SPECS.record_enforcement.map((s) => (s.name === 'status' ? { ...s, optionLabel: (v: string) => t(v === 'done' ? 'lt.opt.doneStatus' : 'lt.opt.in_progress') } : s)),
  };
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Link to="/can-bo/vu-viec">{t('lt.back')}</Link>
      </Space>
      <h1 data-testid="lt-case-code">{d.code}</h1>
      <Descriptions bordered column={1} size="small" data-testid="lt-case">
        <Descriptions.Item label={t('lt.status')}>
          <span data-testid="lt-case-status">
            <StatusTag label={d.statusLabel} overdue={d.overdue} />
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('lt.contentType')}>
          {lbl(d.typeLabel, i18n.language)} ({d.instance})
        </Descriptions.Item>
        <Descriptions.Item label={t('lt.unit')}>{d.unitName}</Descriptions.Item>
        {d.denouncer && <Descriptions.Item label={t('lt.sender')}>{t('lt.protected')}</Descriptions.Item>}
        <Descriptions.Item label={t('lt.summary')}>{d.summary}</Descriptions.Item>
        {d.respondentName && <Descriptions.Item label={t('lt.respondent')}>{d.respondentName}</Descriptions.Item>}
        <Descriptions.Item label={t('lt.originalDue')}>
          <When at={d.clock.originalDueAt} />
        </Descriptions.Item>
        <Descriptions.Item label={t('lt.currentDue')}>
          <span data-testid="lt-case-due">
            <When at={d.clock.dueAt} />
          </span>{' '}
          ({d.clock.periodAmount}) <Remaining due={d.clock.dueAt} />
        </Descriptions.Item>
        <Descriptions.Item label={t('lt.assignments')}>
          <span data-testid="lt-case-assignments">{d.assignments.map((a) => `${a.name} (${t(`lt.asgRole.${a.role}`)})`).join(', ')}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('lt.letters')}>
          {d.letters.map((l) => (
            <Link key={l.id} to={`/can-bo/don-thu/${l.id}`} style={{ marginRight: 8 }}>
              {l.code}
            </Link>
          ))}
        </Descriptions.Item>
      </Descriptions>
      {d.suspensions.length > 0 && (
        <section className="card" style={{ marginTop: 20 }} aria-labelledby="lt-susp-h">
          <h2 id="lt-susp-h" style={{ marginTop: 0, fontSize: 18 }}>
            {t('lt.suspensions')}
          </h2>
          <SimpleTable
            rows={d.suspensions.map((s, i) => ({ ...s, key: i }))}
            columns={[
              { title: t('lt.from'), dataIndex: 'suspendedAt', render: (v: string) => <When at={v} /> },
              { title: t('lt.f.reason'), dataIndex: 'ground' },
              { title: t('lt.f.decisionNo'), dataIndex: 'decisionNo' },
              { title: t('lt.resumedAt'), dataIndex: 'resumedAt', render: (v: string) => <When at={v} /> },
              { title: t('lt.currentDue'), dataIndex: 'dueAfter', render: (v: string) => <When at={v} /> },
            ]}
          />
        </section>
      )}
      <ActionPanel base={`/cases/${d.id}`} item={d} specs={specs} paths={PATHS} onDone={setFresh} prefix="lt-case" />
      {d.allowedActions.some((a) => a.action === 'assign') && <AssignPanel c={d} onDone={setFresh} />}
      <FormLinks entity="case" id={d.id} events={d.events} always={d.type === 'denunciation' ? ['notice_to_respondent'] : []} />
      {d.protected && <RevealPanel url={`/cases/${d.id}/denouncer`} />}
      <Events events={d.events} />
    </>
  );
}

/** Days left until the due instant (negative: overdue), shown next to the deadline. */
function Remaining({ due }: { due: string | null }) {
  const { t } = useTranslation();
  if (!due) return null;
  const days = Math.ceil((new Date(due).getTime() - Date.now()) / 86_400_000);
  return (
    <span data-testid="lt-case-remaining" className={days < 0 ? 'text-danger' : undefined}>
      {days < 0 ? t('lt.overdueDays', { n: -days }) : t('lt.remainingDays', { n: days })}
    </span>
  );
}

/**
 * Assign a resolver, verifier, inspector or supervisor (POST /cases/:id/assign): the staff come
 * from GET /cases/:id/assignable-users (never the denounced person); the server checks again.
 */
function AssignPanel({ c, onDone }: { c: CaseDetailData; onDone: (d: CaseDetailData) => void }) {
  const { t, i18n } = useTranslation();
  const staff = useApi<{ items: AssignableUser[] }>(`/cases/${c.id}/assignable-users`);
  const f = useApiForm<{ role: string; userId: string }>();
  const [warnings, setWarnings] = useState<CaseDetailData['warnings']>([]);
  const options = useMemo(() => {
    const byUser = new Map<string, { value: string; label: string }>();
    for (const u of staff.data?.items ?? []) {
      const part = `${t(`lt.asgRole.${u.role}`)}, ${u.unitName}`;
      const prev = byUser.get(u.id);
      byUser.set(u.id, { value: u.id, label: prev ? `${prev.label.slice(0, -1)}; ${part})` : `${u.fullName}${u.title ? ` – ${u.title}` : ''} (${part})` });
    }
    return [...byUser.values()];
  }, [staff.data, t]);
  const onFinish = f.run(async (v) => {
    const d = await api<CaseDetailData>(`/cases/${c.id}/assign`, { method: 'POST', body: { version: c.version, userId: v.userId, role: v.role } });
    setWarnings(d.warnings ?? []);
    f.form.resetFields(['userId']);
    onDone(d);
  });
  return (
    <section aria-labelledby="lt-assign-h" className="card" style={{ marginTop: 20 }} data-testid="lt-assign">
      <h2 id="lt-assign-h" style={{ marginTop: 0, fontSize: 18 }}>
        {t('lt.assign')}
      </h2>
      <p>{t('lt.assignHelp')}</p>
      {staff.error && <ErrorBox error={staff.error} onRetry={staff.reload} />}
      {warnings?.map((w) => <Alert key={w.code} type="warning" showIcon style={{ marginBottom: 12 }} title={i18n.language.startsWith('en') ? w.message : w.messageVi} />)}
      <Form form={f.form} name="lt-assign" layout="vertical" onFinish={onFinish} initialValues={{ role: 'verifier' }} style={{ maxWidth: 720 }}>
        <FormErrorAlert state={f.state} />
        <Form.Item name="role" label={t('lt.assignRole')} rules={[{ required: true, message: t('lt.required') }]}>
          <Radio.Group options={['resolver', 'verifier', 'inspector', 'supervisor'].map((r) => ({ value: r, label: t(`lt.asgRole.${r}`) }))} />
        </Form.Item>
        <Form.Item name="userId" label={t('lt.assignUser')} rules={[{ required: true, message: t('lt.required') }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} loading={staff.loading} options={options} placeholder={t('lt.assignUser')} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={f.submitting} data-testid="lt-assign-submit">
          {t('lt.assignSubmit')}
        </Button>
      </Form>
    </section>
  );
}
