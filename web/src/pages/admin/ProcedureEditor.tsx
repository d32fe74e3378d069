import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, DatePicker, Form, Input, InputNumber, Select, Space, TreeSelect, type FormInstance } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api, ApiError, type Unit } from '../../api';
import { ErrorBox } from '../../components/ErrorBox';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { Loading } from '../../components/Status';
import { useApiForm } from '../../lib/apiForm';
import { fold } from '../../lib/fold';
import { useApi } from '../../lib/useApi';
import { usePageTitle } from '../../lib/usePageTitle';
import { unitTree } from './Units';
import './ProcedureTexts';

type NamePath = (string | number)[];

const LEVELS = ['province', 'commune', 'ministry', 'vertical'] as const;
const APPLICANTS = ['citizen', 'organisation', 'business', 'foreigner', 'overseas'] as const;
const ONLINE = ['full', 'partial', 'none'] as const;
const POSTAL = ['none', 'send', 'receive', 'both'] as const;
const STATUSES = ['published', 'pending_removal', 'testing', 'withdrawn'] as const;
const TIME_UNITS = ['working_days', 'working_hours', 'days', 'same_day', 'months'] as const;
const STEP_ROLES = ['counter_officer', 'specialist', 'leader'] as const;
const FEE_KINDS = ['phi', 'le_phi'] as const;
const ACTIONS = ['forward', 'send_back', 'request_supplement', 'request_payment', 'consult', 'approve', 'refuse'] as const;

interface Step {
  code: string;
  name: string;
  role: string;
  unit: string;
  budgetHours: number;
  parallelGroup?: string | null;
  clock?: 'runs' | 'paused';
  [k: string]: unknown;
}
interface Transition {
  action: string;
  from: string;
  to: string;
  reasonRequired?: boolean;
  [k: string]: unknown;
}
interface Component {
  code: string;
  name: string;
  originals: number;
  certifiedCopies: number;
  copies: number;
  required: boolean;
  [k: string]: unknown;
}
interface Fee {
  code?: string | null;
  name: string;
  amount: number;
  kind: string;
  unit?: string | null;
  [k: string]: unknown;
}
interface VariantValues {
  version?: number;
  code: string;
  name: string;
  processingAmount: number;
  processingUnit: string;
  onlineProcessingAmount: number | null;
  setsCount: number;
  components: Component[];
  fees: Fee[];
  process: { steps: Step[]; phases?: unknown[]; transitions: Transition[] };
  legalBasis: string;
  effectiveFrom: string | null;
}
interface UnitLink {
  id: string;
  code: string;
  name: string;
}
interface Sheet {
  id: string;
  nationalCode: string;
  portalCode: string | null;
  localCode: string | null;
  name: string;
  field: { code: string; name: string } | null;
  level: string;
  applicantTypes: string[];
  onlineLevel: string;
  onlineReason: string | null;
  postal: string;
  cutoffTime: string | null;
  immediateResult: boolean;
  resultDocuments: string | null;
  paperResult: boolean;
  stepsText: string | null;
  methodText: string | null;
  requirementsText: string | null;
  legalBasis: string;
  publicationDecision: string | null;
  status: string;
  effectiveFrom: string | null;
  effectiveTo: string | null;
  version: number;
  units: { receiving: UnitLink[]; competent: UnitLink[]; cooperating: UnitLink[] };
  variants: (VariantValues & { id: string })[];
}
interface GeneralValues {
  version?: number;
  nationalCode?: string;
  name: string;
  portalCode: string | null;
  field: string;
  level: string;
  applicantTypes: string[];
  onlineLevel: string;
  onlineReason: string | null;
  postal: string;
  cutoffTime: string | null;
  resultDocuments: string | null;
  legalBasis: string;
  publicationDecision: string | null;
  status: string;
  effectiveFrom: string | null;
  effectiveTo: string | null;
  units: { receiving: string[]; competent: string[]; cooperating: string[] };
  variants?: VariantValues[];
}

const todayVn = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
const dateProps = {
  getValueProps: (v: string | null | undefined) => ({ value: v ? dayjs(v) : null }),
  normalize: (d: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : null),
};
const blank = (s: unknown) => (typeof s === 'string' ? s.trim() || null : (s ?? null));

/**
 * The catalogue validator names array items `steps[2]` and prefixes each message with the path;
 * the form wants `steps.2` and the message alone next to the field.
 */
