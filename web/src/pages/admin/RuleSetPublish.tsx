import { useMemo, type ReactNode } from 'react';
import { Alert, App, Button, Checkbox, DatePicker, Form, Input, InputNumber, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api, type Unit } from '../../api';
import { ErrorBox } from '../../components/ErrorBox';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { Loading } from '../../components/Status';
import { useApiForm } from '../../lib/apiForm';
import { useApi } from '../../lib/useApi';
import { usePageTitle } from '../../lib/usePageTitle';
import { RULE_SETS_PATH, formKeys, inForce, periodUnits, ruleSetError, todayVn, type Evidence, type RuleSet, type Rules } from './ruleSetModel';
import { rsText } from './RuleSetTexts';

interface PublishValues {
  code: string;
  name: string;
  effectiveFrom: string;
  legalBasis: string;
  evidence: Evidence;
  note?: string;
  /** The whole rules document of the base version; the inputs below edit parts of it in place. */
  rules: Rules;
}

type NamePath = (string | number)[];

const dateProps = {
  getValueProps: (v: string | null | undefined) => ({ value: v ? dayjs(v) : null }),
  normalize: (d: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : null),
};
/** Field names are the body's paths, so the server's field errors (rules.reception.reply.amount) land on them. */
const at = (path: string, ...rest: string[]): NamePath => ['rules', ...path.split('.'), ...rest];

/** A code for the new version that is not taken: '<province>-<base>-<year>' ('H55-TCD-KNTC-2027'). */
function suggestCode(sets: readonly RuleSet[], province: Unit | undefined, from: string): string {
  const suffix = province?.code.split('.').pop() ?? '';
  const stem = [suffix, 'TCD-KNTC', from.slice(0, 4)].filter(Boolean).join('-');
  const taken = new Set(sets.map((s) => s.code));
  if (!taken.has(stem)) return stem;
  let i = 2;
  while (taken.has(`${stem}-${i}`)) i++;
  return `${stem}-${i}`;
}

/** /quan-tri/bo-quy-dinh-don-thu/moi?tu=<id> — publish a province version, a copy of the one in force (or of `tu`). */
export default function RuleSetPublish() {
  const { t } = useTranslation();
  usePageTitle(t('rs.newTitle'));
  const [params] = useSearchParams();
  const sets = useApi<RuleSet[]>('/letters/rule-sets');
  const provinces = useApi<Unit[]>('/units', { kind: 'province' });
  if (sets.error) return <ErrorBox error={sets.error} onRetry={sets.reload} />;
  if (!sets.data || provinces.loading) return <Loading />;
  const list = sets.data;
  const base = list.find((s) => s.id === params.get('tu')) ?? inForce(list) ?? list[list.length - 1];
  const province = (provinces.data ?? []).find((u) => !u.parentId);
  return (
    <>
      <p>
        <Link to={RULE_SETS_PATH}>← {t('rs.back')}</Link>
      </p>
      <h1>{t('rs.newTitle')}</h1>
      {base ? <PublishForm key={base.id} sets={list} base={base} province={province} /> : <Alert type="warning" title={t('rs.noBase')} />}
    </>
  );
}

