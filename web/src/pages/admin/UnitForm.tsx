import { useMemo } from 'react';
import { Alert, Button, DatePicker, Form, Input, Select, Space, Switch, TreeSelect } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { App } from 'antd';
import { api, type Unit } from '../../api';
import { ErrorBox } from '../../components/ErrorBox';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { Loading } from '../../components/Status';
import { useApiForm } from '../../lib/apiForm';
import { fold } from '../../lib/fold';
import { useApi } from '../../lib/useApi';
import { usePageTitle } from '../../lib/usePageTitle';
import { UNIT_KINDS, unitTree } from './Units';

interface UnitValues {
  version?: number;
  code: string;
  name: string;
  shortName?: string;
  kind: string;
  parentId?: string | null;
  validFrom?: string | null;
  validTo?: string | null;
  remoteArea?: boolean;
  address?: string;
  phone?: string;
  legalBasis?: string;
}

/** Date fields keep 'YYYY-MM-DD' strings in the form (so drafts are plain JSON). */
const dateProps = {
  getValueProps: (v: string | null | undefined) => ({ value: v ? dayjs(v) : null }),
  normalize: (d: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : null),
};

const trimOrUndefined = (v?: string | null) => (v && v.trim() ? v.trim() : undefined);

/** /quan-tri/don-vi/moi and /quan-tri/don-vi/:id — create or edit a unit. */
export default function UnitForm() {
  const { id } = useParams();
  const creating = !id;
  const { t } = useTranslation();
  const { message } = App.useApp();
  usePageTitle(creating ? t('units.new') : t('units.edit'));
  const navigate = useNavigate();
  const units = useApi<Unit[]>('/units', { all: true });
  const unit = useApi<Unit & { predecessorIds: string[] }>(creating ? null : `/units/${id}`);

  if (units.error) return <ErrorBox error={units.error} onRetry={units.reload} />;
  if (unit.error) return <ErrorBox error={unit.error} onRetry={unit.reload} />;
  if (!units.data || (!creating && !unit.data)) return <Loading />;
  return (
    <UnitFormBody
      key={unit.data ? `${unit.data.id}:${unit.data.version}` : 'new'}
      units={units.data}
      unit={unit.data ?? null}
      onSaved={(u) => {
        message.success(creating ? t('units.created', { name: u.name }) : t('units.saved'));
        navigate('/quan-tri/don-vi');
      }}
      onReload={unit.reload}
    />
  );
}

