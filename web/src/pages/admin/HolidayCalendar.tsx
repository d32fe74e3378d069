import { useState } from 'react';
import { Alert, App, Button, DatePicker, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import { CheckOutlined, EditOutlined, PlusOutlined, ThunderboltOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api';
import { ErrorBox } from '../../components/ErrorBox';
import { ScrollRegion } from '../../components/ScrollRegion';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { useApiForm } from '../../lib/apiForm';
import { formatDate, formatDateTime } from '../../lib/format';
import { useApi } from '../../lib/useApi';
import { usePageTitle } from '../../lib/usePageTitle';

export const SPECIAL_DAY_KINDS = ['holiday', 'compensatory_off', 'bridge_off', 'make_up_workday', 'unit_closure'] as const;

interface SpecialDay {
  id: string | null;
  date: string;
  kind: string;
  name: string;
  scope: string;
  sessions: { start: string; end: string }[] | null;
  legalBasis: string;
  source: string;
  status: string;
  evidence: string | null;
  version: number | null;
}

interface DaysAnswer {
  year: number;
  office: string;
  source: 'table' | 'rule';
  days: SpecialDay[];
}

interface Impact {
  kind: string;
  id: string;
  code: string | null;
  oldDue: string;
  newDue: string;
  appliedDue: string;
}

interface DayValues {
  version?: number;
  date: string;
  kind: string;
  name: string;
  legalBasis: string;
  status: 'proposed' | 'confirmed';
  reason?: string;
}

const dateProps = {
  getValueProps: (v: string | null | undefined) => ({ value: v ? dayjs(v) : null }),
  normalize: (d: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : null),
};

/** /quan-tri/lich-nghi — the year's holidays, compensatory and swapped days; which dossiers a change moves. */
export default function HolidayCalendar() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('calendar.title'));
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('nam')) || new Date().getFullYear();
  const days = useApi<DaysAnswer>('/calendar/days', { year });
  const [editing, setEditing] = useState<SpecialDay | 'new' | null>(null);
  const [impact, setImpact] = useState<{ title: string; items: Impact[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<ApiError | null>(null);
  const lang = i18n.language;

  const setYear = (y: number | null) => {
    if (!y) return;
    const next = new URLSearchParams(params);
    next.set('nam', String(y));
    setParams(next, { replace: true });
  };

  const act = async (fn: () => Promise<void>) => {
    setBusy(true);
    setActionError(null);
    try {
      await fn();
    } catch (e) {
      if (e instanceof ApiError && !e.redirected) setActionError(e);
    } finally {
      setBusy(false);
    }
  };

  const generate = () =>
    act(async () => {
      const r = await api<{ created: number; recomputed: Impact[] }>(`/calendar/years/${year}/generate`, { method: 'POST', body: {} });
      message.success(t('calendar.generated', { n: r.created }));
      if (r.recomputed.length) setImpact({ title: t('calendar.recomputedTitle'), items: r.recomputed });
      days.reload();
    });

  const confirm = (d: SpecialDay) =>
    act(async () => {
      const r = await api<{ recomputed: Impact[] }>(`/calendar/days/${d.id}`, { method: 'PATCH', body: { version: d.version, status: 'confirmed' } });
      message.success(t('calendar.confirmedMsg', { name: d.name }));
      if (r.recomputed.length) setImpact({ title: t('calendar.recomputedTitle'), items: r.recomputed });
      days.reload();
    });

  const previewRemoval = (d: SpecialDay) =>
    act(async () => {
      const r = await api<{ affected: number; items: Impact[] }>('/calendar/preview', { method: 'POST', body: { removeId: d.id } });
      setImpact({ title: t('calendar.previewRemoveTitle', { name: d.name }), items: r.items });
    });

  const remove = (d: SpecialDay, reason: string) =>
    act(async () => {
      const r = await api<{ recomputed: Impact[] }>(`/calendar/days/${d.id}`, { method: 'DELETE', query: { version: d.version ?? undefined, reason } });
      message.success(t('calendar.removedMsg', { name: d.name }));
      if (r.recomputed.length) setImpact({ title: t('calendar.recomputedTitle'), items: r.recomputed });
      days.reload();
    });

  const weekday = (date: string) => dayjs(date).locale(lang === 'en' ? 'en' : 'vi').format('dddd');
  const columns: TableColumnsType<SpecialDay> = [
    {
      title: t('calendar.date'),
      dataIndex: 'date',
      width: 150,
      render: (d: string) => (
        <>
          <strong>{formatDate(d)}</strong>
          <div className="muted">{weekday(d)}</div>
        </>
      ),
    },
    { title: t('calendar.kind'), dataIndex: 'kind', width: 170, render: (k: string) => <Tag color={k === 'make_up_workday' ? 'green' : 'red'}>{t(`dayKinds.${k}`, { defaultValue: k })}</Tag> },
    { title: t('calendar.name'), dataIndex: 'name' },
    { title: t('calendar.legalBasis'), dataIndex: 'legalBasis', responsive: ['lg'] },
    {
      title: t('calendar.status'),
      dataIndex: 'status',
      width: 150,
      render: (s: string, d) => (
        <>
          <Tag color={s === 'confirmed' ? 'green' : 'gold'}>{t(`dayStatus.${s}`, { defaultValue: s })}</Tag>
          {d.source === 'rule' && !d.id && <div className="muted">{t('calendar.byRule')}</div>}
        </>
      ),
    },
    {
      title: <span className="visually-hidden">{t('common.actions')}</span>,
      key: 'actions',
      width: 230,
      render: (_: unknown, d) =>
        d.id ? (
          <Space wrap size={4}>
            {d.status !== 'confirmed' && (
              <Button size="small" icon={<CheckOutlined />} onClick={() => void confirm(d)} disabled={busy} aria-label={t('calendar.confirmDay', { name: d.name })}>
                {t('calendar.confirm')}
              </Button>
            )}
            <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(d)} aria-label={t('calendar.editDay', { name: d.name })}>
              {t('common.edit')}
            </Button>
            <RemoveButton day={d} onPreview={() => void previewRemoval(d)} onRemove={(reason) => void remove(d, reason)} disabled={busy} />
          </Space>
        ) : null,
    },
  ];

  return (
    <>
      <div className="page-head">
        <h1>{t('calendar.title')}</h1>
        <Space wrap>
          <label htmlFor="calendar-year" className="muted">
            {t('calendar.year')}
          </label>
          <InputNumber id="calendar-year" min={1900} max={2199} value={year} onChange={(v) => setYear(typeof v === 'number' ? v : null)} style={{ width: 110 }} />
          <Button icon={<ThunderboltOutlined />} onClick={() => void generate()} loading={busy} data-testid="generate-year">
            {t('calendar.generate', { year })}
          </Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('calendar.add')}
          </Button>
        </Space>
      </div>
      <p className="muted">{t('calendar.intro')}</p>
      {days.data?.source === 'rule' && <Alert type="info" showIcon className="form-error" title={t('calendar.ruleNotice', { year })} />}
      {actionError && <ErrorBox error={actionError} />}
      {days.error && <ErrorBox error={days.error} onRetry={days.reload} />}
      <Table<SpecialDay>
        rowKey={(d) => d.id ?? `${d.date}:${d.scope}`}
        size="middle"
        loading={days.loading}
        columns={columns}
        dataSource={days.data?.days ?? []}
        pagination={false}
        locale={{ emptyText: t('common.noData') }}
      />
      {editing && (
        <DayModal
          day={editing === 'new' ? null : editing}
          year={year}
          onClose={() => setEditing(null)}
          onSaved={(items) => {
            setEditing(null);
            message.success(t('calendar.savedMsg'));
            if (items.length) setImpact({ title: t('calendar.recomputedTitle'), items });
            days.reload();
          }}
        />
      )}
      <Modal open={!!impact} title={impact?.title} onCancel={() => setImpact(null)} footer={<Button onClick={() => setImpact(null)}>{t('common.close')}</Button>} width={720}>
        {impact && <ImpactTable items={impact.items} lang={lang} />}
      </Modal>
    </>
  );
}

