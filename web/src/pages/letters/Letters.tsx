import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Checkbox, Descriptions, Form, Input, Select, Space, Table } from 'antd';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api, type Unit } from '../../api';
import { ErrorBox } from '../../components/ErrorBox';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { Loading } from '../../components/Status';
import { useApiForm } from '../../lib/apiForm';
import { useApi } from '../../lib/useApi';
import { usePageTitle } from '../../lib/usePageTitle';
import { useSession } from '../../session';
import { FormLinks } from './FormPrint';
import { FilesCard } from './FilesCard';
import { ActionPanel, Events, RevealPanel, SimpleTable, StatusTag, When, lbl, type Allowed, type EventRow, type FieldSpec, type Label } from './common';

export interface LetterRow {
  id: string;
  code: string;
  unitName: string | null;
  receivedAt: string;
  senderName: string | null;
  contentType: string;
  contentTypeLabel: Label;
  sourceLabel: Label;
  summary: string;
  status: string;
  statusLabel: Label;
  dueAt: string | null;
  overdue: boolean;
  protected: boolean;
}

interface LetterDetailData extends LetterRow {
  version: number;
  senderIdNo: string | null;
  senderAddress: string | null;
  respondentName: string | null;
  protectedLabel: string | null;
  classification: { eligibility: string; competence: string | null; competentBody: string | null; ineligibleReasons: (Label & { code: string })[] } | null;
  duplicates: { letterId: string; code: string; unitName: string; status: string; statusLabel: Label | null; outcome: string | null; similarity: number; samePerson: boolean; caseCode: string | null }[];
  suggestion: { action: string; label: Label; reason?: string; reasonLabel: Label | null } | null;
  allowedActions: Allowed[];
  case: { id: string; code: string; statusLabel: Label } | null;
  transfer: { to: string; docNo: string | null } | null;
  archiveReason: (Label & { code: string }) | null;
  parts: { id: string; code: string; contentType: string; status: string }[];
  events: EventRow[];
}

const CONTENT = ['complaint', 'denunciation', 'petition', 'feedback', 'mixed'];
const PART_CONTENT = ['complaint', 'denunciation', 'petition', 'feedback'];
const SOURCES = ['post', 'direct_drop', 'online', 'forwarded'];
const CHECKS = ['vietnamese', 'dated', 'named', 'addressed', 'signed', 'namesRespondent', 'statesContent', 'statesReasons', 'statesRequest', 'namesViolation'];
const ARCHIVE = ['not_eligible', 'duplicate', 'already_guided', 'already_transferred', 'sent_to_many_incl_competent', 'anonymous', 'withdrawn', 'no_further_step', 'other'];

const PATHS: Record<string, string> = {
  classify: 'classify',
  propose_accept: 'propose-accept',
  decline_proposal: 'decline-proposal',
  open_case: 'open-case',
  transfer: 'transfer',
  remind: 'remind',
  record_reply: 'record-reply',
  guide: 'guide',
  return_originals: 'return-originals',
  archive: 'archive',
  escalate: 'escalate',
  close: 'close',
};

/** Units where the user may log letters or receive visitors (reception officers and leaders). */
export function useMyUnits(roles: string[]) {
  const { user } = useSession();
  const units = useApi<Unit[]>('/units');
  return useMemo(() => {
    const ids = new Set((user?.roles ?? []).filter((r) => roles.includes(r.role) && r.unitId).map((r) => r.unitId as string));
    return (units.data ?? []).filter((u) => ids.has(u.id));
  }, [user, units.data, roles]);
}