function PublishForm({ sets, base, province }: { sets: RuleSet[]; base: RuleSet; province: Unit | undefined }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const f = useApiForm<PublishValues>({ draftKey: 'letter-rule-set:new' });
  const defaults = useMemo<PublishValues>(() => {
    const from = todayVn();
    return { code: suggestCode(sets, province, from), name: base.name, effectiveFrom: from, legalBasis: base.legalBasis, evidence: base.evidence, note: '', rules: structuredClone(base.rules) };
  }, [sets, base, province]);
  const req = [{ required: true, message: t('validation.required') }];
  const rules = base.rules;

  const onFinish = f.run(async () => {
    const v = f.form.getFieldsValue(true) as PublishValues;
    const code = (v.code ?? '').trim();
    let created: { id: string; code: string };
    try {
      created = await api<{ id: string; code: string }>('/letters/rule-sets', {
        method: 'POST',
        idempotencyKey: f.idempotencyKey(),
        body: { code, name: (v.name ?? '').trim(), effectiveFrom: v.effectiveFrom, legalBasis: (v.legalBasis ?? '').trim(), evidence: v.evidence, note: v.note?.trim() || undefined, rules: v.rules },
      });
    } catch (e) {
      throw ruleSetError(e, { sets, code, effectiveFrom: v.effectiveFrom, text: rsText });
    }
    message.success(t('rs.published', { code: created.code }));
    navigate(`${RULE_SETS_PATH}?ma=${created.id}`, { replace: true });
  });

  return (
    <>
      <p className="muted">{t('rs.newIntro', { code: base.code, name: base.name })}</p>
      {f.restored && (
        <Alert type="info" showIcon className="form-error" title={t('drafts.restored')} action={<Button size="small" onClick={f.discardDraft}>{t('drafts.discard')}</Button>} data-testid="draft-restored" />
      )}
      <FormErrorAlert state={f.state} />
      <Form form={f.form} name="rule-set" layout="vertical" initialValues={f.initialValues(defaults)} onValuesChange={f.onValuesChange} onFinish={onFinish} scrollToFirstError>
        <Block title={t('rs.version')}>
          <div className="form-grid">
            <Form.Item label={t('rs.code')} name="code" extra={t('rs.codeHelp')} rules={[...req, { min: 3, message: t('validation.min', { n: 3 }) }]}>
              <Input maxLength={60} />
            </Form.Item>
            <Form.Item label={t('rs.effectiveFrom')} name="effectiveFrom" extra={t('rs.fromHelp')} rules={req} {...dateProps}>
              <DatePicker format="DD/MM/YYYY" />
            </Form.Item>
            <EvidenceItem name={['evidence']} />
          </div>
          <Form.Item label={t('rs.name')} name="name" rules={[...req, { min: 3, message: t('validation.min', { n: 3 }) }]}>
            <Input maxLength={300} />
          </Form.Item>
          <Form.Item label={t('rs.legalBasis')} name="legalBasis" rules={[...req, { min: 3, message: t('validation.min', { n: 3 }) }]}>
            <Input.TextArea maxLength={1000} autoSize={{ minRows: 2, maxRows: 5 }} />
          </Form.Item>
          <Form.Item label={t('rs.note')} name="note">
            <Input.TextArea maxLength={500} autoSize={{ minRows: 1, maxRows: 3 }} />
          </Form.Item>
        </Block>

        <Block title={t('rs.groups.reception')} id="reception">
          <PeriodRow path="reception.reply" label={t('rs.p.reply')} />
          <PeriodRow path="reception.refusalNotice" label={t('rs.p.refusalNotice')} />
          <PeriodRow path="reception.forwarderInform" label={t('rs.p.forwarderInform')} />
          <div className="editor-row">
            <NumberItem name={at('reception.massGroupMin')} label={t('rs.p.massGroupMin')} />
          </div>
          <Form.List name={at('reception.representatives')}>
            {(fields) =>
              fields.map((field, i) => (
                <div key={field.key} className="editor-row" role="group" aria-label={t('rs.repRow', { n: i + 1 })}>
                  <NumberItem name={[field.name, 'minPeople']} label={`${t('rs.repRow', { n: i + 1 })}: ${t('rs.minPeople')}`} />
                  <NumberItem name={[field.name, 'maxPeople']} label={t('rs.maxPeople')} optional />
                  <NumberItem name={[field.name, 'minReps']} label={t('rs.minReps')} />
                  <NumberItem name={[field.name, 'maxReps']} label={t('rs.maxReps')} />
                </div>
              ))
            }
          </Form.List>
          <div className="editor-row">
            <LegalBasisItem name={at('reception.representativesLegalBasis')} label={`${t('rs.p.representatives')} – ${t('rs.legalBasis')}`} />
          </div>
          {(['province', 'department', 'commune'] as const).map((lvl) => {
            const label = t(`rs.p.periodic${lvl.charAt(0).toUpperCase()}${lvl.slice(1)}`);
            return (
              <div key={lvl} className="editor-row" role="group" aria-label={label} data-testid={`rs-row-periodic-${lvl}`}>
                <NumberItem name={at(`reception.periodic.${lvl}`, 'minSessions')} label={`${label}: ${t('rs.minSessions')}`} wide />
                <Form.Item label={t('rs.periodLabel')} name={at(`reception.periodic.${lvl}`, 'period')} rules={req} style={{ width: 130 }}>
                  <Select options={(['week', 'month'] as const).map((p) => ({ value: p, label: t(`rs.periods.${p}`) }))} />
                </Form.Item>
                <LegalBasisItem name={at(`reception.periodic.${lvl}`, 'legalBasis')} />
                <EvidenceItem name={at(`reception.periodic.${lvl}`, 'evidence')} />
              </div>
            );
          })}
          <div className="editor-row" role="group" aria-label={t('rs.p.deputy')}>
            <Form.Item name={at('reception.periodicDeputyException', 'allowed')} valuePropName="checked" style={{ flex: '2 1 260px' }}>
              <Checkbox>{t('rs.p.deputy')}</Checkbox>
            </Form.Item>
            <Form.Item name={at('reception.periodicDeputyException', 'requiresReason')} valuePropName="checked" style={{ width: 170 }}>
              <Checkbox>{t('rs.requiresReason')}</Checkbox>
            </Form.Item>
            <LegalBasisItem name={at('reception.periodicDeputyException', 'legalBasis')} />
            <EvidenceItem name={at('reception.periodicDeputyException', 'evidence')} />
          </div>
          <p className="muted" data-testid="rs-kept-lists">
            {t('rs.keptLists', { refusals: rules.reception.refusalReasons.length, online: rules.reception.onlineReasons.length, criteria: rules.complaints.complexCriteria.length })}
          </p>
        </Block>

        <Block title={t('rs.groups.letters')} id="letters">
          <PeriodRow path="letters.classification" label={t('rs.p.classification')} />
          <PeriodRow path="letters.transferReply" label={t('rs.p.transferReply')} />
          <PeriodRow path="letters.limitation" label={t('rs.p.limitation')} />
          <div className="editor-row">
            <NumberItem name={at('letters.manyPeopleMin')} label={t('rs.p.manyPeopleMin')} wide />
            <Form.Item label={t('rs.p.duplicateSimilarity')} name={at('letters.duplicateSimilarity')} rules={req} style={{ flex: '2 1 260px' }}>
              <InputNumber step={0.05} precision={2} style={{ width: 120 }} />
            </Form.Item>
          </div>
        </Block>

        <Block title={t('rs.groups.complaints')} id="complaints">
          <PeriodRow path="complaints.acceptance" label={t('rs.p.acceptance')} />
          <TieredRow path="complaints.firstInstance" label={t('rs.p.firstInstance')} />
          <TieredRow path="complaints.secondInstance" label={t('rs.p.secondInstance')} />
          <div className="editor-row" role="group" aria-label={t('rs.p.secondRequestWindow')}>
            <NumberItem name={at('complaints.secondRequestWindow', 'normal')} label={`${t('rs.p.secondRequestWindow')}: ${t('rs.tier.normal')}`} wide />
            <NumberItem name={at('complaints.secondRequestWindow', 'remote')} label={t('rs.tier.remote')} />
            <LegalBasisItem name={at('complaints.secondRequestWindow', 'legalBasis')} />
            <EvidenceItem name={at('complaints.secondRequestWindow', 'evidence')} />
          </div>
          <PeriodRow path="complaints.suspensionNotice" label={t('rs.p.suspensionNotice')} />
          <Form.Item name={at('complaints.suspensionAvailable')} valuePropName="checked">
            <Checkbox>{t('rs.p.suspensionAvailable')}</Checkbox>
          </Form.Item>
        </Block>

        <Block title={t('rs.groups.denunciations')} id="denunciations">
          <div className="editor-row" role="group" aria-label={t('rs.p.initialHandling')}>
            <NumberItem name={at('denunciations.initialHandling', 'normal')} label={`${t('rs.p.initialHandling')}: ${t('rs.tier.normal')}`} wide />
            <NumberItem name={at('denunciations.initialHandling', 'multiSite')} label={t('rs.tier.multiSite')} />
            <LegalBasisItem name={at('denunciations.initialHandling', 'legalBasis')} />
            <EvidenceItem name={at('denunciations.initialHandling', 'evidence')} />
          </div>
          <PeriodRow path="denunciations.transfer" label={t('rs.p.transfer')} />
          <PeriodRow path="denunciations.notifyParties" label={t('rs.p.notifyParties')} />
          <PeriodRow path="denunciations.resolution" label={t('rs.p.resolution')} />
          <div className="editor-row" role="group" aria-label={t('rs.p.extension')}>
            <NumberItem name={at('denunciations.extension', 'maxDays')} label={`${t('rs.p.extension')}: ${t('rs.maxDays')}`} wide />
            <NumberItem name={at('denunciations.extension', 'maxComplex')} label={t('rs.maxComplex')} />
            <NumberItem name={at('denunciations.extension', 'maxEspeciallyComplex')} label={t('rs.maxEspeciallyComplex')} />
            <LegalBasisItem name={at('denunciations.extension', 'legalBasis')} />
            <EvidenceItem name={at('denunciations.extension', 'evidence')} />
          </div>
        </Block>

        <Block title={t('rs.groups.petitions')} id="petitions">
          <PeriodRow path="petitions.answer" label={t('rs.p.answer')} />
        </Block>

        <Block title={t('rs.groups.forms')} id="forms">
          {formKeys(rules).map((k) => (
            <div key={k} className="editor-row" role="group" aria-label={t('rs.formRow', { code: rules.forms[k].code })} data-testid={`rs-row-form-${k}`}>
              <Form.Item label={t('rs.formCode')} name={at('forms', k, 'code')} rules={req} style={{ width: 170 }}>
                <Input maxLength={60} />
              </Form.Item>
              <Form.Item label={t('rs.formTitle')} name={at('forms', k, 'titleVi')} rules={req} style={{ flex: '3 1 260px' }}>
                <Input maxLength={300} />
              </Form.Item>
              <LegalBasisItem name={at('forms', k, 'legalBasis')} />
              <EvidenceItem name={at('forms', k, 'evidence')} />
            </div>
          ))}
        </Block>

        <Block title={t('rs.groups.protection')} id="protection">
          <div className="editor-row">
            <NumberItem name={at('protection.purposeMinLength')} label={t('rs.p.purposeMinLength')} wide />
            <NumberItem name={at('protection.alertReadsPerDay')} label={t('rs.p.alertReadsPerDay')} wide />
            <LegalBasisItem name={at('protection.legalBasis')} />
            <EvidenceItem name={at('protection.evidence')} />
          </div>
        </Block>

        <Block title={t('rs.groups.reports')} id="reports">
          <div className="editor-row">
            <Form.Item label={t('rs.p.visitCounting')} name={at('reports.visitCounting')} rules={req} style={{ flex: '2 1 300px' }}>
              <Select options={(['headcount', 'visits'] as const).map((v) => ({ value: v, label: t(`rs.visitCountingValues.${v}`) }))} />
            </Form.Item>
            <EvidenceItem name={at('reports.evidence')} />
          </div>
        </Block>

        <Block title={t('rs.groups.reminders')} id="reminders">
          <div className="editor-row">
            <NumberItem name={at('reminders.daysAhead')} label={t('rs.p.daysAhead')} wide />
          </div>
        </Block>

        <Button type="primary" htmlType="submit" loading={f.submitting} data-testid="rs-submit">
          {t('rs.submit')}
        </Button>
      </Form>
    </>
  );
}