function UnitFormBody({ units, unit, onSaved, onReload }: { units: Unit[]; unit: Unit | null; onSaved: (u: Unit) => void; onReload: () => void }) {
  const { t } = useTranslation();
  const f = useApiForm<UnitValues>({ draftKey: unit ? `unit:${unit.id}` : 'unit:new' });
  const treeData = useMemo(() => {
    const toNode = (n: ReturnType<typeof unitTree>[number]): any => ({
      value: n.id,
      title: `${n.code} – ${n.name}`,
      search: fold(`${n.code} ${n.name} ${n.shortName ?? ''}`),
      children: n.children?.map(toNode),
    });
    const today = new Date().toISOString().slice(0, 10);
    return unitTree(units.filter((u) => !u.validTo || u.validTo > today)).map(toNode);
  }, [units]);

  const defaults: Partial<UnitValues> = unit
    ? {
        version: unit.version,
        code: unit.code,
        name: unit.name,
        shortName: unit.shortName ?? '',
        kind: unit.kind,
        parentId: unit.parentId,
        validFrom: unit.validFrom,
        validTo: unit.validTo,
        remoteArea: unit.remoteArea,
        address: unit.address ?? '',
        phone: unit.phone ?? '',
        legalBasis: unit.legalBasis ?? '',
      }
    : { kind: 'commune', parentId: units.find((u) => !u.parentId)?.id ?? null, validFrom: dayjs().format('YYYY-MM-DD'), remoteArea: false };

  const onFinish = f.run(async (v) => {
    if (!unit) {
      const created = await api<Unit>('/units', {
        method: 'POST',
        idempotencyKey: f.idempotencyKey(),
        body: {
          code: v.code.trim(),
          name: v.name.trim(),
          shortName: trimOrUndefined(v.shortName),
          kind: v.kind,
          parentId: v.parentId ?? null,
          validFrom: v.validFrom ?? undefined,
          remoteArea: !!v.remoteArea,
          address: trimOrUndefined(v.address),
          phone: trimOrUndefined(v.phone),
          legalBasis: trimOrUndefined(v.legalBasis),
        },
      });
      onSaved(created);
      return;
    }
    const body: Record<string, unknown> = { version: v.version ?? unit.version };
    if (v.name.trim() !== unit.name) body.name = v.name.trim();
    if ((v.shortName ?? '') !== (unit.shortName ?? '')) body.shortName = (v.shortName ?? '').trim();
    if ((v.address ?? '') !== (unit.address ?? '')) body.address = (v.address ?? '').trim();
    if ((v.phone ?? '') !== (unit.phone ?? '')) body.phone = (v.phone ?? '').trim();
    if (!!v.remoteArea !== unit.remoteArea) body.remoteArea = !!v.remoteArea;
    if ((v.validTo ?? null) !== (unit.validTo ?? null)) body.validTo = v.validTo ?? null;
    const saved = await api<Unit>(`/units/${unit.id}`, { method: 'PATCH', body });
    onSaved(saved);
  });

  return (
    <>
      <div className="page-head">
        <h1>{unit ? t('units.editTitle', { name: unit.name }) : t('units.new')}</h1>
        <Link to="/quan-tri/don-vi">{t('common.backToList')}</Link>
      </div>
      <div className="card" style={{ maxWidth: 860 }}>
        {f.restored && (
          <Alert
            type="info"
            showIcon
            className="form-error"
            title={t('drafts.restored')}
            action={
              <Button size="small" onClick={f.discardDraft}>
                {t('drafts.discard')}
              </Button>
            }
            data-testid="draft-restored"
          />
        )}
        <FormErrorAlert
          state={f.state}
          onReload={() => {
            f.discardDraft();
            onReload();
          }}
        />
        <Form form={f.form} name="unit" layout="vertical" initialValues={f.initialValues(defaults)} onValuesChange={f.onValuesChange} onFinish={onFinish} scrollToFirstError>
          <Form.Item name="version" hidden>
            <Input type="hidden" />
          </Form.Item>
          <Space wrap size="middle" style={{ display: 'flex' }} align="start">
            <Form.Item
              label={t('units.code')}
              name="code"
              extra={t('units.codeHint')}
              style={{ minWidth: 260 }}
              rules={[
                { required: true, message: t('validation.required') },
                { pattern: /^[A-Za-z0-9.-]{3,40}$/, message: t('validation.unitCode') },
              ]}
            >
              <Input disabled={!!unit} maxLength={40} spellCheck={false} />
            </Form.Item>
            <Form.Item label={t('units.kind')} name="kind" rules={[{ required: true, message: t('validation.required') }]} style={{ minWidth: 240 }}>
              <Select disabled={!!unit} options={UNIT_KINDS.map((k) => ({ value: k, label: t(`unitKinds.${k}`) }))} />
            </Form.Item>
          </Space>
          <Form.Item label={t('units.name')} name="name" rules={[{ required: true, whitespace: true, message: t('validation.required') }, { min: 2, message: t('validation.min', { n: 2 }) }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item label={t('units.shortName')} name="shortName">
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item label={t('units.parent')} name="parentId">
            <TreeSelect
              disabled={!!unit}
              allowClear
              showSearch={{ filterTreeNode: (input: string, node: any) => String(node.search ?? '').includes(fold(input)) }}
              treeData={treeData}
              treeDefaultExpandAll
              placeholder={t('units.noParent')}
            />
          </Form.Item>
          <Space wrap size="middle" style={{ display: 'flex' }} align="start">
            {unit ? (
              <>
                <Form.Item label={t('units.validFrom')} name="validFrom" {...dateProps}>
                  <DatePicker disabled format="DD/MM/YYYY" />
                </Form.Item>
                <Form.Item label={t('units.validTo')} name="validTo" extra={t('units.validToHint')} {...dateProps}>
                  <DatePicker format="DD/MM/YYYY" allowClear />
                </Form.Item>
              </>
            ) : (
              <Form.Item label={t('units.validFrom')} name="validFrom" {...dateProps}>
                <DatePicker format="DD/MM/YYYY" />
              </Form.Item>
            )}
            <Form.Item label={t('units.remoteArea')} name="remoteArea" valuePropName="checked">
              <Switch />
            </Form.Item>
          </Space>
          <Form.Item label={t('units.address')} name="address">
            <Input maxLength={300} autoComplete="street-address" />
          </Form.Item>
          <Form.Item label={t('units.phone')} name="phone">
            <Input maxLength={30} type="tel" />
          </Form.Item>
          {!unit && (
            <Form.Item label={t('units.legalBasis')} name="legalBasis" extra={t('units.legalBasisHint')}>
              <Input maxLength={300} />
            </Form.Item>
          )}
          <Space>
            <Button type="primary" htmlType="submit" loading={f.submitting} data-testid="unit-submit">
              {unit ? t('common.save') : t('units.create')}
            </Button>
            <Link to="/quan-tri/don-vi">{t('common.cancel')}</Link>
          </Space>
        </Form>
      </div>
    </>
  );
}
