import { useEffect, useState } from 'react';
import { Alert, Button, Input, Space, Table } from 'antd';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ErrorBox } from '../../components/ErrorBox';
import { Loading } from '../../components/Status';
import { useApi } from '../../lib/useApi';
import { usePageTitle } from '../../lib/usePageTitle';
import { ActionPanel } from './ActionPanel';
import { ItemDetail } from './ItemDetail';
import { StatusTag, When, type DetailItem, type Label } from './common';

/** /phan-anh/theo-doi — the sender follows an item with its reference and secret (no account needed). */
export default function FeedbackTrack() {
  const { t } = useTranslation();
  usePageTitle(t('fb.trackTitle'));
  const [params, setParams] = useSearchParams();
  const code = params.get('code') ?? '';
  const secret = params.get('secret') ?? '';
  const [c, setC] = useState(code);
  const [s, setS] = useState(secret);
  useEffect(() => {
    setC(code);
    setS(secret);
  }, [code, secret]);
  const item = useApi<DetailItem>(code && secret ? '/public/feedback/track' : null, { code, secret });
  const [fresh, setFresh] = useState<DetailItem | null>(null);
  useEffect(() => setFresh(null), [item.data]);
  const d = fresh ?? item.data;
  return (
    <>
      <h1 className="page-title">{t('fb.trackTitle')}</h1>
      <div className="card" style={{ marginBottom: 20 }}>
        <p className="muted">{t('fb.trackIntro')}</p>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            setParams({ code: c.trim().toUpperCase(), secret: s.trim() });
          }}
        >
          <Space wrap align="end">
            <div>
              <label htmlFor="fb-track-code" style={{ display: 'block', fontWeight: 500 }}>
                {t('fb.code')}
              </label>
              <Input id="fb-track-code" value={c} onChange={(e) => setC(e.target.value)} placeholder="PAKN-261109-0001" autoComplete="off" />
            </div>
            <div>
              <label htmlFor="fb-track-secret" style={{ display: 'block', fontWeight: 500 }}>
                {t('fb.secret')}
              </label>
              <Input id="fb-track-secret" value={s} onChange={(e) => setS(e.target.value)} autoComplete="off" spellCheck={false} />
            </div>
            <Button type="primary" htmlType="submit">
              {t('fb.show')}
            </Button>
          </Space>
        </form>
      </div>
      {item.loading && <Loading />}
      {item.error && (item.error.status === 404 ? <Alert type="warning" showIcon role="alert" title={t('fb.notFound')} /> : <ErrorBox error={item.error} onRetry={item.reload} />)}
      {d && !item.loading && (
        <>
          <ItemDetail d={d} staff={false} viaSecret />
          <ActionPanel item={d} secret={secret} onDone={setFresh} />
        </>
      )}
    </>
  );
}

interface Row {
  id: string;
  code: string;
  title: string;
  status: string;
  statusLabel: Label;
  receivedAt: string;
  competentUnit: { name: string };
}

/** /phan-anh/cua-toi and /phan-anh/cua-toi/:id — a signed-in citizen's own feedback. */
export function MyFeedback() {
  const { t } = useTranslation();
  usePageTitle(t('fb.mineLink'));
  const { id } = useParams();
  const list = useApi<{ items: Row[] }>(id ? null : '/feedback', { pageSize: 100 });
  const item = useApi<DetailItem>(id ? `/feedback/${id}` : null);
  const [fresh, setFresh] = useState<DetailItem | null>(null);
  useEffect(() => setFresh(null), [item.data]);
  if (id) {
    if (item.error) return <ErrorBox error={item.error} onRetry={item.reload} />;
    const d = fresh ?? item.data;
    if (!d) return <Loading />;
    return (
      <>
        <Link to="/phan-anh/cua-toi">{t('fb.back')}</Link>
        <ItemDetail d={d} staff={false} />
        <ActionPanel item={d} onDone={setFresh} />
      </>
    );
  }
  if (list.error) return <ErrorBox error={list.error} onRetry={list.reload} />;
  if (!list.data) return <Loading />;
  return (
    <>
      <div className="page-head">
        <h1>{t('fb.mineLink')}</h1>
        <Link className="mc-btn primary" to="/phan-anh/gui">
          {t('fb.submitLink')}
        </Link>
      </div>
      <Table
        rowKey="id"
        dataSource={list.data.items}
        pagination={false}
        scroll={{ x: true }}
        columns={[
          { title: t('fb.code'), dataIndex: 'code', render: (v: string, r: Row) => <Link to={`/phan-anh/cua-toi/${r.id}`}>{v}</Link> },
          { title: t('fb.heading'), dataIndex: 'title' },
          { title: t('fb.status'), dataIndex: 'status', render: (_: string, r: Row) => <StatusTag status={r.status} label={r.statusLabel} /> },
          { title: t('fb.received'), dataIndex: 'receivedAt', render: (v: string) => <When at={v} /> },
          { title: t('fb.unit'), dataIndex: ['competentUnit', 'name'] },
        ]}
      />
    </>
  );
}
