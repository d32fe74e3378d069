import { useState } from 'react';
import { Alert, Button, Input, Pagination, Select, Space } from 'antd';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api';
import { ErrorBox } from '../../components/ErrorBox';
import { Loading } from '../../components/Status';
import { useApi } from '../../lib/useApi';
import { usePageTitle } from '../../lib/usePageTitle';
import { ProvinceMap, StatusTag, When, deviceId, type Category, type PublicItem } from './common';

interface Page {
  total: number;
  page: number;
  pageSize: number;
  items: PublicItem[];
}

interface GeoJson {
  features: { geometry: { coordinates: [number, number] }; properties: { code: string; title: string } }[];
}

/** /phan-anh — published feedback (list and map), so that people see what was already reported. */
export default function FeedbackPublicList() {
  const { t } = useTranslation();
  usePageTitle(t('fb.publicTitle'));
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const category = params.get('category') ?? '';
  const page = Number(params.get('page') ?? '1') || 1;
  const [text, setText] = useState(q);
  const categories = useApi<Category[]>('/feedback-categories');
  const list = useApi<Page>('/public/feedback', { q, category, page, pageSize: 10 });
  const map = useApi<GeoJson>('/public/feedback/map', { category });
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
        <h1 className="page-title" style={{ margin: 0 }}>
          {t('fb.publicTitle')}
        </h1>
        <Space wrap>
          <Link className="mc-btn primary" to="/phan-anh/gui" data-testid="fb-submit-link">
            {t('fb.submitLink')}
          </Link>
          <Link className="mc-btn" to="/phan-anh/theo-doi">
            {t('fb.trackLink')}
          </Link>
        </Space>
      </div>
      <p className="muted">{t('fb.publicIntro')}</p>
      <form
        role="search"
        className="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          set('q', text.trim());
        }}
      >
        <label htmlFor="fb-q" className="visually-hidden">
          {t('fb.search')}
        </label>
        <Input id="fb-q" value={text} onChange={(e) => setText(e.target.value)} placeholder={t('fb.searchPlaceholder')} style={{ maxWidth: 320 }} />
        <Select
          aria-label={t('fb.category')}
          value={category}
          onChange={(v) => set('category', v)}
          style={{ minWidth: 260 }}
          options={[{ value: '', label: t('fb.allCategories') }, ...(categories.data ?? []).map((c) => ({ value: c.code, label: c.name }))]}
        />
        <Button htmlType="submit" type="primary">
          {t('fb.search')}
        </Button>
      </form>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(300px, 1fr))', gap: 20, alignItems: 'start' }}>
        <section aria-labelledby="fb-list-h">
          <h2 id="fb-list-h" className="visually-hidden">
            {t('fb.publicTitle')}
          </h2>
          {list.error && <ErrorBox error={list.error} onRetry={list.reload} />}
          {list.loading && <Loading />}
          {list.data && !list.loading && (
            <>
              <p className="muted">{t('fb.total', { n: list.data.total })}</p>
              {list.data.items.length === 0 && <p>{t('fb.none')}</p>}
              <ul className="proc-list" data-testid="fb-public-list">
                {list.data.items.map((i) => (
                  <li key={i.code} className="proc-item" style={{ listStyle: 'none', marginBottom: 12 }}>
                    <div className="card" style={{ padding: 14 }}>
                      <Link to={`/phan-anh/${i.code}`} style={{ fontWeight: 600 }}>
                        {i.title}
                      </Link>
                      <div className="proc-meta muted" style={{ fontSize: 13 }}>
                        {i.code} · {i.category.name} · {i.sender} · <When at={i.receivedAt} />
                      </div>
                      <div style={{ marginTop: 6 }}>
                        <StatusTag status={i.status} label={i.statusLabel} /> {i.unit}
                      </div>
                      {i.answer && <p style={{ margin: '6px 0 0' }}>{i.answer.summary}</p>}
                      <div className="muted" style={{ fontSize: 13 }}>
                        {t('fb.likes')}: {i.votes.likes} · {t('fb.dislikes')}: {i.votes.dislikes}
                      </div>
                    </div>
                  </li>
                ))}
              </ul>
              {list.data.total > list.data.pageSize && (
                <Pagination current={page} pageSize={list.data.pageSize} total={list.data.total} onChange={(p) => set('page', String(p))} showSizeChanger={false} />
              )}
            </>
          )}
        </section>
        <section aria-labelledby="fb-map-h">
          <h2 id="fb-map-h" style={{ fontSize: 18 }}>
            {t('fb.map')}
          </h2>
          <p className="muted">{t('fb.mapHelp')}</p>
          <ProvinceMap
            title={t('fb.map')}
            points={(map.data?.features ?? []).map((f) => ({ lat: f.geometry.coordinates[1], lng: f.geometry.coordinates[0], label: `${f.properties.code}: ${f.properties.title}`, href: `/phan-anh/${f.properties.code}` }))}
          />
        </section>
      </div>
    </>
  );
}

