import { useEffect, useMemo, useState } from 'react';
import { Button, Checkbox, Descriptions, Form, Input, Radio, Select, Space, Table, Tag } from 'antd';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api, type Unit } from '../../api';
import { ErrorBox } from '../../components/ErrorBox';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { Loading } from '../../components/Status';
import { useApiForm } from '../../lib/apiForm';
import { formatDate } from '../../lib/format';
import { useApi } from '../../lib/useApi';
import { usePageTitle } from '../../lib/usePageTitle';
import { useSession } from '../../session';
import { ActionPanel, Events, InstructionStatus, StatusTag, When, lbl, type Allowed, type EventRow, type FieldSpec, type Label } from './common';
import { useMyUnits } from './Letters';

interface SessionRow {
  id: string;
  unitId: string;
  unitName: string | null;
  kind: 'periodic' | 'ad_hoc' | 'online';
  leaderUserId: string | null;
  leaderName: string;
  leaderTitle: string;
  isDeputy: boolean;
  deputyReason: string | null;
  scheduledOn: string;
  startTime: string | null;
  endTime: string | null;
  location: string | null;
  status: 'scheduled' | 'held' | 'cancelled';
  published: boolean;
  heldAt: string | null;
  cancelledReason: string | null;
  online: { reason: string | null; platform: string | null; recordingRef: string | null } | null;
  notes: string | null;
  version: number;
}
interface SessionVisit {
  id: string;
  registerNo: number | null;
  receivedAt: string;
  visitorName: string | null;
  contentSummary: string | null;
  statusLabel: Label;
  status: string;
}
interface Instruction {
  id: string;
  visitId: string | null;
  caseId: string | null;
  caseCode: string | null;
  instruction: string;
  assigneeUnitId: string;
  dueOn: string;
  status: 'pending' | 'done';
  doneAt: string | null;
  overdue: boolean;
}
interface SessionDetailData extends SessionRow {
  visits: SessionVisit[];
  /** The cases opened from its visitors' letters. */
  cases: { id: string; code: string; visitId: string; statusLabel: Label }[];
  conclusion: { noticeNo: string; issuedAt: string; summary: string; instructions: Instruction[] } | null;
  events: EventRow[];
}

const KINDS = ['periodic', 'ad_hoc', 'online'] as const;
const ONLINE_REASONS = ['complex_multi_agency', 'remote_or_vulnerable', 'emergency', 'complex_denunciation_no_protection'];
const VISIT_CONTENT = ['complaint', 'denunciation', 'petition', 'feedback', 'mixed', 'other'];
const today = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
const trimmed = (x: unknown) => (typeof x === 'string' && x.trim() ? x.trim() : undefined);

/** The user holds one of these roles (at any unit); the server checks the unit scope. */
function useHasRole(roles: string[]) {
  const { user } = useSession();
  return (user?.roles ?? []).some((r) => roles.includes(r.role));
}

