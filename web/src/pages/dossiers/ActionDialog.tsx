import { useMemo } from 'react';
import { Alert, Button, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Switch, TreeSelect } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api, type Unit } from '../../api';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { useApiForm } from '../../lib/apiForm';
import { fold } from '../../lib/fold';
import { useApi } from '../../lib/useApi';
import { unitTree } from '../admin/Units';
import type { AllowedAction, DossierDetail } from './types';

/** Requirements this dialog can collect (the transition table's `requires`). */
export const SUPPORTED_REQUIREMENTS = ['handlerId', 'reason', 'legalBasis', 'items', 'newDueAt', 'agencies', 'consultee', 'taskId', 'postal', 'fees'];

/** An action needs something this screen cannot offer yet (e.g. choosing a handler needs a staff directory). */
export function unsupported(a: AllowedAction): string[] {
  return a.requires.filter((r) => !SUPPORTED_REQUIREMENTS.includes(r));
}

/** Wall-clock date and time picked in the form, as a Vietnam-time ISO instant. */
function vnInstant(d: Dayjs): string {
  return `${d.format('YYYY-MM-DDTHH:mm')}:00+07:00`;
}

interface ActionValues {
  handlerId?: string;
  reason?: string;
  legalBasis?: string;
  note?: string;
  items?: string[];
  newDueAt?: Dayjs;
  taskId?: string;
  mode?: 'sequential' | 'parallel';
  agencies?: { unitId: string; task: string; budgetHours: number; lead?: boolean }[];
  consulteeUnitId?: string;
  consulteeName?: string;
  responseWorkingDays?: number;
  fees?: { name: string; amount: number; kind?: 'phi' | 'le_phi' }[];
  postalOperator?: string;
  postalSlipNo?: string;
  postalAddress?: string;
  postalPhone?: string;
}

/**
 * One action on a dossier: asks exactly what the transition table requires, sends it with the
 * version the page read (409 when someone else acted first) and reports the new state.
 */
