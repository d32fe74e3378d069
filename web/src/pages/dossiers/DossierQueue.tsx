import { useEffect, useState } from 'react';
import { DatePicker, Input, Select, Table, Tag, type TableColumnsType, type TablePaginationConfig } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import dayjs from 'dayjs';
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ErrorBox } from '../../components/ErrorBox';
import { formatDateTime } from '../../lib/format';
import { useApi } from '../../lib/useApi';
import { usePageTitle } from '../../lib/usePageTitle';
import { QUEUES, type DossierListItem, type DossierPage, type Queue } from './types';

const PAGE_SIZE = 20;
const SORT_KEYS: Record<string, string> = { code: 'code', receivedAt: 'received_at', appointmentAt: 'due_at', applicantName: 'applicant' };

export function StatusTag({ status, vi, en }: { status: string; vi: string; en: string }) {
  const { i18n } = useTranslation();
  const colour =
    status === 'returned' || status === 'archived'
      ? 'green'
      : status === 'resolved' || status === 'returning_by_post'
        ? 'cyan'
        : ['supplement_requested', 'intake_supplement', 'payment_requested'].includes(status)
          ? 'orange'
          : ['refused_at_intake', 'stopped'].includes(status)
            ? 'red'
            : status === 'withdrawn'
              ? 'default'
              : 'blue';
  return <Tag color={colour}>{i18n.language === 'en' ? en : vi}</Tag>;
}

/** /can-bo/ho-so?queue= — a work queue: filters, search, sorting and paging, scoped by the server. */
export default function DossierQueue() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [params, setParams] = useSearchParams();
  const queue = (QUEUES as readonly string[]).includes(params.get('queue') ?? '') ? (params.get('queue') as Queue) : 'in_progress';
  usePageTitle(t(`queues.${queue}`));
  const q = params.get('q') ?? '';
  const channel = params.get('channel') ?? undefined;
  const from = params.get('from') ?? undefined;
  const to = params.get('to') ?? undefined;
  const sort = params.get('sort') ?? undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);

  const update = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('page' in patch)) next.delete('page');
    setParams(next, { replace: true });
  };

  const list = useApi<DossierPage>('/dossiers', { queue, q: q || undefined, channel, from, to, sort, page, pageSize: PAGE_SIZE });

  const sortOrder = (key: string) => {
    if (!sort) return null;
    const desc = sort.startsWith('-');
    return sort.replace(/^-/, '') === SORT_KEYS[key] ? (desc ? ('descend' as const) : ('ascend' as const)) : null;
  };

  const columns: TableColumnsType<DossierListItem> = [
    {
      title: t('dossier.code'),
      dataIndex: 'code',
      sorter: true,
      sortOrder: sortOrder('code'),
      render: (code: string, d) => (
        <Link to={`/can-bo/ho-so/${d.id}`} style={{ whiteSpace: 'nowrap', fontFamily: 'monospace' }}>
          {code}
        </Link>
      ),
    },
    { title: t('dossier.procedure'), key: 'procedure', render: (_: unknown, d) => d.procedure.name },
    {
      title: t('dossier.applicant'),
      dataIndex: 'applicantName',
      sorter: true,
      sortOrder: sortOrder('applicantName'),
      responsive: ['md'],
      render: (name: string, d) => (
        <>
          {name}
          {d.applicantCitizenId && <div className="muted">{d.applicantCitizenId}</div>}
        </>
      ),
    },
    { title: t('dossier.status'), key: 'status', render: (_: unknown, d) => <StatusTag status={d.status} vi={d.statusLabelVi} en={d.statusLabelEn} /> },
    {
      title: t('dossier.receivedAt'),
      dataIndex: 'receivedAt',
      sorter: true,
      sortOrder: sortOrder('receivedAt'),
      responsive: ['lg'],
      render: (v: string | null, d) => formatDateTime(v ?? d.submittedAt, lang),
    },
    {
      title: t('dossier.appointment'),
      dataIndex: 'appointmentAt',
      sorter: true,
      sortOrder: sortOrder('appointmentAt'),
      render: (v: string | null, d) => (
        <>
          {formatDateTime(v, lang)}
          {d.overdue && (
            <div>
              <Tag color="red">{t('dossier.overdue')}</Tag>
            </div>
          )}
        </>
      ),
    },
    { title: t('dossier.channel'), dataIndex: 'channel', responsive: ['xl'], render: (c: string) => t(`channels.${c}`) },
  ];

  const onChange = (p: TablePaginationConfig, _f: unknown, s: SorterResult<DossierListItem> | SorterResult<DossierListItem>[]) => {
    const one = Array.isArray(s) ? s[0] : s;
    const key = one?.field ? SORT_KEYS[String(one.field)] : undefined;
    const nextSort = key && one.order ? `${one.order === 'descend' ? '-' : ''}${key}` : undefined;
    if (nextSort !== sort) update({ sort: nextSort });
    else if ((p.current ?? 1) !== page) update({ page: String(p.current ?? 1) });
  };

  return (
    <>
      <div className="page-head">
        <h1>{t(`queues.${queue}`)}</h1>
        {list.data && (
          <span className="muted" aria-live="polite" data-testid="queue-total">
            {t('dossier.total', { count: list.data.total })}
          </span>
        )}
      </div>
      <div className="toolbar" role="search">
        <Input.Search
          allowClear
          aria-label={t('dossier.search')}
          placeholder={t('dossier.searchPlaceholder')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onSearch={(v) => update({ q: v.trim() || undefined })}
          style={{ maxWidth: 360 }}
        />
        <Select
          allowClear
          aria-label={t('dossier.channel')}
          placeholder={t('dossier.anyChannel')}
          value={channel}
          onChange={(v) => update({ channel: v })}
          options={['counter', 'online', 'postal'].map((c) => ({ value: c, label: t(`channels.${c}`) }))}
          style={{ minWidth: 170 }}
        />
        <DatePicker.RangePicker
          aria-label={t('dossier.receivedBetween')}
          format="DD/MM/YYYY"
          value={from && to ? [dayjs(from), dayjs(to)] : null}
          onChange={(r) => update({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
          placeholder={[t('dossier.from'), t('dossier.to')]}
        />
      </div>
      {list.error && <ErrorBox error={list.error} onRetry={list.reload} />}
      <Table<DossierListItem>
        rowKey="id"
        size="middle"
        loading={list.loading}
        columns={columns}
        dataSource={list.data?.items ?? []}
        onChange={onChange}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, showSizeChanger: false, hideOnSinglePage: true }}
        locale={{ emptyText: t('dossier.emptyQueue') }}
      />
    </>
  );
}
