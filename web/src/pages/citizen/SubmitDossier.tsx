import { useRef, useState } from 'react';
import { Alert, Button, Form, Input, Radio, Select } from 'antd';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api';
import { ErrorBox } from '../../components/ErrorBox';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { Loading } from '../../components/Status';
import { useApiForm } from '../../lib/apiForm';
import { useApi } from '../../lib/useApi';
import { usePageTitle } from '../../lib/usePageTitle';
import { useSession } from '../../session';
import type { DossierDetail } from '../dossiers/types';
import type { ProcedureSheetData } from '../public/ProcedureSheet';
import './i18n';

interface Values {
  variantId?: string;
  receivingUnitId?: string;
  applicant?: { name?: string; address?: string; phone?: string; email?: string };
  summary?: string;
  returnChannel: 'counter' | 'post';
  returnAddress?: string;
}

/**
 * /ca-nhan/nop-ho-so/:procedureId — a signed-in citizen applies online: applicant data (prefilled
 * from the account), the documents with their files, how the result is received. The API's flow:
 * POST /dossiers/drafts → POST /dossiers/:id/files per document → POST /dossiers/:id/submit, the
 * creates with an Idempotency-Key so that a retry after a lost answer creates nothing twice.
 */
export default function SubmitDossier() {
  const { procedureId } = useParams();
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { user } = useSession();
  const sheet = useApi<ProcedureSheetData>(`/procedures/${encodeURIComponent(procedureId ?? '')}`);
  const f = useApiForm<Values>({ draftKey: `submit:${procedureId}` });
  const [files, setFiles] = useState<Record<string, File | undefined>>({});
  const [fileErrors, setFileErrors] = useState<Record<string, string>>({});
  /** What was already done on the server, so that a retry after a failure goes on from there. */
  const progress = useRef<{ draft?: DossierDetail; uploaded: Set<string> }>({ uploaded: new Set() });
  const channel = Form.useWatch('returnChannel', f.form) ?? 'counter';
  const variantId = Form.useWatch('variantId', f.form);
  usePageTitle(sheet.data ? `${t('cz.submitTitle')}: ${sheet.data.name}` : t('cz.submitTitle'));

  if (sheet.error) return <ErrorBox error={sheet.error} onRetry={sheet.reload} />;
  if (!sheet.data) return <Loading />;
  const p = sheet.data;
  const variant = p.variants.find((v) => v.id === variantId) ?? p.variants[0];
  const lang = i18n.language;

  const onFinish = f.run(async (v: Values) => {
    const missing: Record<string, string> = {};
    for (const c of variant?.components ?? []) if (c.required && !files[c.code] && !progress.current.uploaded.has(c.code)) missing[c.code] = t('cz.fileRequired');
    setFileErrors(missing);
    if (Object.keys(missing).length) {
      document.getElementById(`file-${Object.keys(missing)[0]}`)?.focus();
      return;
    }
    const key = f.idempotencyKey();
    let draft = progress.current.draft;
    if (!draft) {
      draft = await api<DossierDetail>('/dossiers/drafts', {
        method: 'POST',
        idempotencyKey: `${key}-draft`,
        body: {
          procedureId: p.id,
          variantId: variant?.id,
          receivingUnitId: v.receivingUnitId,
          summary: v.summary?.trim() || undefined,
          applicant: {
            name: v.applicant?.name?.trim() || undefined,
            address: v.applicant?.address?.trim() || undefined,
            phone: v.applicant?.phone?.trim() || undefined,
            email: v.applicant?.email?.trim() || undefined,
          },
          components: (variant?.components ?? []).map((c) => ({ code: c.code, provided: !!files[c.code] })),
          returnChannel: v.returnChannel,
          returnAddress: v.returnChannel === 'post' ? v.returnAddress?.trim() : undefined,
        },
      });
      progress.current.draft = draft;
    }
    let current: DossierDetail = draft;
    for (const [code, file] of Object.entries(files)) {
      if (!file || progress.current.uploaded.has(code)) continue;
      const body = new FormData();
      body.append('file', file, file.name);
      try {
        const r: { dossier: DossierDetail } = await api(`/dossiers/${current.id}/files`, { method: 'POST', query: { component: code }, body });
        current = r.dossier;
        progress.current.draft = current;
        progress.current.uploaded.add(code);
      } catch (err) {
        const msg = err instanceof ApiError ? err.text(lang) : String(err);
        setFileErrors((e) => ({ ...e, [code]: msg }));
        document.getElementById(`file-${code}`)?.focus();
        return;
      }
    }
    const done = await api<DossierDetail>(`/dossiers/${current.id}/submit`, { method: 'POST', idempotencyKey: `${key}-submit`, body: { version: current.version } });
    navigate(`/ca-nhan/ho-so/${done.id}`, { state: { submitted: done.code } });
  });

  if (p.onlineLevel === 'none') {
    return (
      <article className="sheet">
        <h1 className="page-title">{t('cz.submitTitle')}</h1>
        <Alert type="warning" showIcon title={t('cz.notOnline')} description={<Link to={`/thu-tuc/${p.id}`}>{p.name}</Link>} />
      </article>
    );
  }

  const defaults: Partial<Values> = {
    variantId: p.variants[0]?.id,
    receivingUnitId: p.units.receiving.length === 1 ? p.units.receiving[0]!.id : undefined,
    applicant: { name: user?.fullName },
    returnChannel: 'counter',
  };

  return (
    <article className="sheet" aria-labelledby="submit-title">
      <p style={{ marginTop: 0 }}>
        <Link to={`/thu-tuc/${p.id}`}>← {p.name}</Link>
      </p>
      <h1 id="submit-title" className="page-title">
        {t('cz.submitTitle')}
      </h1>
      <p className="muted">{p.name}</p>
      <FormErrorAlert state={f.state} />
      <Form form={f.form} name="submit" layout="vertical" initialValues={f.initialValues(defaults)} onValuesChange={f.onValuesChange} onFinish={onFinish} style={{ maxWidth: 720 }}>
        {p.variants.length > 1 && (
          <Form.Item label={t('cz.variant')} name="variantId">
            <Select options={p.variants.map((v) => ({ value: v.id, label: v.name }))} />
          </Form.Item>
        )}
        <Form.Item label={t('cz.unit')} name="receivingUnitId" rules={[{ required: true, message: t('cz.unitRequired') }]}>
          {p.units.receiving.length === 1 ? (
            <Radio.Group options={p.units.receiving.map((u) => ({ value: u.id, label: u.name }))} />
          ) : (
            <Select options={p.units.receiving.map((u) => ({ value: u.id, label: u.name }))} />
          )}
        </Form.Item>

        <h2>{t('cz.applicant')}</h2>
        {user?.citizenId && (
          <p>
            CCCD: <span style={{ fontFamily: 'monospace' }}>{user.citizenId}</span>
          </p>
        )}
        <Form.Item label={t('cz.name')} name={['applicant', 'name']} rules={[{ required: true, whitespace: true, message: t('cz.nameRequired') }]}>
          <Input maxLength={200} autoComplete="name" />
        </Form.Item>
        <Form.Item label={t('cz.address')} name={['applicant', 'address']}>
          <Input maxLength={300} autoComplete="street-address" />
        </Form.Item>
        <Form.Item label={t('cz.phone')} name={['applicant', 'phone']} rules={[{ pattern: /^[0-9+ ().-]{8,20}$/, message: t('cz.phoneInvalid') }]}>
          <Input maxLength={20} inputMode="tel" autoComplete="tel" />
        </Form.Item>
        <Form.Item label={t('cz.email')} name={['applicant', 'email']} rules={[{ type: 'email', message: t('cz.emailInvalid') }]}>
          <Input maxLength={200} inputMode="email" autoComplete="email" />
        </Form.Item>
        <Form.Item label={t('cz.summary')} name="summary">
          <Input.TextArea maxLength={1000} autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>

        <h2>{t('cz.components')}</h2>
        <p className="muted">{t('cz.componentsHelp')}</p>
        <ul className="plain-list" style={{ listStyle: 'none', padding: 0 }} data-testid="submit-components">
          {(variant?.components ?? []).map((c) => (
            <li key={c.code} style={{ marginBottom: 16 }}>
              <label htmlFor={`file-${c.code}`} style={{ display: 'block', fontWeight: 600 }}>
                {c.name}
                {c.required && <span aria-hidden="true"> *</span>}
              </label>
              <input
                id={`file-${c.code}`}
                type="file"
                aria-required={c.required}
                aria-invalid={!!fileErrors[c.code]}
                aria-describedby={fileErrors[c.code] ? `file-${c.code}-help` : undefined}
                accept=".pdf,.jpg,.jpeg,.png,.doc,.docx,.odt,.xls,.xlsx"
                style={{ maxWidth: '100%' }}
                onChange={(e) => {
                  const file = e.target.files?.[0];
                  setFiles((fs) => ({ ...fs, [c.code]: file }));
                  progress.current.uploaded.delete(c.code);
                  setFileErrors((fe) => {
                    const { [c.code]: _drop, ...rest } = fe;
                    return rest;
                  });
                }}
              />
              {fileErrors[c.code] && (
                <div id={`file-${c.code}-help`} className="ant-form-item-explain-error" role="alert">
                  {fileErrors[c.code]}
                </div>
              )}
            </li>
          ))}
        </ul>

        <h2>{t('cz.returnTitle')}</h2>
        <Form.Item name="returnChannel" label={t('cz.returnTitle')}>
          <Radio.Group
            options={[
              { value: 'counter', label: t('cz.returnCounter') },
              { value: 'post', label: t('cz.returnPost') },
            ]}
          />
        </Form.Item>
        {channel === 'post' && (
          <Form.Item label={t('cz.returnAddress')} name="returnAddress" rules={[{ required: true, whitespace: true, message: t('cz.returnAddressRequired') }]}>
            <Input maxLength={300} autoComplete="shipping street-address" />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" loading={f.submitting} data-testid="submit-dossier">
          {t('cz.submit')}
        </Button>
      </Form>
    </article>
  );
}