export function normalizeCatalogueError(e: unknown, prefix = ''): unknown {
  if (!(e instanceof ApiError) || !e.fields.length) return e;
  const strip = (path: string, m: string) => (m.startsWith(path + ': ') ? m.slice(path.length + 2) : m);
  const fields = e.fields.map((f) => ({
    // The sum of the step budgets is checked on the whole list: shown under the computed total.
    field: prefix + f.field.replace(/\[(\d+)\]/g, '.$1').replace(/^body\./, '').replace(/(^|\.)process\.steps$/, '$1process.budgetTotal'),
    message: strip(f.field, f.message),
    messageVi: strip(f.field, f.messageVi),
  }));
  const out = new ApiError(e.status, e.code, e.messageEn, e.messageVi, fields);
  out.redirected = e.redirected;
  return out;
}

/** Σ budgets along the longest path: a parallel group counts its longest member; paused steps are not counted. */
export function budgetSum(steps: Step[] | undefined): number {
  let sum = 0;
  let i = 0;
  const list = steps ?? [];
  while (i < list.length) {
    const g = list[i]?.parallelGroup;
    let j = i;
    let max = 0;
    do {
      const s = list[j];
      if (s && s.clock !== 'paused') max = Math.max(max, Number(s.budgetHours) || 0);
      j++;
    } while (g && j < list.length && list[j]?.parallelGroup === g);
    sum += max;
    i = j;
  }
  return Math.round(sum * 100) / 100;
}

/**
 * Forward transitions from the step order and parallel groups (fork into a group, join after it);
 * every other action is kept when both its steps still exist. A step that decides (approve /
 * refuse) gets no forward.
 */
export function rebuildTransitions(steps: Step[], transitions: Transition[]): Transition[] {
  const codes = new Set(steps.map((s) => s.code));
  const kept = transitions.filter((t) => t.action !== 'forward' && codes.has(t.from) && codes.has(t.to));
  const blocks: string[][] = [];
  steps.forEach((s, i) => {
    const g = blank(s.parallelGroup);
    if (g && i > 0 && blank(steps[i - 1].parallelGroup) === g) blocks[blocks.length - 1].push(s.code);
    else blocks.push([s.code]);
  });
  const deciding = new Set(kept.filter((t) => t.action === 'approve' || t.action === 'refuse').map((t) => t.from));
  const forward: Transition[] = [];
  for (let b = 0; b < blocks.length - 1; b++) {
    for (const from of blocks[b]) {
      if (deciding.has(from)) continue;
      for (const to of blocks[b + 1]) forward.push({ action: 'forward', from, to });
    }
  }
  return [...forward, ...kept];
}

/** The variant body the API takes (variantProperties), with empty optional texts as null. */
function variantBody(v: VariantValues) {
  return {
    code: v.code.trim(),
    name: v.name.trim(),
    processingAmount: v.processingAmount,
    processingUnit: v.processingUnit,
    onlineProcessingAmount: v.onlineProcessingAmount ?? null,
    setsCount: v.setsCount,
    components: (v.components ?? []).map((c) => ({ ...c, code: String(c.code ?? '').trim(), name: String(c.name ?? '').trim(), required: !!c.required, template: blank(c.template), note: blank(c.note) })),
    fees: (v.fees ?? []).map((f) => ({ ...f, code: blank(f.code), name: String(f.name ?? '').trim(), unit: blank(f.unit), note: blank(f.note), exemptions: blank(f.exemptions), legalBasis: blank(f.legalBasis) })),
    process: {
      ...Object.fromEntries(Object.entries(v.process ?? {}).filter(([k]) => k !== 'budgetTotal')),
      steps: (v.process?.steps ?? []).map((s) => ({ ...s, code: String(s.code ?? '').trim(), name: String(s.name ?? '').trim(), parallelGroup: blank(s.parallelGroup), clock: s.clock ?? 'runs' })),
      transitions: v.process?.transitions ?? [],
    },
    legalBasis: v.legalBasis.trim(),
    effectiveFrom: v.effectiveFrom ?? null,
  };
}

function useUnits() {
  const units = useApi<Unit[]>('/units');
  return useMemo(() => {
    const today = todayVn();
    const current = (units.data ?? []).filter((u) => !u.validTo || u.validTo > today);
    const toNode = (n: ReturnType<typeof unitTree>[number]): any => ({
      value: n.code,
      title: `${n.shortName ?? n.name} (${n.code})`,
      search: fold(`${n.code} ${n.name} ${n.shortName ?? ''}`),
      children: n.children?.map(toNode),
    });
    return { tree: unitTree(current).map(toNode), list: current, loading: units.loading };
  }, [units.data, units.loading]);
}

