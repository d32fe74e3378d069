import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Button, Descriptions, Table, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ErrorBox } from '../../components/ErrorBox';
import { ScrollRegion } from '../../components/ScrollRegion';
import { formatDate } from '../../lib/format';
import { useApi } from '../../lib/useApi';
import { usePageTitle } from '../../lib/usePageTitle';
import { RULE_SETS_PATH, formKeys, inForce, stateOf, todayVn, type Evidence, type Period, type RuleSet, type Rules, type SetState, type TieredPeriod } from './ruleSetModel';
import './RuleSetTexts';

const STATE_COLOR: Record<SetState, string> = { in_force: 'green', future: 'blue', expired: 'default', overridden: 'gold' };

export function EvidenceTag({ evidence }: { evidence: Evidence | undefined }) {
  const { t } = useTranslation();
  if (!evidence) return null;
  return (
    <Tag color={evidence === 'verified' ? 'green' : 'gold'} data-evidence={evidence}>
      {t(`rs.evidences.${evidence}`)}
    </Tag>
  );
}

export function StateTag({ state }: { state: SetState }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATE_COLOR[state]} data-state={state}>
      {t(`rs.states.${state}`)}
    </Tag>
  );
}

/** /quan-tri/bo-quy-dinh-don-thu?ma=<id> — the rule-set versions and the parameters of one (administrators). */
export default function RuleSets() {
  const { t } = useTranslation();
  usePageTitle(t('rs.title'));
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const sets = useApi<RuleSet[]>('/letters/rule-sets');
  const [focusDetail, setFocusDetail] = useState(false);
  const today = todayVn();
  const list = sets.data ?? [];
  const current = inForce(list, today);
  const selectedId = params.get('ma') ?? current?.id ?? null;
  const selected = list.find((s) => s.id === selectedId) ?? null;

  const columns: TableColumnsType<RuleSet> = [
    {
      title: t('rs.code'),
      dataIndex: 'code',
      render: (code: string, s) => (
        <Link
          to={{ search: `?ma=${s.id}` }}
          replace
          aria-current={s.id === selected?.id ? 'true' : undefined}
          aria-label={t('rs.viewSet', { code })}
          onClick={() => setFocusDetail(true)}
          data-testid={`rs-open-${code}`}
        >
          <strong>{code}</strong>
        </Link>
      ),
    },
    { title: t('rs.name'), dataIndex: 'name', responsive: ['md'] },
    { title: t('rs.scope'), dataIndex: 'tenantId', render: (tenant: string) => (tenant === '*' ? t('rs.national') : t('rs.province')) },
    {
      title: t('rs.effective'),
      key: 'effective',
      render: (_: unknown, s) => t('rs.fromTo', { from: formatDate(s.effectiveFrom), to: s.effectiveTo ? formatDate(s.effectiveTo) : t('rs.openEnded') }),
    },
    { title: t('rs.legalBasis'), dataIndex: 'legalBasis', responsive: ['lg'], render: (v: string) => <span className="rs-basis">{v}</span> },
    { title: t('rs.evidence'), dataIndex: 'evidence', responsive: ['sm'], render: (e: Evidence) => <EvidenceTag evidence={e} /> },
    { title: t('rs.state'), key: 'state', render: (_: unknown, s) => <StateTag state={stateOf(s, current, today)} /> },
  ];

  // Newest first: the version in force and the upcoming ones are at the top.
  const rows = [...list].sort((a, b) => (a.effectiveFrom === b.effectiveFrom ? a.tenantId.localeCompare(b.tenantId) : b.effectiveFrom.localeCompare(a.effectiveFrom)));

  return (
    <>
      <div className="page-head">
        <h1>{t('rs.title')}</h1>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate(`${RULE_SETS_PATH}/moi`)} data-testid="rs-publish">
          {t('rs.publish')}
        </Button>
      </div>
      <p className="muted">{t('rs.intro')}</p>
      {sets.error && <ErrorBox error={sets.error} onRetry={sets.reload} />}
      <div>
        <p className="muted" aria-live="polite">
          {sets.data ? t('rs.count', { n: list.length }) : ''}
        </p>
        <ScrollRegion label={t('rs.listLabel')}>
          <Table<RuleSet>
            rowKey="id"
            size="middle"
            loading={sets.loading}
            columns={columns}
            dataSource={rows}
            pagination={false}
            onRow={(s) => (s.id === selected?.id ? { style: { background: '#eef4fb' } } : {})}
            locale={{ emptyText: t('common.noData') }}
            data-testid="rs-list"
          />
        </ScrollRegion>
      </div>
      {sets.data && params.get('ma') && !selected && <p role="alert">{t('rs.notFound')}</p>}
      {selected && (
        <RuleSetDetail
          key={selected.id}
          set={selected}
          state={stateOf(selected, current, today)}
          focus={focusDetail}
          onFocused={() => setFocusDetail(false)}
          onPublishFrom={() => navigate(`${RULE_SETS_PATH}/moi?tu=${selected.id}`)}
        />
      )}
    </>
  );
}