function Block({ title, id, children }: { title: string; id?: string; children: ReactNode }) {
  return (
    <fieldset className="editor-block" data-testid={id ? `rs-block-${id}` : undefined}>
      <legend>{title}</legend>
      {children}
    </fieldset>
  );
}

/**
 * A whole number. No range check here: the server's validateRules is the one rule, and its
 * message (in both languages) is shown under the input.
 */
function NumberItem({ name, label, optional, wide }: { name: NamePath; label: string; optional?: boolean; wide?: boolean }) {
  const { t } = useTranslation();
  return (
    <Form.Item label={label} name={name} rules={optional ? [] : [{ required: true, message: t('validation.required') }]} style={wide ? { flex: '2 1 260px' } : { flex: '1 1 150px' }}>
      <InputNumber precision={0} style={{ width: 120 }} />
    </Form.Item>
  );
}

function LegalBasisItem({ name, label }: { name: NamePath; label?: string }) {
  const { t } = useTranslation();
  return (
    <Form.Item label={label ?? t('rs.legalBasis')} name={name} rules={[{ required: true, whitespace: true, message: t('validation.required') }]} style={{ flex: '3 1 280px' }}>
      <Input maxLength={500} />
    </Form.Item>
  );
}

function EvidenceItem({ name }: { name: NamePath }) {
  const { t } = useTranslation();
  return (
    <Form.Item label={t('rs.evidence')} name={name} rules={[{ required: true, message: t('validation.required') }]} style={{ width: 170 }}>
      <Select options={(['verified', 'to_verify'] as const).map((e) => ({ value: e, label: t(`rs.evidences.${e}`) }))} />
    </Form.Item>
  );
}

