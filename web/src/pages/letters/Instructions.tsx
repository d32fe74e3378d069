import { useMemo, useState } from 'react';
import { Button, Form, Input, Select, Table, Tag } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorBox } from '../../components/ErrorBox';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { useApiForm } from '../../lib/apiForm';
import { formatDate } from '../../lib/format';
import { useApi } from '../../lib/useApi';
import { usePageTitle } from '../../lib/usePageTitle';
import { InstructionStatus, SimpleTable, When } from './common';

interface InstructionRow {
  id: string;
  noticeNo: string;
  instruction: string;
  assigneeUnitId: string;
  assigneeUnitName: string;
  dueOn: string;
  status: 'pending' | 'done';
  overdue: boolean;
  doneAt: string | null;
  version: number;
}
interface ComplianceRow {
  unitId: string;
  unitName: string;
  period: 'week' | 'month';
  from: string;
  to: string;
  required: number;
  held: number;
  scheduled: number;
  met: boolean;
  warning: boolean;
  daysLeft: number;
  legalBasis: string;
}

const STATUSES = ['pending', 'overdue', 'done'] as const;
const doneOnTime = (r: InstructionRow) => r.status === 'done' && !!r.doneAt && r.doneAt.slice(0, 10) <= r.dueOn;

/**
 * /can-bo/tiep-cong-dan/chi-dao — instructions of the leaders' conclusion notices given to units in
 * scope (report one as done), follow-up per unit, and the periodic-reception compliance of the heads.
 */