interface Row {
  key: string;
  label: string;
  value: ReactNode;
  legalBasis?: string | null;
  evidence?: Evidence;
}

/**
 * A table of parameters with their legal basis and evidence: by default name and value; the forms
 * table names its columns form code and title and marks rows with `data-form`.
 */
function ParamTable({
  rows,
  testId,
  head,
  rowAttr = 'data-param',
}: {
  rows: Row[];
  testId: string;
  head?: { first: string; value: string; firstWidth: number | string };
  rowAttr?: 'data-param' | 'data-form';
}) {
  const { t } = useTranslation();
  const h = head ?? { first: t('rs.param'), value: t('rs.value'), firstWidth: '28%' };
  return (
    <table className="data-table stack-table rs-params" data-testid={testId}>
      <thead>
        <tr>
          <th scope="col" style={{ width: h.firstWidth }}>
            {h.first}
          </th>
          <th scope="col">{h.value}</th>
          <th scope="col" style={{ width: '30%' }}>
            {t('rs.legalBasis')}
          </th>
          <th scope="col" style={{ width: 130 }}>
            {t('rs.evidence')}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} {...{ [rowAttr]: r.key }}>
            <td className="stack-title">{r.label}</td>
            <td data-label={h.value}>{r.value}</td>
            <td data-label={t('rs.legalBasis')}>{r.legalBasis || t('rs.none')}</td>
            <td data-label={t('rs.evidence')}>{r.evidence ? <EvidenceTag evidence={r.evidence} /> : t('rs.none')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Group({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="card rs-group" aria-labelledby={`rs-g-${id}`} data-testid={`rs-group-${id}`}>
      <h3 id={`rs-g-${id}`}>{title}</h3>
      {children}
    </section>
  );
}

/** '10 ngày làm việc' / '30 ngày' */
export function usePeriodText() {
  const { t } = useTranslation();
  return (p: Pick<Period, 'amount' | 'unit'>) => t(p.unit === 'working_days' ? 'rs.amountWorking' : 'rs.amountDays', { n: p.amount });
}

function RuleSetDetail({ set, state, focus, onFocused, onPublishFrom }: { set: RuleSet; state: SetState; focus: boolean; onFocused: () => void; onPublishFrom: () => void }) {
  const { t, i18n } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focus && heading.current) {
      heading.current.focus();
      heading.current.scrollIntoView({ block: 'start' });
      onFocused();
    }
  }, [focus, onFocused]);
  const r: Rules = set.rules;
  const en = i18n.language.startsWith('en');
  const periodText = usePeriodText();
  const period = (key: string, label: string, p: Period | undefined): Row => ({ key, label, value: p ? periodText(p) : t('rs.none'), legalBasis: p?.legalBasis, evidence: p?.evidence });
  const tiered = (key: string, label: string, p: TieredPeriod): Row => ({ key, label, value: t('rs.tiered', { ...p }), legalBasis: p.legalBasis, evidence: p.evidence });
  const plain = (key: string, label: string, value: ReactNode): Row => ({ key, label, value });
  const yesNo = (b: boolean) => (b ? t('rs.yes') : t('rs.no'));
  const rc = r.reception;
  const dx = r.denunciations;
  const cp = r.complaints;
  const dep = rc.periodicDeputyException;

  return (
    <section className="rs-detail" aria-labelledby="rs-detail-h" data-testid="rs-detail">
      <div className="page-head" style={{ marginTop: 24 }}>
        <h2 id="rs-detail-h" ref={heading} tabIndex={-1} style={{ margin: 0, fontSize: 20 }}>
          {t('rs.detailTitle', { code: set.code })}
        </h2>
        <Button onClick={onPublishFrom} data-testid="rs-publish-from">
          {t('rs.publishFrom')}
        </Button>
      </div>
      <Descriptions
        bordered
        size="small"
        column={1}
        style={{ marginBottom: 16 }}
        items={[
          { key: 'name', label: t('rs.name'), children: set.name },
          { key: 'scope', label: t('rs.scope'), children: set.tenantId === '*' ? t('rs.national') : t('rs.province') },
          { key: 'from', label: t('rs.effectiveFrom'), children: formatDate(set.effectiveFrom) },
          { key: 'to', label: t('rs.effectiveTo'), children: set.effectiveTo ? formatDate(set.effectiveTo) : t('rs.openEnded') },
          { key: 'state', label: t('rs.state'), children: <StateTag state={state} /> },
          { key: 'basis', label: t('rs.legalBasis'), children: set.legalBasis },
          { key: 'evidence', label: t('rs.evidence'), children: <EvidenceTag evidence={set.evidence} /> },
        ]}
      />

      <Group id="reception" title={t('rs.groups.reception')}>
        <ParamTable
          testId="rs-reception"
          rows={[
            period('reply', t('rs.p.reply'), rc.reply),
            period('refusalNotice', t('rs.p.refusalNotice'), rc.refusalNotice),
            period('forwarderInform', t('rs.p.forwarderInform'), rc.forwarderInform),
            plain('massGroupMin', t('rs.p.massGroupMin'), rc.massGroupMin),
            {
              key: 'representatives',
              label: t('rs.p.representatives'),
              value: (
                <ul className="plain-list">
                  {rc.representatives.map((x, i) => (
                    <li key={i}>{t(x.maxPeople === null ? 'rs.repOpen' : 'rs.repRange', { min: x.minPeople, max: x.maxPeople, minReps: x.minReps, maxReps: x.maxReps })}</li>
                  ))}
                </ul>
              ),
              legalBasis: rc.representativesLegalBasis,
            },
            ...(['province', 'department', 'commune'] as const).map((lvl) => {
              const p = rc.periodic[lvl];
              return {
                key: `periodic.${lvl}`,
                label: t(`rs.p.periodic${lvl.charAt(0).toUpperCase()}${lvl.slice(1)}`),
                value: t('rs.periodicValue', { n: p.minSessions, period: t(`rs.periods.${p.period}`) }),
                legalBasis: p.legalBasis,
                evidence: p.evidence,
              };
            }),
            { key: 'deputy', label: t('rs.p.deputy'), value: dep.allowed ? t(dep.requiresReason ? 'rs.deputyAllowedReason' : 'rs.deputyAllowed') : t('rs.deputyNotAllowed'), legalBasis: dep.legalBasis, evidence: dep.evidence },
            {
              key: 'onlineReasons',
              label: t('rs.p.onlineReasons'),
              value: rc.onlineReasons.length ? (
                <ul className="plain-list">
                  {rc.onlineReasons.map((o) => (
                    <li key={o.code}>
                      {en ? o.labelEn : o.labelVi}
                      {o.requiresNoProtection ? ` (${t('rs.requiresNoProtection')})` : ''}
                    </li>
                  ))}
                </ul>
              ) : (
                t('rs.notApplicable')
              ),
              legalBasis: rc.onlineLegalBasis ?? null,
            },
          ]}
        />
        <h4 className="rs-sub">{t('rs.p.refusalReasons')}</h4>
        <ol className="rs-reasons" data-testid="rs-refusal-reasons">
          {rc.refusalReasons.map((x) => (
            <li key={x.code}>
              {en ? x.labelEn : x.labelVi} {x.noticeRequired && <Tag color="blue">{t('rs.noticeRequired')}</Tag>}
              <EvidenceTag evidence={x.evidence} />
            </li>
          ))}
        </ol>
      </Group>

      <Group id="letters" title={t('rs.groups.letters')}>
        <ParamTable
          testId="rs-letters"
          rows={[
            period('classification', t('rs.p.classification'), r.letters.classification),
            period('transferReply', t('rs.p.transferReply'), r.letters.transferReply),
            period('limitation', t('rs.p.limitation'), r.letters.limitation),
            plain('manyPeopleMin', t('rs.p.manyPeopleMin'), r.letters.manyPeopleMin),
            plain('duplicateSimilarity', t('rs.p.duplicateSimilarity'), r.letters.duplicateSimilarity.toLocaleString(en ? 'en-GB' : 'vi-VN')),
          ]}
        />
      </Group>

      <Group id="complaints" title={t('rs.groups.complaints')}>
        <ParamTable
          testId="rs-complaints"
          rows={[
            period('acceptance', t('rs.p.acceptance'), cp.acceptance),
            tiered('firstInstance', t('rs.p.firstInstance'), cp.firstInstance),
            tiered('secondInstance', t('rs.p.secondInstance'), cp.secondInstance),
            { key: 'secondRequestWindow', label: t('rs.p.secondRequestWindow'), value: t('rs.window', { normal: cp.secondRequestWindow.normal, remote: cp.secondRequestWindow.remote }), legalBasis: cp.secondRequestWindow.legalBasis, evidence: cp.secondRequestWindow.evidence },
            period('suspensionNotice', t('rs.p.suspensionNotice'), cp.suspensionNotice),
            plain('suspensionAvailable', t('rs.p.suspensionAvailable'), yesNo(cp.suspensionAvailable)),
            {
              key: 'complexCriteria',
              label: t('rs.p.complexCriteria'),
              value: (
                <ul className="plain-list">
                  {cp.complexCriteria.map((c) => (
                    <li key={c}>{t(`rs.criteria.${c}`, { defaultValue: c })}</li>
                  ))}
                </ul>
              ),
              legalBasis: cp.complexLegalBasis,
            },
          ]}
        />
      </Group>

      <Group id="denunciations" title={t('rs.groups.denunciations')}>
        <ParamTable
          testId="rs-denunciations"
          rows={[
            { key: 'initialHandling', label: t('rs.p.initialHandling'), value: t('rs.initial', { normal: dx.initialHandling.normal, multiSite: dx.initialHandling.multiSite }), legalBasis: dx.initialHandling.legalBasis, evidence: dx.initialHandling.evidence },
            period('transfer', t('rs.p.transfer'), dx.transfer),
            period('notifyParties', t('rs.p.notifyParties'), dx.notifyParties),
            period('resolution', t('rs.p.resolution'), dx.resolution),
            { key: 'extension', label: t('rs.p.extension'), value: t('rs.extensionText', { ...dx.extension }), legalBasis: dx.extension.legalBasis, evidence: dx.extension.evidence },
          ]}
        />
      </Group>

      <Group id="petitions" title={t('rs.groups.petitions')}>
        <ParamTable testId="rs-petitions" rows={[period('answer', t('rs.p.answer'), r.petitions.answer)]} />
      </Group>

      <Group id="forms" title={t('rs.groups.forms')}>
        <ParamTable
          testId="rs-forms"
          rowAttr="data-form"
          head={{ first: t('rs.formCode'), value: t('rs.formTitle'), firstWidth: 150 }}
          rows={formKeys(r).map((k) => ({ key: k, label: r.forms[k].code, value: r.forms[k].titleVi, legalBasis: r.forms[k].legalBasis, evidence: r.forms[k].evidence }))}
        />
      </Group>

      <Group id="protection" title={t('rs.groups.protection')}>
        <ParamTable
          testId="rs-protection"
          rows={[
            { key: 'purposeMinLength', label: t('rs.p.purposeMinLength'), value: r.protection.purposeMinLength, legalBasis: r.protection.legalBasis, evidence: r.protection.evidence },
            { key: 'alertReadsPerDay', label: t('rs.p.alertReadsPerDay'), value: r.protection.alertReadsPerDay, legalBasis: r.protection.legalBasis, evidence: r.protection.evidence },
          ]}
        />
      </Group>

      <Group id="reports" title={t('rs.groups.reports')}>
        <ParamTable testId="rs-reports" rows={[{ key: 'visitCounting', label: t('rs.p.visitCounting'), value: t(`rs.visitCountingValues.${r.reports.visitCounting}`), evidence: r.reports.evidence }]} />
      </Group>

      <Group id="reminders" title={t('rs.groups.reminders')}>
        <ParamTable testId="rs-reminders" rows={[plain('daysAhead', t('rs.p.daysAhead'), r.reminders.daysAhead)]} />
      </Group>
    </section>
  );
}
