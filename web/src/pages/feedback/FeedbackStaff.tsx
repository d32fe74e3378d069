import { useEffect, useState } from 'react';
import { Button, Checkbox, Input, Select, Space, Table, Tag } from 'antd';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ErrorBox } from '../../components/ErrorBox';
import { Loading } from '../../components/Status';
import { useApi } from '../../lib/useApi';
import { usePageTitle } from '../../lib/usePageTitle';
import { ActionPanel } from './ActionPanel';
import { ItemDetail } from './ItemDetail';
import { StatusTag, When, type DetailItem, type Label } from './common';

interface Row {
  id: string;
  code: string;
  title: string;
  status: string;
  statusLabel: Label;
  category: { name: string };
  receivedAt: string;
  competentUnit: { name: string };
  sender: string | null;
  currentDue: { step: string; at: string; overdue: boolean } | null;
  votes: { likes: number; dislikes: number };
}

const STATUSES = ['received', 'supplement_requested', 'supplemented', 'assigned', 'forwarded', 'answered', 'published', 'closed', 'reopened', 'refused', 'merged', 'reclassified'];

/** /can-bo/phan-anh — feedback of the officer's units, newest first, with filters. */
export default function FeedbackInbox() {
  const { t } = useTranslation();
  usePageTitle(t('fb.inboxTitle'));
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? '';
  const overdue = params.get('overdue') === 'true';
  const q = params.get('q') ?? '';
  const page = Number(params.get('page') ?? '1') || 1;
  const [text, setText] = useState(q);
  const list = useApi<{ total: number; items: Row[]; pageSize: number }>('/feedback', { status, overdue: overdue || undefined, q, page, pageSize: 20 });
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
        <h1>{t('fb.inboxTitle')}</h1>
        <Link to="/can-bo/phan-anh/bao-cao">{t('fb.reportLink')}</Link>
      </div>
      <form
        className="toolbar"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          set('q', text.trim());
        }}
      >
        <label htmlFor="fb-inbox-q" className="visually-hidden">
          {t('fb.search')}
        </label>
        <Input id="fb-inbox-q" value={text} onChange={(e) => setText(e.target.value)} placeholder={t('fb.searchPlaceholder')} style={{ maxWidth: 280 }} />
        <Select
          aria-label={t('fb.filterStatus')}
          value={status}
          onChange={(v) => set('status', v)}
          style={{ minWidth: 220 }}
          options={[{ value: '', label: t('fb.filterStatus') }, ...STATUSES.map((s) => ({ value: s, label: s }))]}
        />
        <Checkbox checked={overdue} onChange={(e) => set('overdue', e.target.checked ? 'true' : '')}>
          {t('fb.overdueOnly')}
        </Checkbox>
        <Button htmlType="submit">{t('fb.search')}</Button>
      </form>
      {list.error && <ErrorBox error={list.error} onRetry={list.reload} />}
      <Table
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: true }}
        data-testid="fb-inbox"
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: (p) => set('page', String(p)), showSizeChanger: false }}
        columns={[
          { title: t('fb.code'), dataIndex: 'code', render: (v: string, r: Row) => <Link to={`/can-bo/phan-anh/${r.id}`}>{v}</Link> },
          { title: t('fb.heading'), dataIndex: 'title' },
          { title: t('fb.category'), dataIndex: ['category', 'name'] },
          { title: t('fb.status'), dataIndex: 'status', render: (_: string, r: Row) => <StatusTag status={r.status} label={r.statusLabel} /> },
          { title: t('fb.received'), dataIndex: 'receivedAt', render: (v: string) => <When at={v} /> },
          {
            title: t('fb.due'),
            dataIndex: 'currentDue',
            render: (d: Row['currentDue']) =>
              d ? (
                <span>
                  <When at={d.at} /> {d.overdue && <Tag color="red">{t('fb.overdue')}</Tag>}
                </span>
              ) : null,
          },
          { title: t('fb.unit'), dataIndex: ['competentUnit', 'name'] },
          { title: t('fb.sender'), dataIndex: 'sender' },
        ]}
      />
    </>
  );
}

/** /can-bo/phan-anh/:id — handle one item: facts, dues, history and the actions allowed now. */
export function FeedbackHandle() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const item = useApi<DetailItem>(`/feedback/${id}`);
  usePageTitle(item.data?.code ?? t('fb.inboxTitle'));
  const [fresh, setFresh] = useState<DetailItem | null>(null);
  useEffect(() => setFresh(null), [item.data]);
  if (item.error) return <ErrorBox error={item.error} onRetry={item.reload} />;
  const d = fresh ?? item.data;
  if (!d) return <Loading />;
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Link to="/can-bo/phan-anh">{t('fb.back')}</Link>
      </Space>
      <ItemDetail d={d} staff />
      <ActionPanel item={d} onDone={setFresh} />
    </>
  );
}
