import { useEffect, useState } from 'react';
import { Button, Checkbox, Descriptions, Form, Input, InputNumber, Select, Space, Table } from 'antd';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorBox } from '../../components/ErrorBox';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { Loading } from '../../components/Status';
import { useApiForm } from '../../lib/apiForm';
import { FormLinks } from './FormPrint';
import { FilesCard } from './FilesCard';
import { useApi } from '../../lib/useApi';
import { usePageTitle } from '../../lib/usePageTitle';
import { ActionPanel, Events, RevealPanel, StatusTag, When, lbl, type Allowed, type EventRow, type FieldSpec, type Label } from './common';
import { useMyUnits } from './Letters';

interface VisitRow {
  id: string;
  unitId: string;
  unitName: string | null;
  registerNo: number | null;
  kind: string;
  kindLabel: Label;
  status: string;
  statusLabel: Label;
  receivedAt: string;
  visitorName: string | null;
  visitorIdNo: string | null;
  peopleCount: number;
  massGroup: boolean;
  contentSummary: string | null;
  contentTypeLabel: Label | null;
  replyDueAt: string | null;
  protected: boolean;
  version: number;
}
interface VisitDetail extends VisitRow {
  visitorAddress: string | null;
  outcomes: string[];
  letters: { id: string; code: string; status: string; contentType: string }[];
  documents: { id: string; seq: number; title: string; pages: number; original: boolean }[];
  refusal: { reason: string; note: string | null; noticeNo: string | null } | null;
  /** The grounds of refusal of the visit's rule set. */
  refusalReasons: { code: string; label: Label; noticeRequired: boolean }[];
  allowedActions: Allowed[];
  events: EventRow[];
}

const CONTENT = ['complaint', 'denunciation', 'petition', 'feedback', 'mixed', 'other'];
const PART_CONTENT = ['complaint', 'denunciation', 'petition', 'feedback'];
const PATHS: Record<string, string> = {
  check_in: 'check-in',
  mark_absent: 'absent',
  refuse: 'refuse',
  issue_refusal_notice: 'refusal-notice',
  hear: 'hear',
  answer: 'answer',
  guide: 'guide',
  create_letters: 'letters',
  receive_documents: 'documents',
  reply: 'reply',
  close: 'close',
};
const SPECS: Record<string, FieldSpec[]> = {
  refuse: [
    // The grounds come from the visit's rule set (ReceptionDetail fills them in).
    { name: 'reason', kind: 'select', options: [], required: true },
    { name: 'note', kind: 'textarea' },
  ],
  issue_refusal_notice: [{ name: 'noticeNo', kind: 'text', required: true }],
  hear: [
    { name: 'contentSummary', kind: 'textarea', required: true },
    { name: 'contentType', kind: 'select', options: CONTENT, required: true },
  ],
  answer: [{ name: 'answerText', kind: 'textarea', required: true }],
  guide: [
    { name: 'guidanceTo', kind: 'text', required: true },
    { name: 'docNo', kind: 'text' },
  ],
  create_letters: [
    { name: 'contentType', kind: 'select', options: PART_CONTENT, required: true },
    { name: 'summary', kind: 'textarea', required: true },
  ],
  reply: [
    { name: 'kind', kind: 'radio', options: ['accepted', 'needs_more_time', 'refused', 'transferred'], required: true },
    { name: 'docNo', kind: 'text' },
  ],
  receive_documents: [
    { name: 'docTitle', kind: 'text', required: true },
    { name: 'docPages', kind: 'number', required: true },
    { name: 'docOriginal', kind: 'bool' },
  ],
  check_in: [],
  mark_absent: [],
  close: [],
};