/** /can-bo/don-thu — letters in the user's scope, with filters, and the intake form. */
export default function Letters() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('lt.lettersTitle'));
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const status = params.get('status') ?? '';
  const contentType = params.get('contentType') ?? '';
  const overdue = params.get('overdue') === 'true';
  const page = Number(params.get('page') ?? '1') || 1;
  const [text, setText] = useState(q);
  const [adding, setAdding] = useState(false);
  const list = useApi<{ total: number; items: LetterRow[] }>('/letters', { q, status, contentType, overdue: overdue || undefined, limit: 20, offset: (page - 1) * 20 });
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
        <h1>{t('lt.lettersTitle')}</h1>
        <Space>
          <Button type="primary" onClick={() => setAdding((x) => !x)} data-testid="lt-new-letter">
            {t('lt.newLetter')}
          </Button>
          <a href={`/api/v1/letters/export.xlsx?${new URLSearchParams({ ...(q ? { q } : {}), ...(status ? { status } : {}) })}`}>{t('lt.excel')}</a>
          <Link to="/can-bo/don-thu/bao-cao">{t('lt.menuReport')}</Link>
        </Space>
      </div>
      {adding && <LetterIntake />}
      <form
        className="toolbar"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          set('q', text.trim());
        }}
      >
        <label htmlFor="lt-q" className="visually-hidden">
          {t('lt.search')}
        </label>
        <Input id="lt-q" value={text} onChange={(e) => setText(e.target.value)} placeholder={t('lt.searchPlaceholder')} style={{ maxWidth: 260 }} />
        <Select aria-label={t('lt.contentType')} value={contentType} onChange={(v) => set('contentType', v)} style={{ minWidth: 160 }} options={[{ value: '', label: t('lt.contentType') }, ...CONTENT.map((c) => ({ value: c, label: t(`lt.opt.${c}`) }))]} />
        <Checkbox checked={overdue} onChange={(e) => set('overdue', e.target.checked ? 'true' : '')}>
          {t('lt.overdueOnly')}
        </Checkbox>
        <Button htmlType="submit">{t('lt.search')}</Button>
      </form>
      {list.error && <ErrorBox error={list.error} onRetry={list.reload} />}
      <p aria-live="polite">{t('lt.total', { n: list.data?.total ?? 0 })}</p>
      <Table
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: true }}
        data-testid="lt-letters"
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: (p) => set('page', String(p)), showSizeChanger: false }}
        columns={[
          { title: t('lt.code'), dataIndex: 'code', render: (v: string, r: LetterRow) => <Link to={`/can-bo/don-thu/${r.id}`}>{v}</Link> },
          { title: t('lt.receivedAt'), dataIndex: 'receivedAt', render: (v: string) => <When at={v} /> },
          { title: t('lt.sender'), dataIndex: 'senderName' },
          { title: t('lt.contentType'), dataIndex: 'contentTypeLabel', render: (v: Label) => lbl(v, i18n.language) },
          { title: t('lt.summary'), dataIndex: 'summary' },
          { title: t('lt.status'), dataIndex: 'statusLabel', render: (v: Label, r: LetterRow) => <StatusTag label={v} overdue={r.overdue} /> },
          { title: t('lt.dueAt'), dataIndex: 'dueAt', render: (v: string) => <When at={v} /> },
        ]}
      />
    </>
  );
}

function LetterIntake() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const units = useMyUnits(['reception_officer', 'leader']);
  const f = useApiForm<Record<string, any>>({ draftKey: 'letters.intake' });
  const form = f.form;
  const source = Form.useWatch('source', form);
  const anonymous = Form.useWatch('anonymous', form);
  useEffect(() => {
    if (units.length === 1 && !form.getFieldValue('unitId')) form.setFieldValue('unitId', units[0].id);
  }, [units, form]);
  const onFinish = f.run(async (v) => {
    const body: Record<string, unknown> = { unitId: v.unitId, source: v.source, contentType: v.contentType, summary: v.summary?.trim() };
    if (v.anonymous) body.anonymous = true;
    else body.sender = Object.fromEntries(Object.entries({ name: v.senderName, idNo: v.idNo, address: v.address, phone: v.phone }).filter(([, x]) => x));
    if (v.respondentName) body.respondent = { name: v.respondentName };
    if (v.source === 'forwarded') body.forwarder = { name: v.forwarderName };
    const d = await api<{ id: string }>('/letters', { method: 'POST', body, idempotencyKey: f.idempotencyKey() });
    navigate(`/can-bo/don-thu/${d.id}`);
  });
  return (
    <section className="card" aria-labelledby="lt-intake-h" style={{ marginBottom: 20 }}>
      <h2 id="lt-intake-h" style={{ marginTop: 0, fontSize: 18 }}>
        {t('lt.newLetter')}
      </h2>
      <Form form={form} name="lt-intake" layout="vertical" onFinish={onFinish} initialValues={f.initialValues({ source: 'post', contentType: 'complaint' })} onValuesChange={f.onValuesChange} style={{ maxWidth: 720 }}>
        <FormErrorAlert state={f.state} />
        <Form.Item name="unitId" label={t('lt.unit')} rules={[{ required: true, message: t('lt.required') }]}>
          <Select options={units.map((u) => ({ value: u.id, label: u.name }))} placeholder={t('lt.chooseUnit')} />
        </Form.Item>
        <Form.Item name="source" label={t('lt.source')} rules={[{ required: true, message: t('lt.required') }]}>
          <Select options={SOURCES.map((s) => ({ value: s, label: t(`lt.opt.${s}`) }))} />
        </Form.Item>
        {source === 'forwarded' && (
          <Form.Item name="forwarderName" label={t('lt.forwarderName')} rules={[{ required: true, message: t('lt.required') }]}>
            <Input maxLength={300} />
          </Form.Item>
        )}
        <Form.Item name="anonymous" valuePropName="checked">
          <Checkbox>{t('lt.anonymous')}</Checkbox>
        </Form.Item>
        {!anonymous && (
          <>
            <Form.Item name="senderName" label={t('lt.visitorName')}>
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
          </>
        )}
        <Form.Item name="contentType" label={t('lt.contentType')} rules={[{ required: true, message: t('lt.required') }]}>
          <Select options={CONTENT.map((c) => ({ value: c, label: t(`lt.opt.${c}`) }))} />
        </Form.Item>
        <Form.Item name="respondentName" label={t('lt.respondentName')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="summary" label={t('lt.letterSummary')} rules={[{ required: true, message: t('lt.required') }]}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={f.submitting} data-testid="lt-intake-submit">
          {t('lt.create')}
        </Button>
      </Form>
    </section>
  );
}