/** /phan-anh/:code — one published item, its answer and history; like or dislike the answer. */
export function FeedbackPublicItem() {
  const { t, i18n } = useTranslation();
  const { code = '' } = useParams();
  const item = useApi<PublicItem>(`/public/feedback/${encodeURIComponent(code)}`);
  usePageTitle(item.data?.title ?? code);
  const [voteMsg, setVoteMsg] = useState<string | null>(null);
  const [voteErr, setVoteErr] = useState<ApiError | null>(null);
  if (item.error) return <ErrorBox error={item.error} onRetry={item.reload} />;
  if (!item.data) return <Loading />;
  const d = item.data;
  const vote = async (v: 'like' | 'dislike') => {
    setVoteErr(null);
    try {
      await api(`/public/feedback/${d.code}/vote`, { method: 'POST', body: { vote: v, deviceId: deviceId() } });
      setVoteMsg(t('fb.voted'));
      item.reload();
    } catch (e) {
      if (e instanceof ApiError) setVoteErr(e);
    }
  };
  return (
    <article className="sheet" data-testid="fb-public-item">
      <Link to="/phan-anh">{t('fb.back')}</Link>
      <h1 className="page-title">{d.title}</h1>
      <p>
        <StatusTag status={d.status} label={d.statusLabel} />
      </p>
      <dl className="facts">
        <dt>{t('fb.code')}</dt>
        <dd>{d.code}</dd>
        <dt>{t('fb.category')}</dt>
        <dd>{d.category.name}</dd>
        <dt>{t('fb.sender')}</dt>
        <dd data-testid="fb-sender">{d.sender}</dd>
        <dt>{t('fb.unit')}</dt>
        <dd>{d.unit}</dd>
        <dt>{t('fb.received')}</dt>
        <dd>
          <When at={d.receivedAt} />
        </dd>
        <dt>{t('fb.published')}</dt>
        <dd>
          <When at={d.publishedAt} />
        </dd>
        {(d.location.address || d.location.commune) && (
          <>
            <dt>{t('fb.location')}</dt>
            <dd>{[d.location.address, d.location.commune].filter(Boolean).join(', ')}</dd>
          </>
        )}
      </dl>
      <h2>{t('fb.description')}</h2>
      <p className="prewrap">{d.description}</p>
      {d.photos.length > 0 && (
        <>
          <h2>{t('fb.photos')}</h2>
          <Space wrap>
            {d.photos.map((p, i) => (
              <img key={p} src={p} alt={`${t('fb.photos')} ${i + 1}`} style={{ maxWidth: 220, borderRadius: 6 }} />
            ))}
          </Space>
        </>
      )}
      {d.answer && (
        <>
          <h2>{t('fb.answer')}</h2>
          <p className="prewrap" data-testid="fb-answer">
            {d.answer.text}
          </p>
          <Space wrap>
            <Button onClick={() => void vote('like')} data-testid="fb-like">
              {t('fb.like')} ({d.votes.likes})
            </Button>
            <Button onClick={() => void vote('dislike')} data-testid="fb-dislike">
              {t('fb.dislike')} ({d.votes.dislikes})
            </Button>
          </Space>
          {voteMsg && <Alert type="success" showIcon title={voteMsg} style={{ marginTop: 12 }} role="status" />}
          {voteErr && <Alert type="warning" showIcon title={voteErr.text(i18n.language)} style={{ marginTop: 12 }} role="alert" />}
        </>
      )}
      {d.location.lat !== null && d.location.long !== null && (
        <>
          <h2>{t('fb.location')}</h2>
          <ProvinceMap title={t('fb.location')} points={[{ lat: d.location.lat, lng: d.location.long, label: d.code }]} />
        </>
      )}
      {d.timeline && d.timeline.length > 0 && (
        <>
          <h2>{t('fb.timeline')}</h2>
          <ol className="timeline">
            {d.timeline.map((e, i) => (
              <li key={i}>
                <When at={e.at} />
                {e.note}
              </li>
            ))}
          </ol>
        </>
      )}
    </article>
  );
}