const DEFAULT_VARIANT: VariantValues = {
  code: 'default',
  name: '',
  processingAmount: 3,
  processingUnit: 'working_days',
  onlineProcessingAmount: null,
  setsCount: 1,
  components: [],
  fees: [],
  process: {
    steps: [
      { code: 'intake', name: 'Tiếp nhận hồ sơ', role: 'counter_officer', unit: 'receiving', budgetHours: 2 },
      { code: 'appraise', name: 'Thẩm định hồ sơ', role: 'specialist', unit: 'competent', budgetHours: 14 },
      { code: 'approve', name: 'Lãnh đạo phê duyệt', role: 'leader', unit: 'competent', budgetHours: 6 },
      { code: 'return', name: 'Trả kết quả', role: 'counter_officer', unit: 'receiving', budgetHours: 2 },
    ],
    transitions: [
      { action: 'forward', from: 'intake', to: 'appraise' },
      { action: 'forward', from: 'appraise', to: 'approve' },
      { action: 'request_supplement', from: 'appraise', to: 'appraise', reasonRequired: true },
      { action: 'send_back', from: 'approve', to: 'appraise', reasonRequired: true },
      { action: 'approve', from: 'approve', to: 'return' },
      { action: 'refuse', from: 'approve', to: 'return', reasonRequired: true },
    ],
  },
  legalBasis: '',
  effectiveFrom: null,
};

/** /quan-tri/thu-tuc/moi and /quan-tri/thu-tuc/:id — the procedure editor (administrators). */
export default function ProcedureEditor() {
  const { id } = useParams();
  return id && id !== 'moi' ? <EditProcedure id={id} /> : <CreateProcedure />;
}

function useFields() {
  const fields = useApi<{ code: string; name: string }[]>('/procedure-fields', { status: 'all' });
  return (fields.data ?? []).map((f) => ({ value: f.code, label: `${f.name} (${f.code})` }));
}

function GeneralFields({ create, fieldOptions, units }: { create: boolean; fieldOptions: { value: string; label: string }[]; units: ReturnType<typeof useUnits> }) {
  const { t } = useTranslation();
  const req = [{ required: true, message: t('validation.required') }];
  const unitSelect = (
    <TreeSelect
      multiple
      treeData={units.tree}
      loading={units.loading}
      treeDefaultExpandedKeys={units.tree.map((n: any) => n.value)}
      showSearch={{ filterTreeNode: (input: string, node: any) => String(node.search ?? '').includes(fold(input)) }}
      popupMatchSelectWidth={false}
    />
  );
  return (
    <>
      <Form.Item name="version" hidden>
        <Input type="hidden" />
      </Form.Item>
      <div className="form-grid">
        <Form.Item label={t('pe.nationalCode')} name="nationalCode" rules={create ? req : []}>
          <Input maxLength={60} disabled={!create} />
        </Form.Item>
        <Form.Item label={t('pe.portalCode')} name="portalCode">
          <Input maxLength={80} />
        </Form.Item>
      </div>
      <Form.Item label={t('pe.name')} name="name" rules={[...req, { min: 3, message: t('validation.min', { n: 3 }) }]}>
        <Input.TextArea maxLength={500} autoSize={{ minRows: 1, maxRows: 3 }} />
      </Form.Item>
      <div className="form-grid">
        <Form.Item label={t('pe.field')} name="field" rules={req}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={fieldOptions} />
        </Form.Item>
        <Form.Item label={t('pe.level')} name="level" rules={req}>
          <Select options={LEVELS.map((l) => ({ value: l, label: t(`levels.${l}`) }))} />
        </Form.Item>
        <Form.Item label={t('pe.status')} name="status">
          <Select options={STATUSES.map((s) => ({ value: s, label: t(`pe.statuses.${s}`) }))} />
        </Form.Item>
      </div>
      <Form.Item label={t('pe.applicantTypes')} name="applicantTypes" rules={req}>
        <Select mode="multiple" options={APPLICANTS.map((a) => ({ value: a, label: t(`pe.applicants.${a}`) }))} />
      </Form.Item>
      <div className="form-grid">
        <Form.Item label={t('pe.onlineLevel')} name="onlineLevel" rules={req}>
          <Select options={ONLINE.map((o) => ({ value: o, label: t(`online.${o}`) }))} />
        </Form.Item>
        <Form.Item label={t('pe.postal')} name="postal" rules={req}>
          <Select options={POSTAL.map((p) => ({ value: p, label: t(`postal.${p}`) }))} />
        </Form.Item>
        <Form.Item
          label={t('pe.cutoffTime')}
          name="cutoffTime"
          extra={t('pe.cutoffHelp')}
          rules={[{ pattern: /^([01][0-9]|2[0-3]):[0-5][0-9]$/, message: 'HH:MM' }]}
        >
          <Input maxLength={5} placeholder="15:00" style={{ width: 120 }} />
        </Form.Item>
      </div>
      <Form.Item noStyle shouldUpdate={(a, b) => a.onlineLevel !== b.onlineLevel}>
        {({ getFieldValue }) =>
          getFieldValue('onlineLevel') === 'partial' && (
            <Form.Item label={t('pe.onlineReason')} name="onlineReason" rules={req}>
              <Input maxLength={1000} />
            </Form.Item>
          )
        }
      </Form.Item>
      <Form.Item label={t('pe.receivingUnits')} name={['units', 'receiving']} rules={req}>
        {unitSelect}
      </Form.Item>
      <Form.Item label={t('pe.competentUnits')} name={['units', 'competent']} rules={req}>
        {unitSelect}
      </Form.Item>
      <Form.Item label={t('pe.cooperatingUnits')} name={['units', 'cooperating']}>
        {unitSelect}
      </Form.Item>
      <Form.Item label={t('pe.resultDocuments')} name="resultDocuments">
        <Input maxLength={1000} />
      </Form.Item>
      <Form.Item label={t('pe.legalBasis')} name="legalBasis" rules={[...req, { min: 3, message: t('validation.min', { n: 3 }) }]}>
        <Input.TextArea maxLength={5000} autoSize={{ minRows: 2, maxRows: 6 }} />
      </Form.Item>
      <div className="form-grid">
        <Form.Item label={t('pe.publicationDecision')} name="publicationDecision">
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item label={t('pe.effectiveFrom')} name="effectiveFrom" {...dateProps}>
          <DatePicker format="DD/MM/YYYY" />
        </Form.Item>
        <Form.Item label={t('pe.effectiveTo')} name="effectiveTo" {...dateProps}>
          <DatePicker format="DD/MM/YYYY" />
        </Form.Item>
      </div>
    </>
  );
}