const SPECS: Record<string, FieldSpec[]> = {
  classify: [
    { name: 'contentType', kind: 'select', options: CONTENT },
    { name: 'formChecks', kind: 'checks', options: CHECKS, optionLabel: undefined },
    { name: 'competence', kind: 'radio', options: ['own', 'not_own'], required: true },
    { name: 'competentBody', kind: 'text' },
    { name: 'competentSystem', kind: 'select', options: ['administration', 'elected', 'judicial', 'party', 'public_service', 'state_enterprise'], required: true, initial: 'administration' },
    { name: 'sentToManyInclCompetent', kind: 'bool' },
  ],
  propose_accept: [{ name: 'proposal', kind: 'textarea' }],
  decline_proposal: [{ name: 'reason', kind: 'textarea', required: true }],
  open_case: [{ name: 'acceptanceDocNo', kind: 'text', required: true }],
  transfer: [
    { name: 'to', kind: 'text', required: true },
    { name: 'docNo', kind: 'text' },
  ],
  remind: [{ name: 'docNo', kind: 'text' }],
  record_reply: [{ name: 'summary', kind: 'textarea', required: true }],
  guide: [
    { name: 'guidedTo', kind: 'text', required: true },
    { name: 'docNo', kind: 'text' },
  ],
  return_originals: [{ name: 'note', kind: 'textarea' }],
  archive: [
    { name: 'reason', kind: 'select', options: ARCHIVE, required: true },
    { name: 'note', kind: 'textarea' },
  ],
  escalate: [{ name: 'reason', kind: 'textarea', required: true }],
  close: [],
};