/** /can-bo/tiep-cong-dan/buoi-tiep — leaders' reception sessions in scope, and the form to schedule one. */
export default function Sessions() {
  const { t } = useTranslation();
  usePageTitle(t('lt.sessionsTitle'));
  const [params, setParams] = useSearchParams();
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const unitId = params.get('unitId') ?? '';
  const page = Number(params.get('page') ?? '1') || 1;
  const [adding, setAdding] = useState(false);
  const canSchedule = useHasRole(['reception_officer', 'leader']);
  const units = useMyUnits(['reception_officer', 'leader', 'supervisor']);
  const list = useApi<{ items: SessionRow[] }>('/receptions/sessions', { from: from || undefined, to: to || undefined, unitId: unitId || undefined, limit: 21, offset: (page - 1) * 20 });
  const set = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    if (k !== 'page') next.delete('page');
    setParams(next);
  };
  const items = list.data?.items ?? [];
  return (
    <>
      <div className="page-head">
        <h1>{t('lt.sessionsTitle')}</h1>
        <Space wrap>
          {canSchedule && (
            <Button type="primary" onClick={() => setAdding((x) => !x)} aria-expanded={adding} data-testid="lt-new-session">
              {t('lt.newSession')}
            </Button>
          )}
          <Link to="/can-bo/tiep-cong-dan/chi-dao">{t('lt.menuInstructions')}</Link>
        </Space>
      </div>
      <p>{t('lt.sessionsIntro')}</p>
      {adding && <SessionForm />}
      <div className="toolbar" role="group" aria-label={t('lt.search')}>
        <Select aria-label={t('lt.unit')} value={unitId} onChange={(v) => set('unitId', v)} style={{ minWidth: 240 }} options={[{ value: '', label: t('lt.all') }, ...units.map((u) => ({ value: u.id, label: u.name }))]} />
        <label htmlFor="lt-sessions-from">{t('lt.from')}</label>
        <Input id="lt-sessions-from" type="date" value={from} onChange={(e) => set('from', e.target.value)} style={{ maxWidth: 170 }} />
        <label htmlFor="lt-sessions-to">{t('lt.to')}</label>
        <Input id="lt-sessions-to" type="date" value={to} onChange={(e) => set('to', e.target.value)} style={{ maxWidth: 170 }} />
      </div>
      {list.error && <ErrorBox error={list.error} onRetry={list.reload} />}
      <Table
        rowKey="id"
        loading={list.loading}
        dataSource={items.slice(0, 20)}
        scroll={{ x: true }}
        data-testid="lt-sessions-table"
        pagination={{ current: page, pageSize: 20, total: (page - 1) * 20 + items.length, onChange: (p) => set('page', String(p)), showSizeChanger: false }}
        columns={[
          { title: t('lt.scheduledOn'), dataIndex: 'scheduledOn', render: (v: string, r: SessionRow) => <Link to={`/can-bo/tiep-cong-dan/buoi-tiep/${r.id}`}>{formatDate(v)}</Link> },
          { title: t('lt.time'), key: 'time', render: (_: unknown, r: SessionRow) => (r.startTime ? `${r.startTime}${r.endTime ? `–${r.endTime}` : ''}` : '') },
          { title: t('lt.kind'), dataIndex: 'kind', render: (v: string) => t(`lt.opt.${v}`) },
          { title: t('lt.leader'), key: 'leader', render: (_: unknown, r: SessionRow) => `${r.leaderName}, ${r.leaderTitle}` },
          { title: t('lt.unit'), dataIndex: 'unitName' },
          { title: t('lt.location'), dataIndex: 'location' },
          { title: t('lt.status'), dataIndex: 'status', render: (v: string) => <Tag color={v === 'held' ? 'green' : v === 'cancelled' ? 'default' : 'blue'}>{t(`lt.sessionStatus.${v}`)}</Tag> },
        ]}
      />
    </>
  );
}

function SessionForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { user } = useSession();
  const units = useMyUnits(['reception_officer', 'leader']);
  const f = useApiForm<Record<string, any>>({ draftKey: 'letters.session' });
  const form = f.form;
  const kind = Form.useWatch('kind', form) as string | undefined;
  const isDeputy = Form.useWatch('isDeputy', form) as boolean | undefined;
  const chosenUnit = Form.useWatch('unitId', form) as string | undefined;
  const leads = (user?.roles ?? []).some((r) => r.role === 'leader' && r.unitId === chosenUnit);
  useEffect(() => {
    if (units.length >= 1 && !form.getFieldValue('unitId')) form.setFieldValue('unitId', units[0].id);
  }, [units, form]);
  useEffect(() => {
    if (leads && user && !form.getFieldValue('leaderName')) form.setFieldsValue({ presideSelf: true, leaderName: user.fullName });
  }, [leads, user, form]);
  const onFinish = f.run(async (v) => {
    const body: Record<string, unknown> = {
      unitId: v.unitId,
      kind: v.kind,
      leaderName: v.leaderName?.trim(),
      leaderTitle: v.leaderTitle?.trim(),
      scheduledOn: v.scheduledOn,
      published: !!v.published,
    };
    if (leads && v.presideSelf && user) body.leaderUserId = user.id;
    for (const k of ['startTime', 'endTime', 'location', 'notes'] as const) if (trimmed(v[k])) body[k] = trimmed(v[k]);
    if (v.isDeputy) {
      body.isDeputy = true;
      if (trimmed(v.deputyReason)) body.deputyReason = trimmed(v.deputyReason);
    }
    if (v.kind === 'online') body.online = { reason: v.onlineReason, ...(trimmed(v.onlinePlatform) ? { platform: trimmed(v.onlinePlatform) } : {}), denouncerRequiresProtection: !!v.denouncerRequiresProtection };
    const d = await api<SessionRow>('/receptions/sessions', { method: 'POST', body, idempotencyKey: f.idempotencyKey() });
    navigate(`/can-bo/tiep-cong-dan/buoi-tiep/${d.id}`);
  });
  return (
    <section className="card" aria-labelledby="lt-session-h" style={{ marginBottom: 20 }}>
      <h2 id="lt-session-h" style={{ marginTop: 0, fontSize: 18 }}>
        {t('lt.newSession')}
      </h2>
      <Form form={form} name="lt-session" layout="vertical" onFinish={onFinish} initialValues={f.initialValues({ kind: 'periodic', scheduledOn: today(), published: true })} onValuesChange={f.onValuesChange} style={{ maxWidth: 720 }}>
        <FormErrorAlert state={f.state} />
        <Form.Item name="unitId" label={t('lt.unit')} rules={[{ required: true, message: t('lt.required') }]}>
          <Select options={units.map((u) => ({ value: u.id, label: u.name }))} placeholder={t('lt.chooseUnit')} />
        </Form.Item>
        <Form.Item name="kind" label={t('lt.kind')} rules={[{ required: true, message: t('lt.required') }]}>
          <Radio.Group options={KINDS.map((k) => ({ value: k, label: t(`lt.opt.${k}`) }))} />
        </Form.Item>
        {leads && (
          <Form.Item name="presideSelf" valuePropName="checked">
            <Checkbox>{t('lt.iPreside')}</Checkbox>
          </Form.Item>
        )}
        <Form.Item name="leaderName" label={t('lt.leaderName')} rules={[{ required: true, message: t('lt.required') }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="leaderTitle" label={t('lt.leaderTitle')} rules={[{ required: true, message: t('lt.required') }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="isDeputy" valuePropName="checked">
          <Checkbox>{t('lt.isDeputy')}</Checkbox>
        </Form.Item>
        {isDeputy && (
          <Form.Item name="deputyReason" label={t('lt.deputyReason')}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        )}
        <Space wrap align="start">
          <Form.Item name="scheduledOn" label={t('lt.scheduledOn')} rules={[{ required: true, message: t('lt.required') }]}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="startTime" label={t('lt.startTime')}>
            <Input type="time" />
          </Form.Item>
          <Form.Item name="endTime" label={t('lt.endTime')}>
            <Input type="time" />
          </Form.Item>
        </Space>
        <Form.Item name="location" label={t('lt.location')}>
          <Input maxLength={300} />
        </Form.Item>
        {kind === 'online' && (
          <>
            <Form.Item name="onlineReason" label={t('lt.onlineReason')} rules={[{ required: true, message: t('lt.required') }]}>
              <Select options={ONLINE_REASONS.map((r) => ({ value: r, label: t(`lt.onlineReasonOpt.${r}`) }))} />
            </Form.Item>
            <Form.Item name="onlinePlatform" label={t('lt.onlinePlatform')}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="denouncerRequiresProtection" valuePropName="checked">
              <Checkbox>{t('lt.denouncerRequiresProtection')}</Checkbox>
            </Form.Item>
          </>
        )}
        <Form.Item name="notes" label={t('lt.notes')}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <Form.Item name="published" valuePropName="checked">
          <Checkbox>{t('lt.published')}</Checkbox>
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={f.submitting} data-testid="lt-session-submit">
          {t('lt.scheduleSubmit')}
        </Button>
      </Form>
    </section>
  );
}

const SESSION_PATHS: Record<string, string> = { hold: 'hold', cancel: 'cancel' };

/** /can-bo/tiep-cong-dan/buoi-tiep/:id — one session: its visitors, the session actions, the conclusion notice. */
export function SessionDetail() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const item = useApi<SessionDetailData>(`/receptions/sessions/${id}`);
  const units = useApi<Unit[]>('/units');
  const staffRole = useHasRole(['reception_officer', 'leader']);
  const leader = useHasRole(['leader']);
  usePageTitle(t('lt.sessionsTitle'));
  const unitName = useMemo(() => new Map((units.data ?? []).map((u) => [u.id, u.name])), [units.data]);
  if (item.error) return <ErrorBox error={item.error} onRetry={item.reload} />;
  if (!item.data) return <Loading />;
  const d = item.data;
  const label = (action: string, needsReason = false): Allowed => ({ action, labelVi: t(`lt.sessionAction.${action}`, { lng: 'vi' }), labelEn: t(`lt.sessionAction.${action}`, { lng: 'en' }), needsReason });
  // The session answers no allowed actions: offer those its status permits; the server checks the role and unit again.
  const allowed: Allowed[] = staffRole && d.status === 'scheduled' ? [label('hold'), label('cancel', true)] : [];
  const specs: Record<string, FieldSpec[]> = {
    hold: d.kind === 'online' ? [{ name: 'recordingRef', kind: 'text', required: true }, { name: 'recordingSha256', kind: 'text', required: true }] : [],
    cancel: [{ name: 'reason', kind: 'textarea', required: true }],
  };
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Link to="/can-bo/tiep-cong-dan/buoi-tiep">{t('lt.back')}</Link>
      </Space>
      <h1>
        {t('lt.session')} {formatDate(d.scheduledOn)} – {d.leaderName}
      </h1>
      <Descriptions bordered column={1} size="small" data-testid="lt-session">
        <Descriptions.Item label={t('lt.status')}>
          <span data-testid="lt-session-status">
            <Tag color={d.status === 'held' ? 'green' : d.status === 'cancelled' ? 'default' : 'blue'}>{t(`lt.sessionStatus.${d.status}`)}</Tag>
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('lt.unit')}>{d.unitName}</Descriptions.Item>
        <Descriptions.Item label={t('lt.kind')}>{t(`lt.opt.${d.kind}`)}</Descriptions.Item>
        <Descriptions.Item label={t('lt.leader')}>
          {d.leaderName}, {d.leaderTitle}
          {d.isDeputy ? ` (${t('lt.isDeputy')}${d.deputyReason ? `: ${d.deputyReason}` : ''})` : ''}
        </Descriptions.Item>
        <Descriptions.Item label={t('lt.time')}>
          {formatDate(d.scheduledOn)}
          {d.startTime ? ` ${d.startTime}${d.endTime ? `–${d.endTime}` : ''}` : ''}
        </Descriptions.Item>
        {d.location && <Descriptions.Item label={t('lt.location')}>{d.location}</Descriptions.Item>}
        {d.online?.reason && <Descriptions.Item label={t('lt.onlineReason')}>{i18n.exists(`lt.onlineReasonOpt.${d.online.reason}`) ? t(`lt.onlineReasonOpt.${d.online.reason}`) : d.online.reason}</Descriptions.Item>}
        {d.heldAt && (
          <Descriptions.Item label={t('lt.sessionStatus.held')}>
            <When at={d.heldAt} />
          </Descriptions.Item>
        )}
        {d.cancelledReason && <Descriptions.Item label={t('lt.f.reason')}>{d.cancelledReason}</Descriptions.Item>}
        {d.notes && <Descriptions.Item label={t('lt.notes')}>{d.notes}</Descriptions.Item>}
      </Descriptions>
      {allowed.length > 0 && <ActionPanel base={`/receptions/sessions/${d.id}`} item={{ ...d, allowedActions: allowed }} specs={specs} paths={SESSION_PATHS} onDone={() => item.reload()} prefix="lt-session" />}

      <section aria-labelledby="lt-session-visits-h" className="card" style={{ marginTop: 20 }}>
        <h2 id="lt-session-visits-h" style={{ marginTop: 0, fontSize: 18 }}>
          {t('lt.visits')}
        </h2>
        {d.visits.length === 0 ? (
          <p>{t('lt.noVisits')}</p>
        ) : (
          <Table
            rowKey="id"
            dataSource={d.visits}
            pagination={false}
            size="small"
            scroll={{ x: true }}
            data-testid="lt-session-visits"
            columns={[
              { title: t('lt.registerNo'), dataIndex: 'registerNo', render: (v: number | null, r: SessionVisit) => <Link to={`/can-bo/tiep-cong-dan/${r.id}`}>{v ?? '—'}</Link> },
              { title: t('lt.visitor'), dataIndex: 'visitorName' },
              { title: t('lt.summary'), dataIndex: 'contentSummary' },
              { title: t('lt.receivedAt'), dataIndex: 'receivedAt', render: (v: string) => <When at={v} /> },
              { title: t('lt.status'), dataIndex: 'statusLabel', render: (v: Label) => <StatusTag label={v} /> },
            ]}
          />
        )}
        {staffRole && d.status !== 'cancelled' && <SessionVisitForm session={d} onDone={item.reload} />}
      </section>

      <section aria-labelledby="lt-conclusion-h" className="card" style={{ marginTop: 20 }} data-testid="lt-conclusion">
        <h2 id="lt-conclusion-h" style={{ marginTop: 0, fontSize: 18 }}>
          {t('lt.conclusion')}
        </h2>
        {d.conclusion ? (
          <>
            <Descriptions bordered column={1} size="small">
              <Descriptions.Item label={t('lt.noticeNo')}>
                <span data-testid="lt-conclusion-no">{d.conclusion.noticeNo}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('lt.receivedAt')}>
                <When at={d.conclusion.issuedAt} />
              </Descriptions.Item>
              <Descriptions.Item label={t('lt.conclusionSummary')}>{d.conclusion.summary}</Descriptions.Item>
            </Descriptions>
            <h3 style={{ fontSize: 16 }}>{t('lt.instructions')}</h3>
            <Table
              rowKey="id"
              dataSource={d.conclusion.instructions}
              pagination={false}
              size="small"
              scroll={{ x: true }}
              data-testid="lt-conclusion-instructions"
              columns={[
                { title: t('lt.instruction'), dataIndex: 'instruction' },
                { title: t('lt.case'), dataIndex: 'caseCode', render: (v: string | null, r: Instruction) => (v && r.caseId ? <Link to={`/can-bo/vu-viec/${r.caseId}`}>{v}</Link> : '') },
                { title: t('lt.assigneeUnit'), dataIndex: 'assigneeUnitId', render: (v: string) => unitName.get(v) ?? '' },
                { title: t('lt.dueOn'), dataIndex: 'dueOn', render: (v: string) => formatDate(v) },
                { title: t('lt.status'), key: 'status', render: (_: unknown, r: Instruction) => <InstructionStatus status={r.status} overdue={r.overdue} /> },
              ]}
            />
            <p style={{ marginTop: 12 }}>
              <Link to={`/can-bo/bieu-mau/session/${d.id}/conclusion_notice`} data-testid="lt-form-conclusion_notice">
                {t('lt.printNotice')}
              </Link>
            </p>
          </>
        ) : (
          <>
            <p>{t('lt.noConclusion')}</p>
            <p>{t('lt.conclusionHelp')}</p>
            {leader && d.status === 'held' && <ConclusionForm session={d} units={units.data ?? []} onDone={item.reload} />}
          </>
        )}
      </section>
      <Events events={d.events} />
    </>
  );
}