function generalBody(v: GeneralValues, sheet: Sheet | null) {
  return {
    name: v.name.trim(),
    portalCode: blank(v.portalCode),
    localCode: sheet?.localCode ?? null,
    field: v.field,
    level: v.level,
    applicantTypes: v.applicantTypes,
    onlineLevel: v.onlineLevel,
    onlineReason: v.onlineLevel === 'partial' ? blank(v.onlineReason) : null,
    postal: v.postal,
    cutoffTime: blank(v.cutoffTime),
    immediateResult: sheet?.immediateResult ?? false,
    resultDocuments: blank(v.resultDocuments),
    paperResult: sheet?.paperResult ?? true,
    stepsText: sheet?.stepsText ?? null,
    methodText: sheet?.methodText ?? null,
    requirementsText: sheet?.requirementsText ?? null,
    legalBasis: v.legalBasis.trim(),
    publicationDecision: blank(v.publicationDecision),
    status: v.status,
    effectiveFrom: v.effectiveFrom ?? null,
    effectiveTo: v.effectiveTo ?? null,
    units: { receiving: v.units.receiving ?? [], competent: v.units.competent ?? [], cooperating: v.units.cooperating ?? [] },
  };
}

function EditProcedure({ id }: { id: string }) {
  const { t } = useTranslation();
  const sheet = useApi<Sheet>(`/procedures/${id}`);
  const fieldOptions = useFields();
  const units = useUnits();
  const [caseCode, setCaseCode] = useState<string | null>(null);
  usePageTitle(sheet.data ? t('pe.editTitle', { name: sheet.data.name }) : t('pe.listTitle'));
  if (sheet.error) return <ErrorBox error={sheet.error} onRetry={sheet.reload} />;
  if (!sheet.data) return <Loading />;
  const s = sheet.data;
  const variant = s.variants.find((v) => v.code === caseCode) ?? s.variants[0];
  return (
    <>
      <p>
        <Link to="/quan-tri/thu-tuc">← {t('pe.back')}</Link>
      </p>
      <div className="page-head">
        <h1>{t('pe.editTitle', { name: s.name })}</h1>
        <Link to={`/thu-tuc/${s.id}`} data-testid="view-sheet">
          {t('pe.viewSheet')}
        </Link>
      </div>
      <Card title={<h2 style={{ fontSize: 18, margin: 0 }}>{t('pe.general')}</h2>} style={{ marginBottom: 16 }}>
        <GeneralForm key={`g${s.version}`} sheet={s} fieldOptions={fieldOptions} units={units} onSaved={sheet.reload} />
      </Card>
      <Card title={<h2 style={{ fontSize: 18, margin: 0 }}>{t('pe.variant')}</h2>}>
        {s.variants.length > 1 && (
          <p>
            <label htmlFor="case-pick" style={{ display: 'block', marginBottom: 4 }}>{t('pe.variantPick')}</label>
            <Select id="case-pick" value={variant?.code} onChange={setCaseCode} style={{ minWidth: 320 }} options={s.variants.map((v) => ({ value: v.code, label: `${v.name} (${v.code})` }))} />
          </p>
        )}
        {variant ? <VariantForm key={`v${s.version}:${variant.code}`} sheet={s} variant={variant} units={units} onSaved={sheet.reload} /> : <Alert type="warning" title={t('pe.noVariant')} />}
      </Card>
    </>
  );
}

