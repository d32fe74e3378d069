import { useState, type ReactNode } from 'react';
import { Alert, Button, Checkbox, Form, Input, Radio, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, type Unit } from '../../api';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { useApiForm } from '../../lib/apiForm';
import { useApi } from '../../lib/useApi';
import type { DetailItem } from './common';

const PATHS: Record<string, string> = { request_supplement: 'request-supplement' };
const pathOf = (a: string) => PATHS[a] ?? a;

/**
 * The actions the server says this user may take now (`allowedActions`), each with its own small
 * form. Staff and signed-in senders post to /feedback/{id}/…; anonymous senders to
 * /public/feedback/{code}/… with their tracking secret.
 */
export function ActionPanel({ item, secret, onDone }: { item: DetailItem; secret?: string; onDone: (d: DetailItem) => void }) {
  const { t } = useTranslation();
  const actions = item.allowedActions;
  const [action, setAction] = useState<string | null>(actions[0] ?? null);
  if (actions.length === 0) return null;
  return (
    <section aria-labelledby="fb-actions-h" className="card" style={{ marginTop: 20 }} data-testid="fb-actions">
      <h2 id="fb-actions-h" style={{ marginTop: 0, fontSize: 18 }}>
        {t('fb.actions')}
      </h2>
      <div role="group" aria-label={t('fb.actions')} style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 16 }}>
        {actions.map((a) => (
          <Button key={a} type={a === action ? 'primary' : 'default'} aria-pressed={a === action} onClick={() => setAction(a)} data-testid={`fb-action-${a}`}>
            {t(`fb.do_${a}`)}
          </Button>
        ))}
      </div>
      {action && <ActionForm key={`${action}:${item.version}`} action={action} item={item} secret={secret} onDone={onDone} />}
    </section>
  );
}

function ActionForm({ action, item, secret, onDone }: { action: string; item: DetailItem; secret?: string; onDone: (d: DetailItem) => void }) {
  const { t } = useTranslation();
  const f = useApiForm<Record<string, any>>();
  const units = useApi<Unit[]>(action === 'transfer' ? '/units' : null);
  const [done, setDone] = useState(false);
  const onFinish = f.run(async (v) => {
    const body: Record<string, unknown> = { version: item.version };
    for (const [k, x] of Object.entries(v)) if (x !== undefined && x !== '' && x !== null) body[k] = typeof x === 'string' ? x.trim() : x;
    const url = secret ? `/public/feedback/${item.code}/${pathOf(action)}` : `/feedback/${item.id}/${pathOf(action)}`;
    if (secret) body.secret = secret;
    const d = await api<DetailItem>(url, { method: 'POST', body });
    setDone(true);
    onDone(d);
  });
  const reason = (required: boolean) => (
    <Form.Item label={t('fb.reason')} name="reason" rules={required ? [{ required: true, whitespace: true, message: t('fb.required') }] : []}>
      <Input.TextArea rows={3} maxLength={2000} />
    </Form.Item>
  );
  const text = (
    <Form.Item label={t('fb.text')} name="text" rules={[{ required: true, whitespace: true, message: t('fb.required') }]}>
      <Input.TextArea rows={4} maxLength={4000} />
    </Form.Item>
  );
  let fields: ReactNode;
  switch (action) {
    case 'supplement':
    case 'comment':
      fields = text;
      break;
    case 'rate':
      fields = (
        <Form.Item label={t('fb.rating')} name="rating" rules={[{ required: true, message: t('fb.required') }]}>
          <Radio.Group
            options={['very_satisfied', 'satisfied', 'dissatisfied'].map((r) => ({ value: r, label: t(`fb.rating_${r}`) }))}
          />
        </Form.Item>
      );
      break;
    case 'reopen':
    case 'refuse':
    case 'request_supplement':
      fields = reason(true);
      break;
    case 'close':
      fields = reason(false);
      break;
    case 'classify':
      fields = (
        <Form.Item label={t('fb.subclass')} name="subclass" rules={[{ required: true, message: t('fb.required') }]}>
          <Select options={['regulation_own', 'regulation_other', 'conduct', 'rejected'].map((s) => ({ value: s, label: s }))} />
        </Form.Item>
      );
      break;
    case 'transfer':
      fields = (
        <>
          <Form.Item label={t('fb.toUnit')} name="toUnitId" rules={[{ required: true, message: t('fb.required') }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={units.loading}
              options={(units.data ?? []).filter((u) => u.id !== item.competentUnit.id).map((u) => ({ value: u.id, label: u.name }))}
            />
          </Form.Item>
          {reason(true)}
        </>
      );
      break;
    case 'forward':
      fields = (
        <>
          <Form.Item label={t('fb.toBody')} name="toBody" rules={[{ required: true, whitespace: true, message: t('fb.required') }]}>
            <Input maxLength={300} />
          </Form.Item>
          <Form.Item label={t('fb.subclass')} name="subclass" rules={[{ required: true, message: t('fb.required') }]}>
            <Select options={['regulation_other', 'conduct'].map((s) => ({ value: s, label: s }))} />
          </Form.Item>
          {reason(true)}
        </>
      );
      break;
    case 'answer':
      fields = (
        <>
          <Form.Item label={t('fb.answer')} name="answer" rules={[{ required: true, whitespace: true, message: t('fb.required') }]}>
            <Input.TextArea rows={6} maxLength={20000} />
          </Form.Item>
          <Form.Item label={t('fb.summary')} name="summary">
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
        </>
      );
      break;
    case 'merge':
      fields = (
        <>
          <Form.Item label={t('fb.targetCode')} name="targetCode" rules={[{ required: true, whitespace: true, message: t('fb.required') }]}>
            <Input maxLength={30} placeholder="PAKN-261109-0001" />
          </Form.Item>
          {reason(false)}
        </>
      );
      break;
    case 'reclassify':
      fields = (
        <>
          <Form.Item label={t('fb.kind')} name="kind" rules={[{ required: true, message: t('fb.required') }]}>
            <Radio.Group options={[{ value: 'complaint', label: 'Khiếu nại / Complaint' }, { value: 'denunciation', label: 'Tố cáo / Denunciation' }]} />
          </Form.Item>
          <Form.Item label={t('fb.letterRef')} name="letterRef">
            <Input maxLength={100} />
          </Form.Item>
          {reason(true)}
        </>
      );
      break;
    case 'moderate':
      fields = (
        <>
          <Form.Item name="hidden" valuePropName="checked">
            <Checkbox>{t('fb.hidden')}</Checkbox>
          </Form.Item>
          <Form.Item label={t('fb.publicDescription')} name="publicDescription">
            <Input.TextArea rows={4} maxLength={4000} />
          </Form.Item>
          {reason(true)}
        </>
      );
      break;
    default:
      fields = null;
  }
  return (
    <>
      {done && <Alert type="success" showIcon title={t('fb.done')} role="status" style={{ marginBottom: 12 }} />}
      <FormErrorAlert state={f.state} />
      <Form form={f.form} name={`fb-${action}`} layout="vertical" onFinish={onFinish} initialValues={action === 'moderate' ? { publicDescription: item.publicCopy.description } : {}}>
        {fields}
        <Button type="primary" htmlType="submit" loading={f.submitting} data-testid="fb-action-submit">
          {t(`fb.do_${action}`)}
        </Button>
      </Form>
    </>
  );
}