export default function Instructions() {
  const { t } = useTranslation();
  usePageTitle(t('lt.instructionsTitle'));
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? '';
  const [completing, setCompleting] = useState<string | null>(null);
  // One list (all statuses): the table filters it and the per-unit figures count all of it.
  const list = useApi<{ items: InstructionRow[] }>('/receptions/instructions');
  const comp = useApi<{ date: string; items: ComplianceRow[] }>('/receptions/compliance');
  const all = useMemo(() => list.data?.items ?? [], [list.data]);
  const shown = all.filter((r) => !status || (status === 'done' ? r.status === 'done' : status === 'overdue' ? r.status === 'pending' && r.overdue : r.status === 'pending' && !r.overdue));
  const byUnit = useMemo(() => {
    const m = new Map<string, { key: string; unitName: string; onTime: number; late: number; open: number; overdue: number }>();
    for (const r of all) {
      const e = m.get(r.assigneeUnitId) ?? { key: r.assigneeUnitId, unitName: r.assigneeUnitName, onTime: 0, late: 0, open: 0, overdue: 0 };
      if (r.status === 'done') {
        if (doneOnTime(r)) e.onTime++;
        else e.late++;
      } else if (r.overdue) e.overdue++;
      else e.open++;
      m.set(r.assigneeUnitId, e);
    }
    return [...m.values()];
  }, [all]);
  const setStatus = (v: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set('status', v);
    else next.delete('status');
    setParams(next);
  };
  return (
    <>
      <div className="page-head">
        <h1>{t('lt.instructionsTitle')}</h1>
        <Link to="/can-bo/tiep-cong-dan/buoi-tiep">{t('lt.menuSessions')}</Link>
      </div>
      <p>{t('lt.instructionsIntro')}</p>
      <div className="toolbar">
        <Select aria-label={t('lt.status')} value={status} onChange={setStatus} style={{ minWidth: 200 }} options={[{ value: '', label: t('lt.all') }, ...STATUSES.map((s) => ({ value: s, label: t(`lt.insStatus.${s}`) }))]} data-testid="lt-ins-status" />
      </div>
      {list.error && <ErrorBox error={list.error} onRetry={list.reload} />}
      <Table
        rowKey="id"
        loading={list.loading}
        dataSource={shown}
        scroll={{ x: true }}
        pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
        data-testid="lt-instructions"
        expandable={{
          expandedRowKeys: completing ? [completing] : [],
          showExpandColumn: false,
          expandedRowRender: (r: InstructionRow) => (
            <CompleteForm
              row={r}
              onCancel={() => setCompleting(null)}
              onDone={() => {
                setCompleting(null);
                list.reload();
              }}
            />
          ),
        }}
        columns={[
          { title: t('lt.noticeNo'), dataIndex: 'noticeNo' },
          { title: t('lt.instruction'), dataIndex: 'instruction' },
          { title: t('lt.assigneeUnit'), dataIndex: 'assigneeUnitName' },
          { title: t('lt.dueOn'), dataIndex: 'dueOn', render: (v: string) => formatDate(v) },
          { title: t('lt.status'), key: 'status', render: (_: unknown, r: InstructionRow) => <InstructionStatus status={r.status} overdue={r.overdue} /> },
          { title: t('lt.doneAt'), dataIndex: 'doneAt', render: (v: string | null) => <When at={v} /> },
          {
            title: t('lt.actions'),
            key: 'act',
            render: (_: unknown, r: InstructionRow) =>
              r.status === 'pending' ? (
                <Button size="small" onClick={() => setCompleting(r.id)} aria-expanded={completing === r.id} data-testid={`lt-ins-complete-${r.id}`}>
                  {t('lt.complete')}
                </Button>
              ) : null,
          },
        ]}
      />

      <section aria-labelledby="lt-byunit-h" className="card" style={{ marginTop: 20 }}>
        <h2 id="lt-byunit-h" style={{ marginTop: 0, fontSize: 18 }}>
          {t('lt.byUnit')}
        </h2>
        {byUnit.length === 0 ? (
          <p>{t('lt.none')}</p>
        ) : (
          <SimpleTable
            testId="lt-ins-by-unit"
            rows={byUnit}
            columns={[
              { title: t('lt.unit'), dataIndex: 'unitName' },
              { title: t('lt.onTime'), dataIndex: 'onTime' },
              { title: t('lt.late'), dataIndex: 'late' },
              { title: t('lt.openCount'), dataIndex: 'open' },
              { title: t('lt.overdueOpen'), dataIndex: 'overdue' },
            ]}
          />
        )}
      </section>

      <section aria-labelledby="lt-compliance-h" className="card" style={{ marginTop: 20 }}>
        <h2 id="lt-compliance-h" style={{ marginTop: 0, fontSize: 18 }}>
          {t('lt.complianceTitle')}
        </h2>
        <p>{t('lt.complianceIntro')}</p>
        {comp.error && <ErrorBox error={comp.error} onRetry={comp.reload} />}
        {comp.data && comp.data.items.length === 0 && <p>{t('lt.none')}</p>}
        {comp.data && comp.data.items.length > 0 && (
          <SimpleTable
            testId="lt-compliance"
            rows={comp.data.items.map((x) => ({ ...x, key: x.unitId }))}
            columns={[
              { title: t('lt.unit'), dataIndex: 'unitName' },
              { title: t('lt.period'), key: 'period', render: (_: unknown, r: ComplianceRow) => `${formatDate(r.from)} – ${formatDate(prevDay(r.to))}` },
              { title: t('lt.requiredCount'), dataIndex: 'required' },
              { title: t('lt.heldCount'), dataIndex: 'held' },
              { title: t('lt.scheduledCount'), dataIndex: 'scheduled' },
              {
                title: t('lt.status'),
                key: 'met',
                render: (_: unknown, r: ComplianceRow) => (
                  <span>
                    <Tag color={r.met ? 'green' : 'orange'}>{r.met ? t('lt.met') : t('lt.notMet')}</Tag>
                    {r.warning && <Tag color="red">{t('lt.warning')}</Tag>}
                  </span>
                ),
              },
              { title: t('lt.daysLeft'), dataIndex: 'daysLeft' },
              { title: t('lt.formLegal'), dataIndex: 'legalBasis' },
            ]}
          />
        )}
      </section>
    </>
  );
}

/** The period's `to` is exclusive; show its last day. */
function prevDay(d: string): string {
  return new Date(Date.parse(`${d}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

function CompleteForm({ row, onDone, onCancel }: { row: InstructionRow; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const f = useApiForm<{ note: string }>();
  const onFinish = f.run(async (v) => {
    await api(`/receptions/instructions/${row.id}/complete`, { method: 'POST', body: { version: row.version, note: v.note.trim() } });
    onDone();
  });
  return (
    <Form form={f.form} name={`lt-complete-${row.id}`} layout="vertical" onFinish={onFinish} style={{ maxWidth: 640 }}>
      <FormErrorAlert state={f.state} />
      <Form.Item name="note" label={t('lt.completeNote')} rules={[{ required: true, message: t('lt.required') }]}>
        <Input.TextArea rows={2} maxLength={2000} data-testid="lt-ins-note" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={f.submitting} data-testid="lt-ins-complete-submit" style={{ marginRight: 8 }}>
        {t('lt.complete')}
      </Button>
      <Button onClick={onCancel}>{t('lt.back')}</Button>
    </Form>
  );
}