function RemoveButton({ day, onPreview, onRemove, disabled }: { day: SpecialDay; onPreview: () => void; onRemove: (reason: string) => void; disabled: boolean }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  return (
    <Popconfirm
      title={t('calendar.removeTitle', { name: day.name })}
      description={
        <div style={{ maxWidth: 280 }}>
          <label htmlFor={`reason-${day.id}`}>{t('calendar.reason')}</label>
          <Input id={`reason-${day.id}`} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
          <button type="button" className="link-button" onClick={onPreview} style={{ marginTop: 6 }}>
            {t('calendar.previewImpact')}
          </button>
        </div>
      }
      okText={t('calendar.remove')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: true, disabled: reason.trim().length < 3 }}
      onConfirm={() => onRemove(reason.trim())}
    >
      <Button size="small" danger disabled={disabled} aria-label={t('calendar.removeDay', { name: day.name })}>
        {t('calendar.remove')}
      </Button>
    </Popconfirm>
  );
}

export function ImpactTable({ items, lang }: { items: Impact[]; lang: string }) {
  const { t } = useTranslation();
  if (!items.length) return <p data-testid="impact-none">{t('calendar.noImpact')}</p>;
  return (
    <ScrollRegion label={t('calendar.previewTitle')}>
      <p>{t('calendar.impactCount', { n: items.length })}</p>
      <table className="data-table" data-testid="impact-table">
        <thead>
          <tr>
            <th scope="col">{t('calendar.record')}</th>
            <th scope="col">{t('calendar.oldDue')}</th>
            <th scope="col">{t('calendar.newDue')}</th>
            <th scope="col">{t('calendar.appliedDue')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((i) => (
            <tr key={`${i.kind}:${i.id}`}>
              <td>
                {t(`recordKinds.${i.kind}`, { defaultValue: i.kind })} {i.code ?? ''}
              </td>
              <td>{formatDateTime(i.oldDue, lang)}</td>
              <td>{formatDateTime(i.newDue, lang)}</td>
              <td>{formatDateTime(i.appliedDue, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

function DayModal({ day, year, onClose, onSaved }: { day: SpecialDay | null; year: number; onClose: () => void; onSaved: (impact: Impact[]) => void }) {
  const { t, i18n } = useTranslation();
  const f = useApiForm<DayValues>({ draftKey: day ? `calendar-day:${day.id}` : 'calendar-day:new' });
  const [preview, setPreview] = useState<Impact[] | null>(null);
  const [previewing, setPreviewing] = useState(false);

  const body = (v: DayValues) => ({
    date: v.date,
    kind: v.kind,
    name: v.name.trim(),
    legalBasis: v.legalBasis.trim(),
    status: v.status,
  });

  const runPreview = async () => {
    try {
      const v = await f.form.validateFields();
      setPreviewing(true);
      f.clearErrors();
      // An edit is previewed as "the new day instead of the old one".
      const r = await api<{ items: Impact[] }>('/calendar/preview', {
        method: 'POST',
        body: day ? { add: { ...body(v), date: day.date }, removeId: day.id ?? undefined } : { add: body(v) },
      });
      setPreview(r.items);
    } catch (e) {
      if (e instanceof ApiError && !e.redirected) f.showError(e);
    } finally {
      setPreviewing(false);
    }
  };

  const onFinish = f.run(async (v) => {
    if (day) {
      const r = await api<{ recomputed: Impact[] }>(`/calendar/days/${day.id}`, {
        method: 'PATCH',
        body: { version: v.version ?? day.version, kind: v.kind, name: v.name.trim(), legalBasis: v.legalBasis.trim(), status: v.status, reason: v.reason?.trim() || undefined },
      });
      onSaved(r.recomputed);
    } else {
      const r = await api<{ recomputed: Impact[] }>('/calendar/days', { method: 'POST', body: { ...body(v), reason: v.reason?.trim() || undefined } });
      onSaved(r.recomputed);
    }
  });

  const defaults: Partial<DayValues> = day
    ? { version: day.version ?? undefined, date: day.date, kind: day.kind, name: day.name, legalBasis: day.legalBasis, status: day.status === 'confirmed' ? 'confirmed' : 'proposed' }
    : { date: `${year}-01-01`, kind: 'holiday', status: 'proposed' };

  return (
    <Modal
      open
      title={day ? t('calendar.editTitle', { name: day.name }) : t('calendar.add')}
      onCancel={onClose}
      width={640}
      footer={
        <Space wrap>
          <Button onClick={() => void runPreview()} loading={previewing} data-testid="preview-day">
            {t('calendar.previewImpact')}
          </Button>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={f.submitting} onClick={() => f.form.submit()} data-testid="save-day">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <FormErrorAlert state={f.state} />
      <Form form={f.form} name="special-day" layout="vertical" initialValues={f.initialValues(defaults)} onValuesChange={f.onValuesChange} onFinish={onFinish}>
        <Form.Item name="version" hidden>
          <Input type="hidden" />
        </Form.Item>
        <Space wrap size="middle" align="start" style={{ display: 'flex' }}>
          <Form.Item label={t('calendar.date')} name="date" rules={[{ required: true, message: t('validation.required') }]} {...dateProps}>
            <DatePicker format="DD/MM/YYYY" disabled={!!day} />
          </Form.Item>
          <Form.Item label={t('calendar.kind')} name="kind" rules={[{ required: true, message: t('validation.required') }]} style={{ minWidth: 240 }}>
            <Select options={SPECIAL_DAY_KINDS.map((k) => ({ value: k, label: t(`dayKinds.${k}`) }))} />
          </Form.Item>
        </Space>
        <Form.Item label={t('calendar.name')} name="name" rules={[{ required: true, whitespace: true, message: t('validation.required') }, { min: 2, message: t('validation.min', { n: 2 }) }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item label={t('calendar.legalBasis')} name="legalBasis" extra={t('calendar.legalBasisHint')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { min: 3, message: t('validation.min', { n: 3 }) }]}>
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item label={t('calendar.status')} name="status">
          <Select
            options={[
              { value: 'proposed', label: t('dayStatus.proposed') },
              { value: 'confirmed', label: t('dayStatus.confirmed') },
            ]}
          />
        </Form.Item>
        <Form.Item label={t('calendar.reason')} name="reason">
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
      </Form>
      {preview && (
        <section aria-live="polite">
          <h2 style={{ fontSize: 16 }}>{t('calendar.previewTitle')}</h2>
          <ImpactTable items={preview} lang={i18n.language} />
        </section>
      )}
    </Modal>
  );
}