function GeneralForm({ sheet, fieldOptions, units, onSaved }: { sheet: Sheet; fieldOptions: { value: string; label: string }[]; units: ReturnType<typeof useUnits>; onSaved: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const f = useApiForm<GeneralValues>({ draftKey: `procedure:${sheet.id}`, exclude: ['version'] });
  const defaults: GeneralValues = {
    version: sheet.version,
    nationalCode: sheet.nationalCode,
    name: sheet.name,
    portalCode: sheet.portalCode,
    field: sheet.field?.code ?? '',
    level: sheet.level,
    applicantTypes: sheet.applicantTypes,
    onlineLevel: sheet.onlineLevel,
    onlineReason: sheet.onlineReason,
    postal: sheet.postal,
    cutoffTime: sheet.cutoffTime,
    resultDocuments: sheet.resultDocuments,
    legalBasis: sheet.legalBasis,
    publicationDecision: sheet.publicationDecision,
    status: sheet.status,
    effectiveFrom: sheet.effectiveFrom,
    effectiveTo: sheet.effectiveTo,
    units: { receiving: sheet.units.receiving.map((u) => u.code), competent: sheet.units.competent.map((u) => u.code), cooperating: sheet.units.cooperating.map((u) => u.code) },
  };
  const onFinish = f.run(async () => {
    const v = f.form.getFieldsValue(true) as GeneralValues;
    try {
      await api(`/procedures/${sheet.id}`, { method: 'PATCH', body: { version: sheet.version, ...generalBody(v, sheet) } });
    } catch (e) {
      throw normalizeCatalogueError(e);
    }
    message.success(t('pe.savedGeneral'));
    onSaved();
  });
  return (
    <>
      <FormErrorAlert state={f.state} />
      <Form form={f.form} name="procedure" layout="vertical" initialValues={f.initialValues(defaults)} onValuesChange={f.onValuesChange} onFinish={onFinish}>
        <GeneralFields create={false} fieldOptions={fieldOptions} units={units} />
        <Button type="primary" htmlType="submit" loading={f.submitting} data-testid="save-general">
          {t('pe.saveGeneral')}
        </Button>
      </Form>
    </>
  );
}

function VariantForm({ sheet, variant, units, onSaved }: { sheet: Sheet; variant: VariantValues; units: ReturnType<typeof useUnits>; onSaved: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const f = useApiForm<VariantValues>({ draftKey: `procedure-variant:${sheet.id}:${variant.code}`, exclude: ['version'] });
  const defaults: VariantValues = {
    code: variant.code,
    name: variant.name,
    processingAmount: variant.processingAmount,
    processingUnit: variant.processingUnit,
    onlineProcessingAmount: variant.onlineProcessingAmount,
    setsCount: variant.setsCount,
    components: variant.components,
    fees: variant.fees,
    process: variant.process,
    legalBasis: variant.legalBasis,
    effectiveFrom: todayVn(),
  };
  const onFinish = f.run(async () => {
    const v = f.form.getFieldsValue(true) as VariantValues;
    try {
      await api(`/procedures/${sheet.id}/variants`, { method: 'POST', body: { version: sheet.version, ...variantBody(v) }, idempotencyKey: f.idempotencyKey() });
    } catch (e) {
      throw normalizeCatalogueError(e);
    }
    message.success(t('pe.savedVariant', { name: v.name }));
    onSaved();
  });
  const cooperating = sheet.units.cooperating.map((u) => u.code);
  return (
    <>
      <p className="muted">{t('pe.variantIntro')}</p>
      <FormErrorAlert state={f.state} />
      <Form form={f.form} name="variant" layout="vertical" initialValues={f.initialValues(defaults)} onValuesChange={f.onValuesChange} onFinish={onFinish}>
        <VariantFields prefix={[]} units={units} preferredUnits={cooperating} lockCode />
        <Form.Item label={t('pe.variantFrom')} name="effectiveFrom" rules={[{ required: true, message: t('validation.required') }]} {...dateProps}>
          <DatePicker format="DD/MM/YYYY" disabledDate={(d) => d.format('YYYY-MM-DD') < todayVn()} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={f.submitting} data-testid="save-variant">
          {t('pe.saveVariant')}
        </Button>
      </Form>
    </>
  );
}

function CreateProcedure() {
  const { t } = useTranslation();
  usePageTitle(t('pe.createTitle'));
  const { message } = App.useApp();
  const navigate = useNavigate();
  const fieldOptions = useFields();
  const units = useUnits();
  const f = useApiForm<GeneralValues>({ draftKey: 'procedure:new' });
  const defaults: Partial<GeneralValues> = {
    level: 'province',
    applicantTypes: ['citizen'],
    onlineLevel: 'none',
    postal: 'both',
    cutoffTime: '15:00',
    status: 'published',
    units: { receiving: [], competent: [], cooperating: [] },
    variants: [DEFAULT_VARIANT],
  };
  const onFinish = f.run(async () => {
    const v = f.form.getFieldsValue(true) as GeneralValues;
    let created: { id: string };
    try {
      created = await api<{ id: string }>('/procedures', {
        method: 'POST',
        body: { nationalCode: (v.nationalCode ?? '').trim(), ...generalBody(v, null), variants: (v.variants ?? []).map(variantBody) },
        idempotencyKey: f.idempotencyKey(),
      });
    } catch (e) {
      throw normalizeCatalogueError(e);
    }
    message.success(t('pe.created'));
    navigate(`/quan-tri/thu-tuc/${created.id}`, { replace: true });
  });
  return (
    <>
      <p>
        <Link to="/quan-tri/thu-tuc">← {t('pe.back')}</Link>
      </p>
      <h1>{t('pe.createTitle')}</h1>
      <FormErrorAlert state={f.state} />
      <Form form={f.form} name="procedure" layout="vertical" initialValues={f.initialValues(defaults)} onValuesChange={f.onValuesChange} onFinish={onFinish}>
        <Card title={<h2 style={{ fontSize: 18, margin: 0 }}>{t('pe.general')}</h2>} style={{ marginBottom: 16 }}>
          <GeneralFields create fieldOptions={fieldOptions} units={units} />
        </Card>
        <Card title={<h2 style={{ fontSize: 18, margin: 0 }}>{t('pe.variant')}</h2>} style={{ marginBottom: 16 }}>
          <VariantFields prefix={['variants', 0]} units={units} preferredUnits={[]} />
        </Card>
        <Button type="primary" htmlType="submit" loading={f.submitting} data-testid="save-create">
          {t('pe.saveCreate')}
        </Button>
      </Form>
    </>
  );
}

/** The fields of one case: time, documents, fees and the process (steps and transitions). */
function VariantFields({ prefix, units, preferredUnits, lockCode }: { prefix: NamePath; units: ReturnType<typeof useUnits>; preferredUnits: string[]; lockCode?: boolean }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const req = [{ required: true, message: t('validation.required') }];
  const p = (...rest: NamePath) => [...prefix, ...rest];
  const steps = Form.useWatch(p('process', 'steps'), form) as Step[] | undefined;
  const stepOptions = (steps ?? []).filter((s) => s?.code).map((s) => ({ value: s.code, label: `${s.code} – ${s.name ?? ''}` }));
  const unitOptions = useMemo(() => {
    const fixed = [...new Set([...preferredUnits, ...units.list.map((u) => u.code)])];
    const byCode = new Map(units.list.map((u) => [u.code, u]));
    return [
      { value: 'receiving', label: t('pe.unitReceiving') },
      { value: 'competent', label: t('pe.unitCompetent') },
      ...fixed.map((c) => ({ value: c, label: `${byCode.get(c)?.shortName ?? byCode.get(c)?.name ?? c} (${c})` })),
    ];
  }, [units.list, preferredUnits, t]);

  return (
    <>
      <div className="form-grid">
        <Form.Item label={t('pe.caseCode')} name={p('code')} rules={req}>
          <Input maxLength={40} disabled={lockCode} />
        </Form.Item>
        <Form.Item label={t('pe.caseName')} name={p('name')} rules={[...req, { min: 2, message: t('validation.min', { n: 2 }) }]}>
          <Input maxLength={300} />
        </Form.Item>
      </div>
      <div className="form-grid">
        <Form.Item label={t('pe.processingAmount')} name={p('processingAmount')} rules={req}>
          <InputNumber min={0} max={1000} step={0.5} style={{ width: 140 }} />
        </Form.Item>
        <Form.Item label={t('pe.processingUnit')} name={p('processingUnit')} rules={req}>
          <Select style={{ minWidth: 180 }} options={TIME_UNITS.map((u) => ({ value: u, label: t(`pe.units.${u}`) }))} />
        </Form.Item>
        <Form.Item label={t('pe.onlineAmount')} name={p('onlineProcessingAmount')}>
          <InputNumber min={0} max={1000} step={0.5} style={{ width: 140 }} />
        </Form.Item>
        <Form.Item label={t('pe.setsCount')} name={p('setsCount')} rules={req}>
          <InputNumber min={1} max={20} style={{ width: 100 }} />
        </Form.Item>
      </div>
      <Form.Item label={t('pe.variantLegalBasis')} name={p('legalBasis')} rules={[...req, { min: 3, message: t('validation.min', { n: 3 }) }]}>
        <Input.TextArea maxLength={2000} autoSize={{ minRows: 1, maxRows: 4 }} />
      </Form.Item>

      <fieldset className="editor-block">
        <legend>{t('pe.components')}</legend>
        <Form.List name={p('components')}>
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, i) => (
                <div key={field.key} className="editor-row" role="group" aria-label={t('pe.row', { n: i + 1 })} data-testid={`component-${i}`}>
                  <Form.Item label={t('pe.componentCode')} name={[field.name, 'code']} rules={req} style={{ width: 110 }}>
                    <Input maxLength={40} />
                  </Form.Item>
                  <Form.Item label={t('pe.componentName')} name={[field.name, 'name']} rules={req} style={{ flex: '3 1 260px' }}>
                    <Input maxLength={1000} />
                  </Form.Item>
                  <Form.Item label={t('pe.originals')} name={[field.name, 'originals']} rules={req} style={{ width: 90 }}>
                    <InputNumber min={0} max={50} />
                  </Form.Item>
                  <Form.Item label={t('pe.certifiedCopies')} name={[field.name, 'certifiedCopies']} rules={req} style={{ width: 130 }}>
                    <InputNumber min={0} max={50} />
                  </Form.Item>
                  <Form.Item label={t('pe.copies')} name={[field.name, 'copies']} rules={req} style={{ width: 90 }}>
                    <InputNumber min={0} max={50} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'required']} valuePropName="checked" label=" " style={{ width: 100 }}>
                    <Checkbox>{t('pe.required')}</Checkbox>
                  </Form.Item>
                  <Button icon={<DeleteOutlined />} aria-label={t('pe.removeComponent', { n: i + 1 })} onClick={() => remove(field.name)} className="editor-remove" />
                </div>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ code: '', name: '', originals: 1, certifiedCopies: 0, copies: 0, required: true })}>
                {t('pe.addComponent')}
              </Button>
            </>
          )}
        </Form.List>
      </fieldset>

      <fieldset className="editor-block">
        <legend>{t('pe.fees')}</legend>
        <Form.List name={p('fees')}>
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, i) => (
                <div key={field.key} className="editor-row" role="group" aria-label={t('pe.row', { n: i + 1 })}>
                  <Form.Item label={t('pe.feeName')} name={[field.name, 'name']} rules={req} style={{ flex: '3 1 260px' }}>
                    <Input maxLength={300} />
                  </Form.Item>
                  <Form.Item label={t('pe.feeAmount')} name={[field.name, 'amount']} rules={req} style={{ width: 150 }}>
                    <InputNumber min={0} step={1000} style={{ width: '100%' }} />
                  </Form.Item>
                  <Form.Item label={t('pe.feeKind')} name={[field.name, 'kind']} rules={req} style={{ width: 120 }}>
                    <Select options={FEE_KINDS.map((k) => ({ value: k, label: t(`pe.feeKinds.${k}`) }))} />
                  </Form.Item>
                  <Form.Item label={t('pe.feeUnit')} name={[field.name, 'unit']} style={{ width: 120 }}>
                    <Input maxLength={50} />
                  </Form.Item>
                  <Button icon={<DeleteOutlined />} aria-label={t('pe.removeFee', { n: i + 1 })} onClick={() => remove(field.name)} className="editor-remove" />
                </div>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ name: '', amount: 0, kind: 'le_phi' })}>
                {t('pe.addFee')}
              </Button>
            </>
          )}
        </Form.List>
      </fieldset>

      <fieldset className="editor-block">
        <legend>{t('pe.process')}</legend>
        <p className="muted">{t('pe.processHelp')}</p>
        <Form.List name={p('process', 'steps')}>
          {(fields, { add, remove, move }) => (
            <>
              <ol className="editor-steps">
                {fields.map((field, i) => (
                  <li key={field.key} className="editor-row" aria-label={t('pe.row', { n: i + 1 })} data-testid={`step-${i}`}>
                    <Form.Item label={t('pe.stepCode')} name={[field.name, 'code']} rules={req} style={{ width: 150 }}>
                      <Input maxLength={40} />
                    </Form.Item>
                    <Form.Item label={t('pe.stepName')} name={[field.name, 'name']} rules={req} style={{ flex: '3 1 240px' }}>
                      <Input maxLength={200} />
                    </Form.Item>
                    <Form.Item label={t('pe.stepRole')} name={[field.name, 'role']} rules={req} style={{ width: 170 }}>
                      <Select options={STEP_ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
                    </Form.Item>
                    <Form.Item label={t('pe.stepUnit')} name={[field.name, 'unit']} rules={req} style={{ width: 220 }}>
                      <Select showSearch={{ optionFilterProp: 'label' }} options={unitOptions} popupMatchSelectWidth={false} />
                    </Form.Item>
                    <Form.Item label={t('pe.stepBudget')} name={[field.name, 'budgetHours']} rules={req} style={{ width: 150 }}>
                      <InputNumber min={0} max={20000} step={0.5} />
                    </Form.Item>
                    <Form.Item label={t('pe.parallelGroup')} name={[field.name, 'parallelGroup']} style={{ width: 140 }}>
                      <Input maxLength={40} />
                    </Form.Item>
                    <Form.Item label={t('pe.clock')} name={[field.name, 'clock']} style={{ width: 140 }}>
                      <Select allowClear options={[{ value: 'runs', label: t('pe.clockRuns') }, { value: 'paused', label: t('pe.clockPaused') }]} />
                    </Form.Item>
                    <Space className="editor-remove" size={4}>
                      <Button icon={<ArrowUpOutlined />} aria-label={t('pe.moveUp', { n: i + 1 })} disabled={i === 0} onClick={() => move(i, i - 1)} />
                      <Button icon={<ArrowDownOutlined />} aria-label={t('pe.moveDown', { n: i + 1 })} disabled={i === fields.length - 1} onClick={() => move(i, i + 1)} />
                      <Button icon={<DeleteOutlined />} aria-label={t('pe.removeStep', { n: i + 1 })} disabled={fields.length <= 2} onClick={() => remove(field.name)} />
                    </Space>
                  </li>
                ))}
              </ol>
              <Space wrap>
                <Button icon={<PlusOutlined />} onClick={() => add({ code: '', name: '', role: 'specialist', unit: 'competent', budgetHours: 0 }, Math.max(fields.length - 1, 0))}>
                  {t('pe.addStep')}
                </Button>
              </Space>
              <Form.Item name={p('process', 'budgetTotal')} style={{ marginTop: 12 }}>
                <BudgetTotal steps={steps} />
              </Form.Item>
            </>
          )}
        </Form.List>
      </fieldset>

      <fieldset className="editor-block">
        <legend>{t('pe.transitions')}</legend>
        <p className="muted">{t('pe.transitionsHelp')}</p>
        <Form.List name={p('process', 'transitions')}>
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, i) => (
                <div key={field.key} className="editor-row" role="group" aria-label={t('pe.row', { n: i + 1 })}>
                  <Form.Item label={t('pe.action')} name={[field.name, 'action']} rules={req} style={{ width: 230 }}>
                    <Select options={ACTIONS.map((a) => ({ value: a, label: t(`pe.actions.${a}`) }))} />
                  </Form.Item>
                  <Form.Item label={t('pe.from')} name={[field.name, 'from']} rules={req} style={{ flex: '1 1 200px' }}>
                    <Select options={stepOptions} popupMatchSelectWidth={false} />
                  </Form.Item>
                  <Form.Item label={t('pe.to')} name={[field.name, 'to']} rules={req} style={{ flex: '1 1 200px' }}>
                    <Select options={stepOptions} popupMatchSelectWidth={false} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'reasonRequired']} valuePropName="checked" label=" " style={{ width: 130 }}>
                    <Checkbox>{t('pe.reasonRequired')}</Checkbox>
                  </Form.Item>
                  <Button icon={<DeleteOutlined />} aria-label={t('pe.removeTransition', { n: i + 1 })} onClick={() => remove(field.name)} className="editor-remove" />
                </div>
              ))}
              <Space wrap>
                <Button icon={<PlusOutlined />} onClick={() => add({ action: 'forward', from: undefined, to: undefined })}>
                  {t('pe.addTransition')}
                </Button>
                <Button onClick={() => rebuild(form, p('process'))} data-testid="rebuild-route">
                  {t('pe.regenerate')}
                </Button>
              </Space>
            </>
          )}
        </Form.List>
      </fieldset>
    </>
  );
}

/** The computed Σ of the step budgets; the server's "exceeds the legal time" error is shown under it. */
function BudgetTotal({ steps }: { steps: Step[] | undefined; value?: unknown; onChange?: unknown }) {
  const { t } = useTranslation();
  return (
    <span aria-live="polite" data-testid="budget-sum">
      {t('pe.budgetSum', { sum: budgetSum(steps) })}
    </span>
  );
}

function rebuild(form: FormInstance, path: NamePath) {
  const steps = (form.getFieldValue([...path, 'steps']) ?? []) as Step[];
  const transitions = (form.getFieldValue([...path, 'transitions']) ?? []) as Transition[];
  form.setFieldValue([...path, 'transitions'], rebuildTransitions(steps, transitions));
}
