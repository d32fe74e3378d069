import { useEffect, useRef, useState } from 'react';
import { Input, Pagination, Select } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { Unit } from '../../api';
import { ErrorBox } from '../../components/ErrorBox';
import { fold } from '../../lib/fold';
import { Loading } from '../../components/Status';
import { useApi } from '../../lib/useApi';
import { usePageTitle } from '../../lib/usePageTitle';
import { type FieldCount, type ProcedurePage, ProcedureList } from './procedures';

const PAGE_SIZE = 20;

/** /thu-tuc — the procedure catalogue: diacritic-insensitive search (server side), filters, paging. */
export default function Catalogue() {
  const { t } = useTranslation();
  usePageTitle(t('catalogue.title'));
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const field = params.get('field') ?? undefined;
  const level = params.get('level') ?? undefined;
  const online = params.get('online') ?? undefined;
  const unit = params.get('unit') ?? undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);
  const searchRef = useRef<any>(null);

  // '/' focuses the search box (keyboard users at the kiosk).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (e.key === '/' && !(target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) {
        e.preventDefault();
        searchRef.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const update = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('page' in patch)) next.delete('page');
    setParams(next);
  };

  const fields = useApi<FieldCount[]>('/procedure-fields');
  const units = useApi<Unit[]>('/units');
  const unitOptions = (units.data ?? [])
    .filter((u) => u.kind === 'commune' || u.kind === 'service_centre')
    .map((u) => ({ value: u.code, label: u.shortName ?? u.name, search: fold(`${u.name} ${u.shortName ?? ''} ${u.code}`) }));
  const list = useApi<ProcedurePage>('/procedures', { q: q || undefined, field, level, online, unit, page, pageSize: PAGE_SIZE });

  return (
    <>
      <h1 className="page-title">{t('catalogue.title')}</h1>
      <div className="catalogue-bar" role="search">
        <div className="search">
          <label htmlFor="catalogue-search" className="visually-hidden">
            {t('catalogue.searchLabel')}
          </label>
          <Input.Search
            id="catalogue-search"
            ref={searchRef}
            size="large"
            value={text}
            onChange={(e) => setText(e.target.value)}
            onSearch={(v) => update({ q: v.trim() || undefined })}
            placeholder={t('catalogue.searchPlaceholder')}
            enterButton={t('catalogue.search')}
            allowClear
            autoComplete="off"
            autoFocus
          />
        </div>
        <Select
          allowClear
          aria-label={t('catalogue.field')}
          placeholder={t('catalogue.allFields')}
          value={field}
          onChange={(v) => update({ field: v })}
          options={(fields.data ?? []).map((f) => ({ value: f.code, label: `${f.name} (${f.count})` }))}
          style={{ minWidth: 220 }}
          size="large"
        />
        <Select
          allowClear
          aria-label={t('catalogue.level')}
          placeholder={t('catalogue.allLevels')}
          value={level}
          onChange={(v) => update({ level: v })}
          options={['province', 'commune', 'ministry', 'vertical'].map((l) => ({ value: l, label: t(`levels.${l}`) }))}
          style={{ minWidth: 170 }}
          size="large"
        />
        <Select
          allowClear
          showSearch={{ filterOption: (input, o) => String((o as any)?.search ?? '').includes(fold(input)) }}
          aria-label={t('catalogue.unit')}
          placeholder={t('catalogue.anyUnit')}
          value={unit}
          onChange={(v) => update({ unit: v })}
          options={unitOptions}
          style={{ minWidth: 220 }}
          size="large"
        />
        <Select
          allowClear
          aria-label={t('catalogue.online')}
          placeholder={t('catalogue.anyOnline')}
          value={online}
          onChange={(v) => update({ online: v })}
          options={['full', 'partial', 'none'].map((l) => ({ value: l, label: t(`online.${l}`) }))}
          style={{ minWidth: 200 }}
          size="large"
        />
      </div>
      {list.error && <ErrorBox error={list.error} onRetry={list.reload} />}
      {list.loading && !list.data && <Loading />}
      {list.data && (
        <>
          <p className="muted" aria-live="polite" data-testid="result-count">
            {q ? t('catalogue.resultsFor', { count: list.data.total, q }) : t('catalogue.results', { count: list.data.total })}
          </p>
          {list.data.items.length === 0 ? <p>{t('catalogue.none')}</p> : <ProcedureList items={list.data.items} />}
          {list.data.total > PAGE_SIZE && (
            <nav aria-label={t('catalogue.pages')} style={{ marginTop: 20 }}>
              <Pagination current={page} pageSize={PAGE_SIZE} total={list.data.total} showSizeChanger={false} onChange={(p) => update({ page: String(p) })} />
            </nav>
          )}
        </>
      )}
    </>
  );
}
