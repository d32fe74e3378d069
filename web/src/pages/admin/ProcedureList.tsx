import { Button, Input, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ErrorBox } from '../../components/ErrorBox';
import { ScrollRegion } from '../../components/ScrollRegion';
import { useApi } from '../../lib/useApi';
import { usePageTitle } from '../../lib/usePageTitle';
import { timeText, type ProcedurePage, type ProcedureSummary } from '../public/procedures';
import './ProcedureTexts';

const STATUSES = ['published', 'pending_removal', 'testing', 'withdrawn'] as const;

/** /quan-tri/thu-tuc — every procedure of the catalogue (any status), searchable, with a link to the editor. */
export default function ProcedureList() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('pe.listTitle'));
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const status = params.get('status') ?? 'all';
  const page = Number(params.get('page')) || 1;
  const list = useApi<ProcedurePage & { items: (ProcedureSummary & { status?: string })[] }>('/procedures', { q: q || undefined, status, page, pageSize: 20 });
  const set = (k: string, v: string | null) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    if (k !== 'page') next.delete('page');
    setParams(next, { replace: k !== 'page' });
  };

  const columns: TableColumnsType<ProcedureSummary & { status?: string }> = [
    { title: t('pe.code'), dataIndex: 'nationalCode', width: 120 },
    { title: t('pe.name'), dataIndex: 'name', render: (name: string, p) => <Link to={`/quan-tri/thu-tuc/${p.id}`}>{name}</Link> },
    { title: t('pe.field'), key: 'field', render: (_: unknown, p) => p.field?.name, responsive: ['md'] },
    { title: t('pe.level'), dataIndex: 'level', width: 130, render: (l: string) => t(`levels.${l}`, { defaultValue: l }), responsive: ['lg'] },
    { title: t('pe.time'), key: 'time', width: 160, render: (_: unknown, p) => timeText(p.processingTime, i18n.language) },
    { title: t('pe.status'), dataIndex: 'status', width: 130, render: (s?: string) => s && <Tag color={s === 'published' ? 'green' : 'gold'}>{t(`pe.statuses.${s}`, { defaultValue: s })}</Tag> },
  ];

  return (
    <>
      <div className="page-head">
        <h1>{t('pe.listTitle')}</h1>
        <Button type="primary" onClick={() => navigate('/quan-tri/thu-tuc/moi')}>
          {t('pe.create')}
        </Button>
      </div>
      <p className="muted">{t('pe.listIntro')}</p>
      <Space wrap style={{ marginBottom: 12 }} align="end">
        <div>
          <label htmlFor="proc-search" style={{ display: "block", marginBottom: 4 }}>{t('pe.search')}</label>
          <Input.Search id="proc-search" defaultValue={q} placeholder={t('pe.searchPlaceholder')} allowClear onSearch={(v) => set('q', v.trim() || null)} style={{ width: 360, maxWidth: '100%' }} enterButton={t('pe.search')} />
        </div>
        <div>
          <label htmlFor="proc-status" style={{ display: "block", marginBottom: 4 }}>{t('pe.statusFilter')}</label>
          <Select
            id="proc-status"
            value={status}
            onChange={(v) => set('status', v)}
            style={{ width: 180 }}
            options={[{ value: 'all', label: t('pe.allStatuses') }, ...STATUSES.map((s) => ({ value: s, label: t(`pe.statuses.${s}`) }))]}
          />
        </div>
      </Space>
      {list.error && <ErrorBox error={list.error} onRetry={list.reload} />}
      <p aria-live="polite" className="muted">{list.data ? t('pe.count', { n: list.data.total }) : ''}</p>
      <ScrollRegion label={t('pe.listTitle')}>
        <Table
          rowKey="id"
          size="middle"
          loading={list.loading}
          columns={columns}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: t('common.noData') }}
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, showSizeChanger: false, onChange: (p) => set('page', String(p)) }}
        />
      </ScrollRegion>
    </>
  );
}