/** /can-bo/tiep-cong-dan — the reception register of the user's units and the visit form. */
export default function Receptions() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('lt.receptionTitle'));
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const page = Number(params.get('page') ?? '1') || 1;
  const [text, setText] = useState(q);
  const [adding, setAdding] = useState(false);
  const units = useMyUnits(['reception_officer', 'leader', 'supervisor']);
  const [regUnit, setRegUnit] = useState<string | undefined>(undefined);
  const [year, setYear] = useState<number>(new Date().getFullYear());
  const list = useApi<{ total: number; items: VisitRow[] }>('/receptions', { q, limit: 20, offset: (page - 1) * 20 });
  const set = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    if (k !== 'page') next.delete('page');
    setParams(next);
  };
  const unitForRegister = regUnit ?? units[0]?.id;
  return (
    <>
      <div className="page-head">
        <h1>{t('lt.receptionTitle')}</h1>
        <Button type="primary" onClick={() => setAdding((x) => !x)} data-testid="lt-new-visit">
          {t('lt.newVisit')}
        </Button>
      </div>
      {adding && <VisitForm />}
      <form
        className="toolbar"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          set('q', text.trim());
        }}
      >
        <label htmlFor="lt-visit-q" className="visually-hidden">
          {t('lt.search')}
        </label>
        <Input id="lt-visit-q" value={text} onChange={(e) => setText(e.target.value)} placeholder={t('lt.searchPlaceholder')} style={{ maxWidth: 260 }} />
        <Button htmlType="submit">{t('lt.search')}</Button>
      </form>
      {list.error && <ErrorBox error={list.error} onRetry={list.reload} />}
      <Table
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: true }}
        data-testid="lt-visits"
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: (p) => set('page', String(p)), showSizeChanger: false }}
        columns={[
          { title: t('lt.registerNo'), dataIndex: 'registerNo', render: (v: number, r: VisitRow) => <Link to={`/can-bo/tiep-cong-dan/${r.id}`}>{v ?? '—'}</Link> },
          { title: t('lt.receivedAt'), dataIndex: 'receivedAt', render: (v: string) => <When at={v} /> },
          { title: t('lt.visitor'), dataIndex: 'visitorName' },
          { title: t('lt.idNo'), dataIndex: 'visitorIdNo' },
          { title: t('lt.kind'), dataIndex: 'kindLabel', render: (v: Label) => lbl(v, i18n.language) },
          { title: t('lt.summary'), dataIndex: 'contentSummary' },
          { title: t('lt.people'), dataIndex: 'peopleCount', render: (v: number, r: VisitRow) => (r.massGroup ? `${v} (${t('lt.massGroup')})` : v) },
          { title: t('lt.status'), dataIndex: 'statusLabel', render: (v: Label) => <StatusTag label={v} /> },
        ]}
      />
      {units.length > 0 && (
        <section className="card" aria-labelledby="lt-register-h" style={{ marginTop: 20 }}>
          <h2 id="lt-register-h" style={{ marginTop: 0, fontSize: 18 }}>
            {t('lt.register')}
          </h2>
          <Space wrap>
            <Select aria-label={t('lt.unit')} value={unitForRegister} onChange={setRegUnit} style={{ minWidth: 260 }} options={units.map((u) => ({ value: u.id, label: u.name }))} />
            <InputNumber aria-label={t('lt.year')} value={year} min={2000} max={2200} onChange={(v) => setYear(Number(v) || year)} />
            <a href={`/api/v1/receptions/register.xlsx?unitId=${unitForRegister}&year=${year}`} data-testid="lt-register-xlsx">
              {t('lt.excel')}
            </a>
            <Link to={`/can-bo/tiep-cong-dan/so/in?unitId=${unitForRegister}&year=${year}`} data-testid="lt-register-print-link">
              {t('lt.registerPrint')}
            </Link>
          </Space>
        </section>
      )}
    </>
  );
}

function VisitForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const units = useMyUnits(['reception_officer', 'leader']);
  const f = useApiForm<Record<string, any>>({ draftKey: 'letters.visit' });
  const form = f.form;
  const peopleCount = Form.useWatch(['group', 'peopleCount'], form) as number | undefined;
  useEffect(() => {
    if (units.length === 1 && !form.getFieldValue('unitId')) form.setFieldValue('unitId', units[0].id);
  }, [units, form]);
  const onFinish = f.run(async (v) => {
    const lines = (x: unknown) =>
      String(x ?? '')
        .split('\n')
        .map((y) => y.trim())
        .filter(Boolean);
    const g = v.group ?? {};
    const group =
      (g.peopleCount ?? 1) > 1
        ? {
            peopleCount: g.peopleCount,
            representatives: lines(g.representatives).map((name) => ({ name })),
            members: lines(g.members),
            ...(g.appointmentDoc ? { appointmentDoc: String(g.appointmentDoc).trim() } : {}),
            signedByAll: !!g.signedByAll,
          }
        : undefined;
    const visitor = Object.fromEntries(Object.entries({ name: v.name?.trim(), idNo: v.idNo, address: v.address, phone: v.phone }).filter(([, x]) => x));
    const body: Record<string, unknown> = {
      unitId: v.unitId,
      kind: 'regular',
      visitor,
      ...(group ? { group } : {}),
      hearing: { contentSummary: v.contentSummary?.trim(), contentType: v.contentType, withinCompetence: !!v.withinCompetence },
    };
    const d = await api<{ id: string }>('/receptions', { method: 'POST', body, idempotencyKey: f.idempotencyKey() });
    navigate(`/can-bo/tiep-cong-dan/${d.id}`);
  });
  return (
    <section className="card" aria-labelledby="lt-visit-h" style={{ marginBottom: 20 }}>
      <h2 id="lt-visit-h" style={{ marginTop: 0, fontSize: 18 }}>
        {t('lt.newVisit')}
      </h2>
      <Form form={form} name="lt-visit" layout="vertical" onFinish={onFinish} initialValues={f.initialValues({ contentType: 'complaint' })} onValuesChange={f.onValuesChange} style={{ maxWidth: 720 }}>
        <FormErrorAlert state={f.state} />
        <Form.Item name="unitId" label={t('lt.unit')} rules={[{ required: true, message: t('lt.required') }]}>
          <Select options={units.map((u) => ({ value: u.id, label: u.name }))} placeholder={t('lt.chooseUnit')} />
        </Form.Item>
        <Form.Item name="name" label={t('lt.visitorName')} rules={[{ required: true, message: t('lt.required') }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="idNo" label={t('lt.idNo')}>
          <Input maxLength={20} inputMode="numeric" />
        </Form.Item>
        <Form.Item name="address" label={t('lt.address')}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="phone" label={t('lt.phone')}>
          <Input maxLength={20} inputMode="tel" />
        </Form.Item>
        <Form.Item name={['group', 'peopleCount']} label={t('lt.groupCount')}>
          <InputNumber min={1} max={10000} />
        </Form.Item>
        {(peopleCount ?? 1) >= 5 && (
          <>
            <Form.Item name={['group', 'members']} label={t('lt.groupMembers')} rules={[{ required: true, message: t('lt.required') }]}>
              <Input.TextArea rows={4} maxLength={20000} />
            </Form.Item>
            <Form.Item name={['group', 'representatives']} label={t('lt.groupReps')} extra={t('lt.groupRepsHelp')} rules={[{ required: true, message: t('lt.required') }]}>
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
            <Form.Item name={['group', 'appointmentDoc']} label={t('lt.groupDoc')} rules={[{ required: true, message: t('lt.required') }]}>
              <Input maxLength={300} />
            </Form.Item>
            <Form.Item name={['group', 'signedByAll']} valuePropName="checked">
              <Checkbox>{t('lt.groupSigned')}</Checkbox>
            </Form.Item>
          </>
        )}
        <Form.Item name="contentType" label={t('lt.contentType')} rules={[{ required: true, message: t('lt.required') }]}>
          <Select options={CONTENT.map((c) => ({ value: c, label: t(`lt.opt.${c}`) }))} />
        </Form.Item>
        <Form.Item name="contentSummary" label={t('lt.contentSummary')} rules={[{ required: true, message: t('lt.required') }]}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        <Form.Item name="withinCompetence" valuePropName="checked">
          <Checkbox>{t('lt.withinCompetence')}</Checkbox>
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={f.submitting} data-testid="lt-visit-submit">
          {t('lt.create')}
        </Button>
      </Form>
    </section>
  );
}

/** /can-bo/tiep-cong-dan/:id — one visit: the register row, its letters, the actions allowed now. */
export function ReceptionDetail() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const item = useApi<VisitDetail>(`/receptions/${id}`);
  const [fresh, setFresh] = useState<VisitDetail | null>(null);
  useEffect(() => setFresh(null), [item.data]);
  const d = fresh ?? item.data;
  usePageTitle(t('lt.receptionTitle'));
  if (item.error) return <ErrorBox error={item.error} onRetry={item.reload} />;
  if (!d) return <Loading />;
  /** A ground's wording in the visit's rule set (a code it no longer lists is shown as recorded). */
  const groundLabel = (code: string) => {
    const g = d.refusalReasons.find((x) => x.code === code);
    return g ? lbl(g.label, i18n.language) : code;
  };
  const specs = {
    ...SPECS,
    reply: SPECS.reply.map((s) => (s.name === 'kind' ? { ...s, optionLabel: (v: string) => t(v === 'refused' ? 'lt.opt.refusedReply' : `lt.opt.${v}`) } : s)),
    refuse: SPECS.refuse.map((s) => (s.name === 'reason' ? { ...s, options: d.refusalReasons.map((g) => g.code), optionLabel: groundLabel } : s)),
  };
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Link to="/can-bo/tiep-cong-dan">{t('lt.back')}</Link>
      </Space>
      <h1>
        {t('lt.receptionTitle')} – {t('lt.registerNo')} {d.registerNo ?? '—'}
      </h1>
      <Descriptions bordered column={1} size="small" data-testid="lt-visit">
        <Descriptions.Item label={t('lt.status')}>
          <span data-testid="lt-visit-status">
            <StatusTag label={d.statusLabel} />
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('lt.unit')}>{d.unitName}</Descriptions.Item>
        <Descriptions.Item label={t('lt.receivedAt')}>
          <When at={d.receivedAt} />
        </Descriptions.Item>
        <Descriptions.Item label={t('lt.visitor')}>
          <span data-testid="lt-visitor">{d.visitorName}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('lt.idNo')}>{d.visitorIdNo}</Descriptions.Item>
        <Descriptions.Item label={t('lt.kind')}>{lbl(d.kindLabel, i18n.language)}</Descriptions.Item>
        <Descriptions.Item label={t('lt.summary')}>{d.contentSummary}</Descriptions.Item>
        <Descriptions.Item label={t('lt.dueAt')}>
          <When at={d.replyDueAt} />
        </Descriptions.Item>
        {d.refusal && (
          <Descriptions.Item label={t('lt.refusalReason')}>
            <span data-testid="lt-visit-refusal">
              {groundLabel(d.refusal.reason)}
              {d.refusal.note ? ` – ${d.refusal.note}` : ''}
            </span>
          </Descriptions.Item>
        )}
        {d.letters.length > 0 && (
          <Descriptions.Item label={t('lt.letters')}>
            <ul className="plain-list">
              {d.letters.map((l) => (
                <li key={l.id}>
                  <Link to={`/can-bo/don-thu/${l.id}`} data-testid="lt-visit-letter">
                    {l.code}
                  </Link>{' '}
                  ({t(`lt.opt.${l.contentType}`)})
                </li>
              ))}
            </ul>
          </Descriptions.Item>
        )}
      </Descriptions>
      <ActionPanel
        base={`/receptions/${d.id}`}
        item={d}
        specs={specs}
        paths={PATHS}
        onDone={setFresh}
        prefix="lt-visit"
        transforms={{
          receive_documents: (b) => ({ version: b.version, documents: [{ title: b.docTitle, pages: b.docPages, original: !!b.docOriginal }] }),
          create_letters: (b) => ({ version: b.version, parts: [{ contentType: b.contentType, summary: b.summary }] }) }}
      />
      <FilesCard key={d.id} base={`/receptions/${d.id}`} kind="visit" documents={d.documents} onUploaded={item.reload} />
      <FormLinks entity="visit" id={d.id} events={d.events} />
      {d.protected && <RevealPanel url={`/receptions/${d.id}/visitor`} />}
      <Events events={d.events} reasonLabel={(action, reason) => (action === 'refuse' ? groundLabel(reason) : null)} />
    </>
  );
}