/** /can-bo/don-thu/:id — one letter: facts, duplicates, suggested outcome, allowed actions, history. */
export function LetterDetail() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const item = useApi<LetterDetailData>(`/letters/${id}`);
  const [fresh, setFresh] = useState<LetterDetailData | null>(null);
  useEffect(() => setFresh(null), [item.data]);
  const d = fresh ?? item.data;
  usePageTitle(d?.code ?? t('lt.lettersTitle'));
  if (item.error) return <ErrorBox error={item.error} onRetry={item.reload} />;
  if (!d) return <Loading />;
  const specs = {
    ...SPECS,
    classify: SPECS.classify.map((s) => (s.name === 'formChecks' ? { ...s, optionLabel: (v: string) => t(`lt.check.${v}`) } : s.name === 'contentType' ? { ...s, initial: d.contentType } : s)),
    archive: SPECS.archive.map((s) => (s.name === 'reason' ? { ...s, optionLabel: (v: string) => t(`lt.archive.${v}`) } : s)),
  };
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Link to="/can-bo/don-thu">{t('lt.back')}</Link>
      </Space>
      <h1 data-testid="lt-letter-code">{d.code}</h1>
      <Descriptions bordered column={1} size="small" data-testid="lt-letter">
        <Descriptions.Item label={t('lt.status')}>
          <span data-testid="lt-letter-status">
            <StatusTag label={d.statusLabel} overdue={d.overdue} />
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('lt.unit')}>{d.unitName}</Descriptions.Item>
        <Descriptions.Item label={t('lt.receivedAt')}>
          <When at={d.receivedAt} />
        </Descriptions.Item>
        <Descriptions.Item label={t('lt.sender')}>
          <span data-testid="lt-sender">{d.protected ? d.protectedLabel : (d.senderName ?? '—')}</span>
        </Descriptions.Item>
        {!d.protected && d.senderIdNo && <Descriptions.Item label={t('lt.idNo')}>{d.senderIdNo}</Descriptions.Item>}
        <Descriptions.Item label={t('lt.contentType')}>{lbl(d.contentTypeLabel, i18n.language)}</Descriptions.Item>
        <Descriptions.Item label={t('lt.summary')}>
          <span data-testid="lt-summary">{d.summary}</span>
        </Descriptions.Item>
        {d.respondentName && <Descriptions.Item label={t('lt.respondent')}>{d.respondentName}</Descriptions.Item>}
        <Descriptions.Item label={t('lt.dueAt')}>
          <When at={d.dueAt} />
        </Descriptions.Item>
        {d.classification && (
          <Descriptions.Item label={t('lt.classification')}>
            {t(`lt.eligibility.${d.classification.eligibility}`)} · {d.classification.competence ? t(`lt.opt.${d.classification.competence}`) : ''}
            {d.classification.competentBody ? ` · ${d.classification.competentBody}` : ''}
            {d.classification.ineligibleReasons.length > 0 && ` · ${d.classification.ineligibleReasons.map((r) => lbl(r, i18n.language)).join('; ')}`}
          </Descriptions.Item>
        )}
        {d.transfer && <Descriptions.Item label={t('lt.f.to')}>{d.transfer.to}</Descriptions.Item>}
        {d.archiveReason && (
          <Descriptions.Item label={t('lt.archiveReason')}>
            <span data-testid="lt-archive-reason">{i18n.exists(`lt.archive.${d.archiveReason.code}`) ? t(`lt.archive.${d.archiveReason.code}`) : lbl(d.archiveReason, i18n.language)}</span>
          </Descriptions.Item>
        )}
        {d.parts.length > 0 && (
          <Descriptions.Item label={t('lt.splitParts')}>
            <ul className="plain-list" data-testid="lt-parts">
              {d.parts.map((p) => (
                <li key={p.id}>
                  <Link to={`/can-bo/don-thu/${p.id}`}>{p.code}</Link> ({t(`lt.opt.${p.contentType}`)})
                </li>
              ))}
            </ul>
          </Descriptions.Item>
        )}
        {d.case && (
          <Descriptions.Item label={t('lt.case')}>
            <Link to={`/can-bo/vu-viec/${d.case.id}`} data-testid="lt-case-link">
              {d.case.code}
            </Link>{' '}
            ({lbl(d.case.statusLabel, i18n.language)})
          </Descriptions.Item>
        )}
      </Descriptions>
      {d.suggestion && (
        <Alert style={{ marginTop: 16 }} type="info" showIcon title={`${t('lt.suggestion')}: ${lbl(d.suggestion.label, i18n.language)}${d.suggestion.reasonLabel ? ` (${lbl(d.suggestion.reasonLabel, i18n.language)})` : ''}`} data-testid="lt-suggestion" />
      )}
      <section aria-labelledby="lt-dups-h" className="card" style={{ marginTop: 20 }}>
        <h2 id="lt-dups-h" style={{ marginTop: 0, fontSize: 18 }}>
          {t('lt.duplicates')}
        </h2>
        {d.duplicates.length === 0 ? (
          <p>{t('lt.noDuplicates')}</p>
        ) : (
          <SimpleTable
            testId="lt-duplicates"
            rows={d.duplicates.map((x) => ({ ...x, id: x.letterId }))}
            columns={[
              { title: t('lt.code'), dataIndex: 'code', render: (v: string, r: any) => <Link to={`/can-bo/don-thu/${r.letterId}`}>{v}</Link> },
              { title: t('lt.unit'), dataIndex: 'unitName' },
              { title: t('lt.status'), dataIndex: 'statusLabel', render: (v: Label | null) => lbl(v, i18n.language) },
              { title: t('lt.case'), dataIndex: 'caseCode' },
              { title: t('lt.similarity'), dataIndex: 'similarity', render: (v: number) => `${Math.round(v * 100)} %` },
              { title: t('lt.samePerson'), dataIndex: 'samePerson', render: (v: boolean) => (v ? '✓' : '') },
            ]}
          />
        )}
      </section>
      <ActionPanel base={`/letters/${d.id}`} item={d} specs={specs} paths={PATHS} onDone={setFresh} prefix="lt" />
      {d.allowedActions.some((a) => a.action === 'split') && <SplitPanel letter={d} onDone={setFresh} />}
      <FilesCard key={d.id} base={`/letters/${d.id}`} kind="letter" onUploaded={item.reload} />
      <FormLinks entity="letter" id={d.id} events={d.events} />
      {d.protected && <RevealPanel url={`/letters/${d.id}/denouncer`} />}
      <Events events={d.events} />
    </>
  );
}

