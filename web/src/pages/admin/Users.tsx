import { useEffect, useMemo, useState } from 'react';
import { Button, Input, Select, Table, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { Unit, UserRow } from '../../api';
import { ErrorBox } from '../../components/ErrorBox';
import { useApi } from '../../lib/useApi';
import { usePageTitle } from '../../lib/usePageTitle';

export function unitLabel(units: Map<string, Unit>, id: string | null): string {
  if (!id) return '';
  const u = units.get(id);
  return u ? (u.shortName ?? u.name) : id;
}

/** /quan-tri/nguoi-dung — users with their roles; search is diacritic-insensitive (server side). */
export default function Users() {
  const { t } = useTranslation();
  usePageTitle(t('users.title'));
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [q, setQ] = useState(params.get('q') ?? '');
  const kind = params.get('kind') ?? undefined;
  const [debounced, setDebounced] = useState(q);
  useEffect(() => {
    const h = window.setTimeout(() => setDebounced(q.trim()), 250);
    return () => window.clearTimeout(h);
  }, [q]);
  useEffect(() => {
    const next = new URLSearchParams(params);
    if (debounced) next.set('q', debounced);
    else next.delete('q');
    if (next.toString() !== params.toString()) setParams(next, { replace: true });
  }, [debounced, params, setParams]);

  const users = useApi<UserRow[]>('/users', { q: debounced || undefined, kind });
  const units = useApi<Unit[]>('/units', { all: true });
  const unitById = useMemo(() => new Map((units.data ?? []).map((u) => [u.id, u])), [units.data]);

  const columns: TableColumnsType<UserRow> = [
    {
      title: t('users.user'),
      dataIndex: 'username',
      render: (name: string, u) => (
        <>
          <Link to={`/quan-tri/nguoi-dung/${u.id}`}>{name}</Link>
          <div>{u.fullName}</div>
          {u.title && <div className="muted">{u.title}</div>}
        </>
      ),
    },
    { title: t('users.kind'), dataIndex: 'kind', width: 120, responsive: ['md'], render: (k: string) => t(`userKinds.${k}`, { defaultValue: k }) },
    {
      title: t('users.roles'),
      key: 'roles',
      render: (_: unknown, u) => (
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 4 }}>
          {u.roles.map((r, i) => (
            <Tag key={i} color={r.role === 'admin' ? 'volcano' : 'blue'} style={{ whiteSpace: 'normal', marginInlineEnd: 0 }}>
              {t(`roles.${r.role}`, { defaultValue: r.role })}
              {r.unitId ? ` · ${unitLabel(unitById, r.unitId)}` : ''}
            </Tag>
          ))}
        </div>
      ),
    },
    {
      title: t('users.status'),
      dataIndex: 'active',
      width: 130,
      responsive: ['sm'],
      render: (a: boolean) => (a ? <Tag color="green">{t('users.active')}</Tag> : <Tag>{t('users.inactive')}</Tag>),
    },
  ];

  return (
    <>
      <div className="page-head">
        <h1>{t('users.title')}</h1>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/quan-tri/nguoi-dung/moi')} data-testid="new-user">
          {t('users.new')}
        </Button>
      </div>
      <div className="toolbar" role="search">
        <Input.Search allowClear placeholder={t('users.searchPlaceholder')} aria-label={t('users.search')} value={q} onChange={(e) => setQ(e.target.value)} style={{ maxWidth: 360 }} />
        <Select
          allowClear
          placeholder={t('users.allKinds')}
          aria-label={t('users.kind')}
          value={kind}
          style={{ minWidth: 180 }}
          onChange={(k) => {
            const next = new URLSearchParams(params);
            if (k) next.set('kind', k);
            else next.delete('kind');
            setParams(next, { replace: true });
          }}
          options={['staff', 'citizen', 'business'].map((k) => ({ value: k, label: t(`userKinds.${k}`) }))}
        />
      </div>
      {users.error && <ErrorBox error={users.error} onRetry={users.reload} />}
      <Table<UserRow>
        rowKey="id"
        size="middle"
        loading={users.loading}
        columns={columns}
        dataSource={users.data ?? []}
        pagination={{ pageSize: 25, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: t('common.noData') }}
      />
    </>
  );
}