/** A period: amount, unit (as the period allows), legal basis, evidence. */
function PeriodRow({ path, label }: { path: string; label: string }) {
  const { t } = useTranslation();
  return (
    <div className="editor-row" role="group" aria-label={label} data-testid={`rs-row-${path}`}>
      <NumberItem name={at(path, 'amount')} label={label} wide />
      <Form.Item label={t('rs.unitLabel')} name={at(path, 'unit')} rules={[{ required: true, message: t('validation.required') }]} style={{ width: 170 }}>
        <Select options={periodUnits(path).map((u) => ({ value: u, label: t(`rs.units.${u}`) }))} />
      </Form.Item>
      <LegalBasisItem name={at(path, 'legalBasis')} />
      <EvidenceItem name={at(path, 'evidence')} />
    </div>
  );
}

/** A complaint resolution period: normal, complex, remote, remote and complex (days). */
function TieredRow({ path, label }: { path: string; label: string }) {
  const { t } = useTranslation();
  return (
    <div className="editor-row" role="group" aria-label={label} data-testid={`rs-row-${path}`}>
      <NumberItem name={at(path, 'normal')} label={`${label}: ${t('rs.tier.normal')}`} wide />
      <NumberItem name={at(path, 'complex')} label={t('rs.tier.complex')} />
      <NumberItem name={at(path, 'remote')} label={t('rs.tier.remote')} />
      <NumberItem name={at(path, 'remoteComplex')} label={t('rs.tier.remoteComplex')} />
      <LegalBasisItem name={at(path, 'legalBasis')} />
      <EvidenceItem name={at(path, 'evidence')} />
    </div>
  );
}