export function ActionDialog({
  dossier,
  action,
  onClose,
  onDone,
  onStale,
}: {
  dossier: DossierDetail;
  action: AllowedAction;
  onClose: () => void;
  onDone: () => void;
  /** The dossier changed meanwhile (409): reload it. */
  onStale: () => void;
}) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const f = useApiForm<ActionValues>({ draftKey: `dossier-action:${dossier.id}:${action.action}` });
  const needs = (r: string) => action.requires.includes(r);
  const units = useApi<Unit[]>(needs('agencies') || needs('consultee') ? '/units' : null);
  const handlers = useApi<{ items: { id: string; fullName: string; title: string | null; roles: string[] }[] }>(needs('handlerId') ? `/dossiers/${dossier.id}/handlers` : null);
  const treeData = useMemo(() => {
    const toNode = (n: ReturnType<typeof unitTree>[number]): any => ({
      value: n.id,
      title: `${n.shortName ?? n.name} (${n.code})`,
      search: fold(`${n.code} ${n.name} ${n.shortName ?? ''}`),
      children: n.children?.map(toNode),
    });
    return unitTree(units.data ?? []).map(toNode);
  }, [units.data]);
  const openTasks = dossier.steps.filter((s) => (s.kind === 'interagency' || s.kind === 'consultation') && !s.endedAt);
  const unitSelect = (
    <TreeSelect
      allowClear
      showSearch={{ filterTreeNode: (input: string, node: any) => String(node.search ?? '').includes(fold(input)) }}
      treeData={treeData}
      treeDefaultExpandAll
      loading={units.loading}
    />
  );

  const onFinish = f.run(async (v) => {
    const body: Record<string, unknown> = { version: dossier.version };
    if (needs('handlerId')) body.handlerId = v.handlerId;
    if (v.reason?.trim()) body.reason = v.reason.trim();
    if (v.legalBasis?.trim()) body.legalBasis = v.legalBasis.trim();
    if (v.note?.trim()) body.note = v.note.trim();
    if (needs('items')) body.items = (v.items ?? []).map((code) => ({ code }));
    if (needs('newDueAt') && v.newDueAt) body.newDueAt = vnInstant(v.newDueAt);
    if (needs('taskId') && v.taskId) body.taskId = v.taskId;
    if (needs('agencies')) {
      body.agencies = (v.agencies ?? []).map((a) => ({ unitId: a.unitId, task: a.task.trim(), budgetHours: a.budgetHours, lead: !!a.lead }));
      if (v.mode) body.mode = v.mode;
    }
    if (needs('consultee')) {
      body.consultee = { name: (v.consulteeName ?? '').trim(), ...(v.consulteeUnitId ? { unitId: v.consulteeUnitId } : {}) };
      if (v.responseWorkingDays) body.responseWorkingDays = v.responseWorkingDays;
    }
    if (needs('fees')) body.fees = (v.fees ?? []).map((x) => ({ name: x.name.trim(), amount: x.amount, kind: x.kind }));
    if (needs('postal')) {
      body.postal = {
        operator: (v.postalOperator ?? '').trim(),
        slipNo: (v.postalSlipNo ?? '').trim(),
        ...(v.postalAddress?.trim() ? { address: v.postalAddress.trim() } : {}),
        ...(v.postalPhone?.trim() ? { phone: v.postalPhone.trim() } : {}),
      };
    }
    await api(`/dossiers/${dossier.id}/actions/${action.path}`, { method: 'POST', body });
    onDone();
  });

  const required = [{ required: true, message: t('validation.required') }];
  return (
    <Modal
      open
      title={en ? action.labelEn : action.labelVi}
      onCancel={onClose}
      width={680}
      footer={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={f.submitting} onClick={() => f.form.submit()} data-testid="action-submit">
            {en ? action.labelEn : action.labelVi}
          </Button>
        </Space>
      }
    >
      <p className="muted" style={{ marginTop: 0 }}>
        {t('dossierAction.intro', { code: dossier.code })}
      </p>
      <FormErrorAlert
        state={f.state}
        onReload={() => {
          f.discardDraft();
          onStale();
        }}
      />
      <Form form={f.form} name="dossier-action" layout="vertical" initialValues={f.initialValues({ mode: 'sequential', responseWorkingDays: 5, agencies: [{ budgetHours: 8, lead: true }] as any, fees: [{ amount: 0, kind: 'le_phi' }] as any })} onValuesChange={f.onValuesChange} onFinish={onFinish}>
        {needs('handlerId') && (
          <Form.Item label={t('dossierAction.handler')} name="handlerId" rules={required}>
            <Select
              showSearch={{ filterOption: (input, o) => fold(String(o?.label ?? '')).includes(fold(input)) }}
              loading={handlers.loading}
              data-testid="action-handler"
              options={(handlers.data?.items ?? []).map((h) => ({
                value: h.id,
                label: `${h.fullName}${h.title ? ` – ${h.title}` : ''} (${h.roles.map((r) => t(`roles.${r}`, { defaultValue: r })).join(', ')})`,
              }))}
            />
          </Form.Item>
        )}
        {needs('items') && (
          <Form.Item label={t('dossierAction.items')} name="items" rules={[{ validator: (_, v?: string[]) => (v?.length ? Promise.resolve() : Promise.reject(new Error(t('dossierAction.itemsRequired')))) }]}>
            <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 6 }} options={dossier.components.map((c) => ({ value: c.code, label: c.name }))} />
          </Form.Item>
        )}
        {needs('reason') && (
          <Form.Item label={t('dossierAction.reason')} name="reason" rules={[...required, { whitespace: true, message: t('validation.required') }]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
          </Form.Item>
        )}
        {needs('legalBasis') && (
          <Form.Item label={t('dossierAction.legalBasis')} name="legalBasis" rules={required}>
            <Input maxLength={500} />
          </Form.Item>
        )}
        {needs('newDueAt') && (
          <Form.Item label={t('dossierAction.newDueAt')} name="newDueAt" rules={required} extra={t('dossierAction.newDueAtHint')}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="DD/MM/YYYY HH:mm" />
          </Form.Item>
        )}
        {needs('taskId') && (
          <Form.Item label={t('dossierAction.task')} name="taskId" rules={required}>
            <Select options={openTasks.map((s) => ({ value: s.id, label: `${s.unit?.name ?? ''} – ${s.task ?? s.name}` }))} />
          </Form.Item>
        )}
        {needs('agencies') && (
          <>
            <Form.Item label={t('dossierAction.mode')} name="mode">
              <Select
                options={[
                  { value: 'sequential', label: t('dossierAction.sequential') },
                  { value: 'parallel', label: t('dossierAction.parallel') },
                ]}
              />
            </Form.Item>
            <Form.List name="agencies">
              {(fields, { add, remove }) => (
                <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
                  <legend style={{ fontWeight: 600, fontSize: 14 }}>{t('dossierAction.agencies')}</legend>
                  {fields.map((field, i) => (
                    <div key={field.key} style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'flex-start' }}>
                      <Form.Item name={[field.name, 'unitId']} label={t('dossierAction.agency', { n: i + 1 })} rules={required} style={{ flex: '2 1 220px' }}>
                        {unitSelect}
                      </Form.Item>
                      <Form.Item name={[field.name, 'task']} label={t('dossierAction.agencyTask', { n: i + 1 })} rules={required} style={{ flex: '2 1 200px' }}>
                        <Input maxLength={500} />
                      </Form.Item>
                      <Form.Item name={[field.name, 'budgetHours']} label={t('dossierAction.budgetHours', { n: i + 1 })} rules={required} style={{ flex: '1 1 110px' }}>
                        <InputNumber min={0.5} max={2000} step={1} style={{ width: '100%' }} />
                      </Form.Item>
                      <Form.Item name={[field.name, 'lead']} label={t('dossierAction.lead', { n: i + 1 })} valuePropName="checked">
                        <Switch />
                      </Form.Item>
                      <Button icon={<DeleteOutlined />} aria-label={t('dossierAction.removeAgency', { n: i + 1 })} onClick={() => remove(field.name)} style={{ marginTop: 30 }} />
                    </div>
                  ))}
                  <Button icon={<PlusOutlined />} onClick={() => add({ budgetHours: 8, lead: false })}>
                    {t('dossierAction.addAgency')}
                  </Button>
                </fieldset>
              )}
            </Form.List>
          </>
        )}
        {needs('consultee') && (
          <>
            <Form.Item label={t('dossierAction.consulteeUnit')} name="consulteeUnitId">
              {unitSelect}
            </Form.Item>
            <Form.Item label={t('dossierAction.consulteeName')} name="consulteeName" rules={required}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item label={t('dossierAction.responseDays')} name="responseWorkingDays" rules={required}>
              <InputNumber min={1} max={60} />
            </Form.Item>
          </>
        )}
        {needs('fees') && (
          <Form.List name="fees">
            {(fields, { add, remove }) => (
              <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
                <legend style={{ fontWeight: 600, fontSize: 14 }}>{t('dossierAction.fees')}</legend>
                {fields.map((field, i) => (
                  <div key={field.key} style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'flex-start' }}>
                    <Form.Item name={[field.name, 'name']} label={t('dossierAction.feeName', { n: i + 1 })} rules={required} style={{ flex: '2 1 220px' }}>
                      <Input maxLength={200} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'amount']} label={t('dossierAction.feeAmount', { n: i + 1 })} rules={required} style={{ flex: '1 1 140px' }}>
                      <InputNumber min={0} step={1000} style={{ width: '100%' }} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'kind']} label={t('dossierAction.feeKind', { n: i + 1 })} style={{ flex: '1 1 120px' }}>
                      <Select
                        options={[
                          { value: 'le_phi', label: t('dossierAction.lePhi') },
                          { value: 'phi', label: t('dossierAction.phi') },
                        ]}
                      />
                    </Form.Item>
                    <Button icon={<DeleteOutlined />} aria-label={t('dossierAction.removeFee', { n: i + 1 })} onClick={() => remove(field.name)} style={{ marginTop: 30 }} />
                  </div>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({ amount: 0, kind: 'le_phi' })}>
                  {t('dossierAction.addFee')}
                </Button>
              </fieldset>
            )}
          </Form.List>
        )}
        {needs('postal') && (
          <>
            <Form.Item label={t('dossierAction.postalOperator')} name="postalOperator" rules={required}>
              <Input maxLength={100} placeholder="VNPost" />
            </Form.Item>
            <Form.Item label={t('dossierAction.postalSlip')} name="postalSlipNo" rules={required}>
              <Input maxLength={50} />
            </Form.Item>
            <Form.Item label={t('dossierAction.postalAddress')} name="postalAddress">
              <Input maxLength={300} />
            </Form.Item>
            <Form.Item label={t('dossierAction.postalPhone')} name="postalPhone">
              <Input maxLength={20} type="tel" />
            </Form.Item>
          </>
        )}
        <Form.Item label={t('dossierAction.note')} name="note">
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={2000} />
        </Form.Item>
        {action.form && <Alert type="info" showIcon title={t('dossierAction.producesForm', { form: t(`formKeys.${action.form}`, { defaultValue: action.form }) })} />}
      </Form>
    </Modal>
  );
}
