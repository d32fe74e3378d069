import { useMemo } from 'react';
import { TreeSelect } from 'antd';
import dayjs from 'dayjs';
import type { Unit } from '../../api';
import { fold } from '../../lib/fold';
import { useApi } from '../../lib/useApi';
import { useSession } from '../../session';
import { unitTree } from '../admin/Units';

/** Today in Vietnam (YYYY-MM-DD), whatever the browser's zone. */
export const todayVn = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

/** The default period: the current month up to today (inclusive). */
export function defaultPeriod(): { from: string; to: string } {
  const today = todayVn();
  return { from: `${today.slice(0, 7)}-01`, to: today };
}

/** Inclusive last day (shown) → exclusive end (the API's `to`). */
export const exclusiveEnd = (inclusive: string) => dayjs(inclusive).add(1, 'day').format('YYYY-MM-DD');

/** The first unit the user may report on with one of `roles`. */
export function useDefaultUnit(roles: string[]): string | null {
  const { user } = useSession();
  return user?.roles.find((g) => roles.includes(g.role) && g.unitId)?.unitId ?? null;
}

/** The unit tree for a TreeSelect (current units only), searchable without diacritics. */
export function useUnitTree() {
  const units = useApi<Unit[]>('/units');
  const treeData = useMemo(() => {
    const today = todayVn();
    const toNode = (n: ReturnType<typeof unitTree>[number]): any => ({
      value: n.id,
      title: `${n.shortName ?? n.name} (${n.code})`,
      search: fold(`${n.code} ${n.name} ${n.shortName ?? ''}`),
      children: n.children?.map(toNode),
    });
    return unitTree((units.data ?? []).filter((u) => !u.validTo || u.validTo > today)).map(toNode);
  }, [units.data]);
  return { treeData, loading: units.loading, error: units.error };
}

export function UnitTreeSelect({ id, value, onChange, treeData, loading }: { id: string; value?: string; onChange?: (v: string) => void; treeData: any[]; loading: boolean }) {
  return (
    <TreeSelect
      id={id}
      value={value}
      onChange={onChange}
      loading={loading}
      treeData={treeData}
      treeDefaultExpandedKeys={treeData.map((n) => n.value)}
      showSearch={{ filterTreeNode: (input: string, node: any) => String(node.search ?? '').includes(fold(input)) }}
      style={{ minWidth: 280, maxWidth: '100%' }}
      popupMatchSelectWidth={false}
    />
  );
}