/** A person registered for the session or received in it (POST /receptions with the session). */
function SessionVisitForm({ session, onDone }: { session: SessionDetailData; onDone: () => void }) {
  const { t } = useTranslation();
  const f = useApiForm<Record<string, any>>();
  const registration = Form.useWatch('registration', f.form) as boolean | undefined;
  const onFinish = f.run(async (v) => {
    const visitor = Object.fromEntries(Object.entries({ name: trimmed(v.name), idNo: trimmed(v.idNo), address: trimmed(v.address), phone: trimmed(v.phone) }).filter(([, x]) => x));
    const body: Record<string, unknown> = { unitId: session.unitId, kind: session.kind, sessionId: session.id, visitor };
    if (v.registration) {
      body.registration = true;
      if (trimmed(v.registrationCase)) body.registrationCase = trimmed(v.registrationCase);
    } else body.hearing = { contentSummary: trimmed(v.contentSummary), contentType: v.contentType, withinCompetence: !!v.withinCompetence };
    await api('/receptions', { method: 'POST', body, idempotencyKey: f.idempotencyKey() });
    f.form.resetFields();
    onDone();
  });
  return (
    <div style={{ marginTop: 16 }}>
      <h3 id="lt-session-visit-h" style={{ fontSize: 16 }}>
        {t('lt.addVisitor')}
      </h3>
      <Form form={f.form} name="lt-session-visit" layout="vertical" onFinish={onFinish} initialValues={{ contentType: 'complaint' }} style={{ maxWidth: 720 }} aria-labelledby="lt-session-visit-h">
        <FormErrorAlert state={f.state} />
        <Form.Item name="name" label={t('lt.visitorName')} rules={[{ required: true, message: t('lt.required') }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="idNo" label={t('lt.idNo')}>
          <Input maxLength={20} inputMode="numeric" />
        </Form.Item>
        <Form.Item name="address" label={t('lt.address')}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="registration" valuePropName="checked">
          <Checkbox>{t('lt.registration')}</Checkbox>
        </Form.Item>
        {registration ? (
          <Form.Item name="registrationCase" label={t('lt.registrationCase')}>
            <Input maxLength={500} />
          </Form.Item>
        ) : (
          <>
            <Form.Item name="contentType" label={t('lt.contentType')} rules={[{ required: true, message: t('lt.required') }]}>
              <Select options={VISIT_CONTENT.map((c) => ({ value: c, label: t(`lt.opt.${c}`) }))} />
            </Form.Item>
            <Form.Item name="contentSummary" label={t('lt.contentSummary')} rules={[{ required: true, message: t('lt.required') }]}>
              <Input.TextArea rows={3} maxLength={4000} />
            </Form.Item>
            <Form.Item name="withinCompetence" valuePropName="checked">
              <Checkbox>{t('lt.withinCompetence')}</Checkbox>
            </Form.Item>
          </>
        )}
        <Button type="primary" htmlType="submit" loading={f.submitting} data-testid="lt-session-visit-submit">
          {t('lt.create')}
        </Button>
      </Form>
    </div>
  );
}

interface InstructionInput {
  instruction?: string;
  assigneeUnitId?: string;
  assigneeUserId?: string;
  dueOn?: string;
  visitId?: string;
  caseId?: string;
}

/** The leader's conclusion notice: number, summary and tracked instructions (POST …/conclusion). */
function ConclusionForm({ session, units, onDone }: { session: SessionDetailData; units: Unit[]; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const f = useApiForm<{ noticeNo: string; summary: string; instructions: InstructionInput[] }>({ draftKey: `letters.conclusion.${session.id}` });
  const rows = (Form.useWatch('instructions', f.form) ?? []) as InstructionInput[];
  const onFinish = f.run(async (v) => {
    const instructions = (v.instructions ?? []).map((x) => ({
      instruction: trimmed(x.instruction),
      assigneeUnitId: x.assigneeUnitId,
      dueOn: x.dueOn,
      ...(x.assigneeUserId ? { assigneeUserId: x.assigneeUserId } : {}),
      ...(x.visitId ? { visitId: x.visitId } : {}),
      ...(x.caseId ? { caseId: x.caseId } : {}),
    }));
    await api(`/receptions/sessions/${session.id}/conclusion`, { method: 'POST', body: { version: session.version, noticeNo: v.noticeNo.trim(), summary: v.summary.trim(), instructions } });
    onDone();
  });
  const unitOptions = units.map((u) => ({ value: u.id, label: u.name }));
  const visitOptions = session.visits.map((x) => ({ value: x.id, label: `${x.registerNo ?? '—'}: ${x.visitorName ?? ''}${x.contentSummary ? ` – ${x.contentSummary.slice(0, 60)}` : ''}` }));
  const caseOptions = session.cases.map((c) => ({ value: c.id, label: `${c.code} – ${lbl(c.statusLabel, i18n.language)}` }));
  const blank = (): InstructionInput => ({ assigneeUnitId: session.unitId, dueOn: today() });
  return (
    <Form
      form={f.form}
      name="lt-conclusion"
      layout="vertical"
      onFinish={onFinish}
      initialValues={f.initialValues({ instructions: [blank()] })}
      onValuesChange={f.onValuesChange}
      style={{ maxWidth: 820 }}
    >
      <FormErrorAlert state={f.state} />
      <Form.Item name="noticeNo" label={t('lt.f.noticeNo')} rules={[{ required: true, message: t('lt.required') }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="summary" label={t('lt.conclusionSummary')} rules={[{ required: true, message: t('lt.required') }]}>
        <Input.TextArea rows={4} maxLength={4000} />
      </Form.Item>
      <Form.List name="instructions">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, i) => (
              <fieldset key={field.key} className="card" style={{ marginBottom: 12 }} data-testid={`lt-instruction-${i}`}>
                <legend style={{ fontWeight: 600 }}>{t('lt.instructionN', { n: i + 1 })}</legend>
                <Form.Item name={[field.name, 'instruction']} label={t('lt.instruction')} rules={[{ required: true, message: t('lt.required') }]}>
                  <Input.TextArea rows={2} maxLength={2000} />
                </Form.Item>
                <Form.Item name={[field.name, 'assigneeUnitId']} label={t('lt.assigneeUnit')} rules={[{ required: true, message: t('lt.required') }]}>
                  <Select showSearch={{ optionFilterProp: 'label' }} options={unitOptions} onChange={() => f.form.setFieldValue(['instructions', field.name, 'assigneeUserId'], undefined)} />
                </Form.Item>
                <Form.Item name={[field.name, 'assigneeUserId']} label={t('lt.assigneeUser')}>
                  <AssigneeUserSelect sessionId={session.id} unitId={rows[field.name]?.assigneeUnitId} />
                </Form.Item>
                <Form.Item name={[field.name, 'dueOn']} label={t('lt.dueOn')} rules={[{ required: true, message: t('lt.required') }]}>
                  <Input type="date" />
                </Form.Item>
                {visitOptions.length > 0 && (
                  <Form.Item name={[field.name, 'visitId']} label={t('lt.visitRef')}>
                    <Select allowClear options={visitOptions} />
                  </Form.Item>
                )}
                {caseOptions.length > 0 && (
                  <Form.Item name={[field.name, 'caseId']} label={t('lt.caseRef')}>
                    <Select allowClear options={caseOptions} />
                  </Form.Item>
                )}
                <Button onClick={() => remove(field.name)} aria-label={`${t('lt.remove')} ${t('lt.instructionN', { n: i + 1 })}`}>
                  {t('lt.remove')}
                </Button>
              </fieldset>
            ))}
            <Button onClick={() => add(blank())} style={{ marginBottom: 12 }} data-testid="lt-instruction-add">
              {t('lt.addInstruction')}
            </Button>
          </>
        )}
      </Form.List>
      <div>
        <Button type="primary" htmlType="submit" loading={f.submitting} data-testid="lt-conclusion-submit">
          {t('lt.issueConclusion')}
        </Button>
      </div>
    </Form>
  );
}

/** Staff of the chosen unit (GET /receptions/sessions/:id/assignable-users); a Form.Item child. */
function AssigneeUserSelect({ sessionId, unitId, value, onChange, id }: { sessionId: string; unitId?: string; value?: string; onChange?: (v: string | undefined) => void; id?: string }) {
  const { t } = useTranslation();
  const staff = useApi<{ items: { id: string; fullName: string; title: string | null; role: string }[] }>(unitId ? `/receptions/sessions/${sessionId}/assignable-users` : null, unitId ? { unitId } : undefined);
  const options = useMemo(() => {
    const seen = new Map<string, { value: string; label: string }>();
    for (const u of staff.data?.items ?? []) if (!seen.has(u.id)) seen.set(u.id, { value: u.id, label: `${u.fullName}${u.title ? ` – ${u.title}` : ''} (${t(`lt.asgRole.${u.role}`)})` });
    return [...seen.values()];
  }, [staff.data, t]);
  return <Select id={id} allowClear showSearch={{ optionFilterProp: 'label' }} loading={staff.loading} value={value} onChange={(v) => onChange?.(v)} options={options} disabled={!unitId} />;
}

