import { useMemo, useState } from 'react';
import { Button, Checkbox, Input, Select, Table, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { Unit } from '../../api';
import { ErrorBox } from '../../components/ErrorBox';
import { fold, matches } from '../../lib/fold';
import { useApi } from '../../lib/useApi';
import { usePageTitle } from '../../lib/usePageTitle';

export const UNIT_KINDS = ['province', 'department', 'commune', 'division', 'service_centre', 'other'] as const;

interface UnitNode extends Unit {
  children?: UnitNode[];
}

/** Builds the unit tree (children sorted by code); units whose parent is not listed become roots. */
export function unitTree(units: Unit[]): UnitNode[] {
  const byId = new Map<string, UnitNode>(units.map((u) => [u.id, { ...u }]));
  const roots: UnitNode[] = [];
  for (const n of byId.values()) {
    const parent = n.parentId ? byId.get(n.parentId) : undefined;
    if (parent) (parent.children ??= []).push(n);
    else roots.push(n);
  }
  const sort = (list: UnitNode[]) => {
    list.sort((a, b) => a.code.localeCompare(b.code));
    for (const n of list) if (n.children) sort(n.children);
  };
  sort(roots);
  return roots;
}

/** /quan-tri/don-vi — the unit catalogue (tree), searchable without diacritics. */
export default function Units() {
  const { t } = useTranslation();
  usePageTitle(t('units.title'));
  const navigate = useNavigate();
  const [showAll, setShowAll] = useState(false);
  const [q, setQ] = useState('');
  const [kind, setKind] = useState<string | undefined>(undefined);
  const list = useApi<Unit[]>('/units', { all: showAll || undefined });

  const filtering = !!fold(q) || !!kind;
  const rows = useMemo(() => {
    const data = list.data ?? [];
    if (!filtering) return unitTree(data);
    return data
      .filter((u) => (!kind || u.kind === kind) && matches(`${u.code} ${u.name} ${u.shortName ?? ''} ${u.address ?? ''}`, q))
      .sort((a, b) => a.code.localeCompare(b.code));
  }, [list.data, filtering, kind, q]);

  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const expandable = useMemo(() => (list.data ?? []).filter((u) => (list.data ?? []).some((c) => c.parentId === u.id)).map((u) => u.id), [list.data]);
  const expandedRowKeys = expandable.filter((id) => !collapsed.has(id));

  const today = new Date().toISOString().slice(0, 10);
  const columns: TableColumnsType<UnitNode> = [
    {
      title: t('units.code'),
      dataIndex: 'code',
      width: 160,
      render: (code: string, u) => (
        <Link to={`/quan-tri/don-vi/${u.id}`} aria-label={t('units.editUnit', { code, name: u.name })} style={{ whiteSpace: 'nowrap' }}>
          {code}
        </Link>
      ),
    },
    {
      title: t('units.name'),
      dataIndex: 'name',
      render: (name: string, u) => (
        <>
          {name}
          {u.shortName && <div className="muted">{u.shortName}</div>}
        </>
      ),
    },
    { title: t('units.kind'), dataIndex: 'kind', width: 170, responsive: ['md'], render: (k: string) => t(`unitKinds.${k}`, { defaultValue: k }) },
    { title: t('units.address'), dataIndex: 'address', responsive: ['lg'], render: (a: string | null) => a ?? '' },
    {
      title: t('units.validity'),
      key: 'validity',
      width: 190,
      responsive: ['md'],
      render: (_: unknown, u) =>
        u.validTo && u.validTo <= today ? (
          <Tag color="default">{t('units.endedOn', { date: u.validTo })}</Tag>
        ) : (
          <span>
            {t('units.from', { date: u.validFrom })}
            {u.remoteArea && (
              <>
                {' '}
                <Tag color="orange">{t('units.remote')}</Tag>
              </>
            )}
          </span>
        ),
    },
  ];

  return (
    <>
      <div className="page-head">
        <h1>{t('units.title')}</h1>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/quan-tri/don-vi/moi')} data-testid="new-unit">
          {t('units.new')}
        </Button>
      </div>
      <div className="toolbar" role="search">
        <Input.Search
          allowClear
          placeholder={t('units.searchPlaceholder')}
          aria-label={t('units.search')}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          style={{ maxWidth: 360 }}
        />
        <Select
          allowClear
          placeholder={t('units.allKinds')}
          aria-label={t('units.kind')}
          value={kind}
          onChange={setKind}
          style={{ minWidth: 200 }}
          options={UNIT_KINDS.map((k) => ({ value: k, label: t(`unitKinds.${k}`) }))}
        />
        <Checkbox checked={showAll} onChange={(e) => setShowAll(e.target.checked)}>
          {t('units.showEnded')}
        </Checkbox>
      </div>
      {list.error && <ErrorBox error={list.error} onRetry={list.reload} />}
      <Table<UnitNode>
        rowKey="id"
        size="middle"
        loading={list.loading}
        columns={columns}
        dataSource={rows}
        pagination={filtering ? { pageSize: 50, hideOnSinglePage: true } : false}
        expandable={
          filtering
            ? undefined
            : {
                expandedRowKeys,
                onExpand: (expanded, u) =>
                  setCollapsed((s) => {
                    const n = new Set(s);
                    if (expanded) n.delete(u.id);
                    else n.add(u.id);
                    return n;
                  }),
              }
        }
        locale={{ emptyText: t('common.noData') }}
        data-testid="units-table"
      />
    </>
  );
}