/** Split a letter with mixed content into one letter per content (POST /letters/:id/split, 2–10 parts). */
function SplitPanel({ letter, onDone }: { letter: LetterDetailData; onDone: (d: LetterDetailData) => void }) {
  const { t } = useTranslation();
  const f = useApiForm<{ parts: { contentType: string; summary: string; respondentName?: string }[] }>();
  const onFinish = f.run(async (v) => {
    const parts = v.parts.map((p) => ({
      contentType: p.contentType,
      summary: p.summary.trim(),
      ...(p.respondentName?.trim() ? { respondentName: p.respondentName.trim() } : {}),
    }));
    onDone(await api<LetterDetailData>(`/letters/${letter.id}/split`, { method: 'POST', body: { version: letter.version, parts } }));
  });
  const initial = { parts: [{ contentType: 'complaint', summary: '' }, { contentType: 'denunciation', summary: '' }] };
  return (
    <section aria-labelledby="lt-split-h" className="card" style={{ marginTop: 20 }} data-testid="lt-split">
      <h2 id="lt-split-h" style={{ marginTop: 0, fontSize: 18 }}>
        {t('lt.split')}
      </h2>
      <p>{t('lt.splitHelp')}</p>
      <Form form={f.form} name="lt-split" layout="vertical" onFinish={onFinish} initialValues={initial} style={{ maxWidth: 720 }}>
        <FormErrorAlert state={f.state} />
        <Form.List name="parts">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, i) => (
                <fieldset key={field.key} className="card" style={{ marginBottom: 12 }} data-testid={`lt-split-part-${i}`}>
                  <legend style={{ fontWeight: 600 }}>{t('lt.part', { n: i + 1 })}</legend>
                  <Form.Item name={[field.name, 'contentType']} label={t('lt.contentType')} rules={[{ required: true, message: t('lt.required') }]}>
                    <Select options={PART_CONTENT.map((c) => ({ value: c, label: t(`lt.opt.${c}`) }))} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'summary']} label={t('lt.f.partSummary')} rules={[{ required: true, message: t('lt.required') }]}>
                    <Input.TextArea rows={2} maxLength={4000} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'respondentName']} label={t('lt.respondentName')}>
                    <Input maxLength={200} />
                  </Form.Item>
                  {fields.length > 2 && (
                    <Button onClick={() => remove(field.name)} aria-label={`${t('lt.remove')} ${t('lt.part', { n: i + 1 })}`}>
                      {t('lt.remove')}
                    </Button>
                  )}
                </fieldset>
              ))}
              {fields.length < 10 && (
                <Button onClick={() => add({ contentType: 'petition', summary: '' })} style={{ marginBottom: 12 }} data-testid="lt-split-add">
                  {t('lt.addPart')}
                </Button>
              )}
            </>
          )}
        </Form.List>
        <div>
          <Button type="primary" htmlType="submit" loading={f.submitting} data-testid="lt-split-submit">
            {t('lt.splitSubmit')}
          </Button>
        </div>
      </Form>
    </section>
  );
}
