import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Form, Input, InputNumber, Modal, Radio, Select, Space } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { ScrollRegion } from '../../components/ScrollRegion';
import { useApiForm } from '../../lib/apiForm';
import { formatDateTime } from '../../lib/format';
import { useApi } from '../../lib/useApi';
import { usePageTitle } from '../../lib/usePageTitle';
import { useSession } from '../../session';
import { StatusTag } from '../dossiers/DossierQueue';
import type { DossierDetail, DossierListItem } from '../dossiers/types';
import type { ProcedurePage } from '../public/procedures';
import type { ProcedureSheetData } from '../public/ProcedureSheet';
import './i18n';

type Outcome = 'accept' | 'supplement' | 'refuse';

interface ComponentValue {
  code: string;
  provided: boolean;
  originals: number;
  certifiedCopies: number;
  copies: number;
}

interface Values {
  procedureId?: string;
  variantId?: string;
  receivingUnitId?: string;
  applicant: { citizenId?: string; name?: string; address?: string; phone?: string; email?: string };
  summary?: string;
  setsCount?: number;
  components: ComponentValue[];
  returnChannel: 'counter' | 'post';
  returnAddress?: string;
}

interface Appointment {
  receivedAt: string | null;
  clockStart: string | null;
  appointmentAt: string | null;
  appointmentTextVi: string | null;
  provisional: boolean;
  legalDuration: { textVi: string };
}

interface Lookup {
  applicant: { name: string; address: string | null; phone: string | null; email: string | null; citizenId: string } | null;
  items: DossierListItem[];
  total: number;
}

const CCCD = /^\d{12}$/;

/** Re-reads the live appointment every minute: the counter screen may stay open for a while. */
function useMinuteTick(): number {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const id = window.setInterval(() => setTick((x) => x + 1), 60_000);
    return () => window.clearInterval(id);
  }, []);
  return tick;
}

/**
 * /can-bo/tiep-nhan — the counter officer receives a dossier: finds the procedure by typing,
 * ticks the components with their counts, enters or looks up the applicant by CCCD (earlier
 * dossiers shown), attaches scans, chooses how the result is returned, sees the appointment
 * computed live (a dry run of the same intake), then accepts (Mẫu 01), asks for a supplement
 * (Mẫu 02) or refuses (Mẫu 03) and lands on the printable form.
 */
export default function CounterIntake() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { user } = useSession();
  const f = useApiForm<Values>({ draftKey: 'counter-intake' });
  const procedureId = Form.useWatch('procedureId', f.form);
  const variantId = Form.useWatch('variantId', f.form);
  const receivingUnitId = Form.useWatch('receivingUnitId', f.form);
  const returnChannel = Form.useWatch('returnChannel', f.form) ?? 'counter';
  const components = (Form.useWatch('components', f.form) ?? []) as ComponentValue[];
  const myUnits = useMemo(() => (user?.roles ?? []).filter((r) => r.role === 'counter_officer' && r.unitId).map((r) => r.unitId as string), [user]);
  usePageTitle(t('ci.title'));

  // Procedure search (diacritic-insensitive on the server), limited to what this counter receives.
  const [q, setQ] = useState('');
  const [debounced, setDebounced] = useState('');
  useEffect(() => {
    const id = window.setTimeout(() => setDebounced(q), 200);
    return () => window.clearTimeout(id);
  }, [q]);
  const search = useApi<ProcedurePage>('/procedures', { q: debounced || undefined, unit: myUnits.length === 1 ? myUnits[0] : undefined, pageSize: 12 });
  const sheet = useApi<ProcedureSheetData>(procedureId ? `/procedures/${procedureId}` : null);
  const p = sheet.data && sheet.data.id === procedureId ? sheet.data : undefined;
  const variant = p ? (p.variants.find((v) => v.id === variantId) ?? p.variants[0]) : undefined;
  const unitOptions = (p?.units.receiving ?? []).filter((u) => myUnits.includes(u.id));

  // A new procedure or case lays out its components; a restored draft for the same case stays.
  useEffect(() => {
    if (!variant) return;
    const current = (f.form.getFieldValue('components') ?? []) as ComponentValue[];
    const same = current.length === variant.components.length && current.every((c, i) => c.code === variant.components[i]!.code);
    if (!same) {
      f.form.setFieldsValue({
        components: variant.components.map((c) => ({ code: c.code, provided: false, originals: c.originals, certifiedCopies: c.certifiedCopies, copies: c.copies })),
        setsCount: variant.setsCount || 1,
      });
    }
    if (!f.form.getFieldValue('receivingUnitId') && unitOptions.length >= 1) f.form.setFieldValue('receivingUnitId', unitOptions[0]!.id);
  }, [variant?.id]);

  const tick = useMinuteTick();
  const [appointment, setAppointment] = useState<{ data?: Appointment; error?: ApiError } | null>(null);
  useEffect(() => {
    if (!procedureId || !variant) {
      setAppointment(null);
      return;
    }
    const ctrl = new AbortController();
    api<Appointment>('/dossiers/appointment', { query: { procedureId, variantId: variant.id, receivingUnitId: receivingUnitId || undefined }, signal: ctrl.signal })
      .then((data) => setAppointment({ data }))
      .catch((e) => {
        if ((e as Error)?.name !== 'AbortError') setAppointment({ error: e instanceof ApiError ? e : new ApiError(0, 'client_error', String(e), String(e)) });
      });
    return () => ctrl.abort();
  }, [procedureId, variant?.id, receivingUnitId, tick]);

  // Applicant look-up by CCCD (logged on the server).
  const [lookup, setLookup] = useState<Lookup | null>(null);
  const [lookingUp, setLookingUp] = useState(false);
  const runLookup = async () => {
    const cid = String(f.form.getFieldValue(['applicant', 'citizenId']) ?? '').trim();
    if (!CCCD.test(cid)) {
      f.form.setFields([{ name: ['applicant', 'citizenId'], errors: [t('ci.citizenIdInvalid')] }]);
      return;
    }
    setLookingUp(true);
    try {
      const r = await api<Lookup>(`/applicants/${cid}/dossiers`);
      setLookup(r);
      if (r.applicant) {
        const cur = (f.form.getFieldValue('applicant') ?? {}) as Values['applicant'];
        f.form.setFieldsValue({
          applicant: {
            ...cur,
            name: cur.name || r.applicant.name,
            address: cur.address || r.applicant.address || undefined,
            phone: cur.phone || r.applicant.phone || undefined,
            email: cur.email || r.applicant.email || undefined,
          },
        });
        f.onValuesChange();
      }
    } catch (e) {
      if (e instanceof ApiError && !e.redirected) f.showError(e);
    } finally {
      setLookingUp(false);
    }
  };

  // Scans chosen per component, uploaded once the dossier exists.
  const [files, setFiles] = useState<Record<string, File | undefined>>({});
  const [dialog, setDialog] = useState<Exclude<Outcome, 'accept'> | null>(null);
  const [dialogForm] = Form.useForm<{ reason?: string; items?: string[] }>();
  const [missing, setMissing] = useState<string[]>([]);
  const created = useRef<{ key: string; dossier: DossierDetail; form: string } | null>(null);

  const submit = async (outcome: Outcome, extra: { reason?: string; items?: string[] } = {}) => {
    let v: Values;
    try {
      v = await f.form.validateFields();
    } catch {
      return;
    }
    if (outcome === 'accept' && variant) {
      const lacking = variant.components.filter((c, i) => c.required && !v.components?.[i]?.provided).map((c) => c.name);
      setMissing(lacking);
      if (lacking.length) return;
    } else setMissing([]);
    await f.run(async () => {
      const key = f.idempotencyKey();
      let done = created.current?.key === key ? created.current : null;
      if (!done) {
        const r = await api<{ dossier: DossierDetail; form: { key: string } }>('/dossiers', {
          method: 'POST',
          idempotencyKey: key,
          body: {
            procedureId: v.procedureId,
            variantId: variant?.id,
            receivingUnitId: v.receivingUnitId || undefined,
            applicant: {
              name: v.applicant.name?.trim(),
              citizenId: v.applicant.citizenId?.trim() || undefined,
              address: v.applicant.address?.trim() || undefined,
              phone: v.applicant.phone?.trim() || undefined,
              email: v.applicant.email?.trim() || undefined,
            },
            summary: v.summary?.trim() || undefined,
            setsCount: v.setsCount,
            components: (variant?.components ?? []).map((def, i) => ({ ...v.components?.[i], code: def.code })).map((c) => ({
              code: c.code,
              provided: !!c.provided,
              originals: c.provided ? (c.originals ?? 0) : 0,
              certifiedCopies: c.provided ? (c.certifiedCopies ?? 0) : 0,
              copies: c.provided ? (c.copies ?? 0) : 0,
            })),
            returnChannel: v.returnChannel,
            returnAddress: v.returnChannel === 'post' ? v.returnAddress?.trim() : undefined,
            outcome,
            reason: outcome === 'accept' ? undefined : extra.reason?.trim(),
            items: outcome === 'supplement' ? (extra.items ?? []).map((code) => ({ code })) : undefined,
          },
        });
        done = { key, dossier: r.dossier, form: r.form.key };
        created.current = done;
      }
      if (outcome !== 'refuse') {
        for (const [code, file] of Object.entries(files)) {
          if (!file) continue;
          try {
            const body = new FormData();
            body.append('file', file, file.name);
            await api(`/dossiers/${done.dossier.id}/files`, { method: 'POST', query: { component: code }, body });
          } catch (e) {
            message.warning(t('ci.uploadFailed', { name: file.name, error: e instanceof ApiError ? e.text(lang) : String(e) }), 10);
          }
        }
      }
      setDialog(null);
      navigate(`/can-bo/ho-so/${done.dossier.id}/bieu-mau/${done.form}`);
    })(v);
  };

  const openDialog = (kind: Exclude<Outcome, 'accept'>) => {
    dialogForm.resetFields();
    if (kind === 'supplement' && variant) dialogForm.setFieldsValue({ items: variant.components.filter((_, i) => !components[i]?.provided).map((c) => c.code) });
    setDialog(kind);
  };

  const defaults: Partial<Values> = { applicant: {}, components: [], returnChannel: 'counter', setsCount: 1 };

  return (
    <div
      onKeyDown={(e) => {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !dialog) {
          e.preventDefault();
          void submit('accept');
        }
      }}
    >
      <div className="page-head">
        <h1>{t('ci.title')}</h1>
      </div>
      <p className="muted" style={{ marginTop: -8 }}>
        {t('ci.intro')} {t('ci.shortcut')}
      </p>
      <FormErrorAlert state={f.state} />
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
        />
      )}
      <Form form={f.form} name="intake" layout="vertical" initialValues={f.initialValues(defaults)} onValuesChange={f.onValuesChange} className="intake-grid">
        <div className="intake-main">
          <Card title={<h2 className="card-title">{t('ci.procedure')}</h2>} style={{ marginBottom: 16 }}>
            <Form.Item label={t('ci.procedure')} name="procedureId" rules={[{ required: true, message: t('ci.procedureRequired') }]}>
              <Select
                showSearch={{ filterOption: false, onSearch: setQ }}
                autoFocus
                placeholder={t('ci.procedurePlaceholder')}
                loading={search.loading}
                notFoundContent={search.loading ? undefined : t('ci.noMatch')}
                data-testid="intake-procedure"
                onChange={() => {
                  f.form.setFieldsValue({ variantId: undefined, components: [] });
                  setFiles({});
                  setMissing([]);
                }}
                options={(search.data?.items ?? []).map((x) => ({ value: x.id, label: `${x.name} (${x.nationalCode})` }))}
                labelRender={(o) => (o.value === p?.id ? `${p.name} (${p.nationalCode})` : o.label)}
              />
            </Form.Item>
            {p && p.variants.length > 1 && (
              <Form.Item label={t('ci.variant')} name="variantId">
                <Select options={p.variants.map((v) => ({ value: v.id, label: v.name }))} />
              </Form.Item>
            )}
            {unitOptions.length > 1 && (
              <Form.Item label={t('ci.unit')} name="receivingUnitId">
                <Select options={unitOptions.map((u) => ({ value: u.id, label: u.name }))} />
              </Form.Item>
            )}
          </Card>

          {variant && (
            <Card title={<h2 className="card-title">{t('ci.components')}</h2>} style={{ marginBottom: 16 }}>
              {missing.length > 0 && <Alert type="error" showIcon role="alert" className="form-error" title={t('ci.missingRequired', { names: missing.join('; ') })} data-testid="intake-missing" />}
              <ScrollRegion label={t('ci.components')}>
                <table className="data-table intake-components" data-testid="intake-components">
                  <thead>
                    <tr>
                      <th scope="col">{t('ci.provided')}</th>
                      <th scope="col">{t('ci.component')}</th>
                      <th scope="col">{t('ci.originals')}</th>
                      <th scope="col">{t('ci.certifiedCopies')}</th>
                      <th scope="col">{t('ci.copies')}</th>
                      <th scope="col">{t('ci.scan')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {variant.components.map((c, i) => {
                      const id = `cmp-${c.code}`;
                      const on = !!components[i]?.provided;
                      return (
                        <tr key={c.code}>
                          <td>
                            <Form.Item name={['components', i, 'provided']} valuePropName="checked" noStyle>
                              <Checkbox id={id} aria-describedby={`${id}-name`} data-testid={`provided-${c.code}`} />
                            </Form.Item>
                          </td>
                          <td id={`${id}-name`}>
                            <label htmlFor={id}>{c.name}</label>
                            {c.required && <span className="muted"> ({t('ci.required')})</span>}
                          </td>
                          {(['originals', 'certifiedCopies', 'copies'] as const).map((k) => (
                            <td key={k}>
                              <Form.Item name={['components', i, k]} noStyle>
                                <InputNumber min={0} max={99} size="small" disabled={!on} aria-label={`${t(`ci.${k}`)} – ${c.name}`} style={{ width: 64 }} />
                              </Form.Item>
                            </td>
                          ))}
                          <td>
                            <input
                              type="file"
                              aria-label={`${t('ci.scan')} – ${c.name}`}
                              accept=".pdf,.jpg,.jpeg,.png"
                              data-testid={`scan-${c.code}`}
                              style={{ maxWidth: 180 }}
                              onChange={(e) => setFiles((fs) => ({ ...fs, [c.code]: e.target.files?.[0] }))}
                            />
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </ScrollRegion>
              <Form.Item label={t('ci.setsCount')} name="setsCount" style={{ marginTop: 12, marginBottom: 0 }}>
                <InputNumber min={1} max={20} />
              </Form.Item>
            </Card>
          )}

          <Card title={<h2 className="card-title">{t('ci.applicant')}</h2>} style={{ marginBottom: 16 }}>
            <Form.Item label={t('ci.citizenId')} required={false}>
              <Space.Compact style={{ width: '100%', maxWidth: 360 }}>
                <Form.Item name={['applicant', 'citizenId']} noStyle rules={[{ pattern: CCCD, message: t('ci.citizenIdInvalid') }]}>
                  <Input
                    inputMode="numeric"
                    maxLength={12}
                    aria-label={t('ci.citizenId')}
                    data-testid="intake-cccd"
                    onPressEnter={(e) => {
                      e.preventDefault();
                      void runLookup();
                    }}
                  />
                </Form.Item>
                <Button onClick={() => void runLookup()} loading={lookingUp} data-testid="intake-lookup">
                  {t('ci.lookup')}
                </Button>
              </Space.Compact>
            </Form.Item>
            <Form.Item noStyle shouldUpdate>
              {() => {
                const err = f.form.getFieldError(['applicant', 'citizenId']);
                return err.length ? (
                  <div className="ant-form-item-explain-error" role="alert" style={{ marginTop: -16, marginBottom: 12 }}>
                    {err[0]}
                  </div>
                ) : null;
              }}
            </Form.Item>
            {lookup && (
              <div data-testid="intake-earlier" style={{ marginBottom: 12 }}>
                {lookup.total === 0 ? (
                  <p className="muted">{t('ci.lookupNone')}</p>
                ) : (
                  <>
                    <p style={{ marginBottom: 4 }}>
                      <strong>{t('ci.earlier', { count: lookup.total })}</strong> {lookup.applicant && <span className="muted">{t('ci.lookupDone')}</span>}
                    </p>
                    <ul className="plain-list">
                      {lookup.items.slice(0, 5).map((d) => (
                        <li key={d.id}>
                          <Link to={`/can-bo/ho-so/${d.id}`} target="_blank" style={{ fontFamily: 'monospace' }}>
                            {d.code}
                          </Link>{' '}
                          {d.procedure.name} · {formatDateTime(d.receivedAt ?? d.submittedAt, lang)} <StatusTag status={d.status} vi={d.statusLabelVi} en={d.statusLabelEn} />
                        </li>
                      ))}
                    </ul>
                  </>
                )}
              </div>
            )}
            <Form.Item label={t('ci.name')} name={['applicant', 'name']} rules={[{ required: true, whitespace: true, message: t('ci.nameRequired') }]}>
              <Input maxLength={200} autoComplete="off" data-testid="intake-name" />
            </Form.Item>
            <Form.Item label={t('ci.address')} name={['applicant', 'address']}>
              <Input maxLength={300} autoComplete="off" />
            </Form.Item>
            <Space wrap size={16} style={{ width: '100%' }}>
              <Form.Item label={t('ci.phone')} name={['applicant', 'phone']} rules={[{ pattern: /^[0-9+ ().-]{8,20}$/, message: t('ci.phoneInvalid') }]}>
                <Input maxLength={20} inputMode="tel" autoComplete="off" />
              </Form.Item>
              <Form.Item label={t('ci.email')} name={['applicant', 'email']} rules={[{ type: 'email', message: t('ci.emailInvalid') }]}>
                <Input maxLength={200} inputMode="email" autoComplete="off" />
              </Form.Item>
            </Space>
            <Form.Item label={t('ci.summary')} name="summary">
              <Input.TextArea maxLength={1000} autoSize={{ minRows: 1, maxRows: 4 }} />
            </Form.Item>
          </Card>
        </div>

        <aside className="intake-side">
          <Card title={<h2 className="card-title">{t('ci.appointment')}</h2>} style={{ marginBottom: 16 }}>
            <div aria-live="polite" data-testid="intake-appointment">
              {!appointment && <p className="muted">{t('ci.appointmentHint')}</p>}
              {appointment?.error && <Alert type="error" showIcon title={appointment.error.text(lang)} />}
              {appointment?.data && (
                <>
                  <p style={{ fontSize: 18, margin: '0 0 4px' }}>
                    <strong data-testid="intake-appointment-at" data-at={appointment.data.appointmentAt ?? ''}>
                      {formatDateTime(appointment.data.appointmentAt, lang)}
                    </strong>
                  </p>
                  {appointment.data.provisional && <p className="muted">{t('ci.provisional')}</p>}
                  <p className="muted" style={{ margin: 0 }}>
                    {t('ci.legalTime', { text: appointment.data.legalDuration.textVi })}
                  </p>
                  {appointment.data.clockStart && appointment.data.clockStart !== appointment.data.receivedAt && (
                    <p className="muted" style={{ margin: 0 }}>
                      {t('ci.receivedAt', { time: formatDateTime(appointment.data.clockStart, lang) })}
                    </p>
                  )}
                </>
              )}
            </div>
          </Card>

          <Card title={<h2 className="card-title">{t('ci.returnTitle')}</h2>} style={{ marginBottom: 16 }}>
            <Form.Item name="returnChannel" label={t('ci.returnTitle')} style={{ marginBottom: 8 }}>
              <Radio.Group
                options={[
                  { value: 'counter', label: t('ci.returnCounter') },
                  { value: 'post', label: t('ci.returnPost') },
                ]}
              />
            </Form.Item>
            {returnChannel === 'post' && (
              <Form.Item label={t('ci.returnAddress')} name="returnAddress" rules={[{ required: true, whitespace: true, message: t('ci.returnAddressRequired') }]}>
                <Input maxLength={300} data-testid="intake-return-address" />
              </Form.Item>
            )}
          </Card>

          <Space orientation="vertical" style={{ width: '100%' }}>
            <Button type="primary" block size="large" loading={f.submitting && !dialog} onClick={() => void submit('accept')} data-testid="intake-accept">
              {t('ci.accept')}
            </Button>
            <Button block onClick={() => openDialog('supplement')} disabled={!variant} data-testid="intake-supplement">
              {t('ci.supplement')}
            </Button>
            <Button block danger onClick={() => openDialog('refuse')} disabled={!procedureId} data-testid="intake-refuse">
              {t('ci.refuse')}
            </Button>
          </Space>
        </aside>
      </Form>

      <Modal
        open={!!dialog}
        title={dialog ? t(`ci.${dialog}`) : ''}
        okText={t('ci.confirm')}
        cancelText={t('ci.cancel')}
        confirmLoading={f.submitting}
        onCancel={() => setDialog(null)}
        onOk={async () => {
          let extra: Record<string, unknown>;
          try {
            extra = await dialogForm.validateFields();
          } catch {
            return; // the messages are shown next to the fields
          }
          await submit(dialog as Outcome, extra);
        }}
        destroyOnHidden
      >
        <FormErrorAlert state={f.state} />
        <Form form={dialogForm} layout="vertical" name="intake-outcome">
          {dialog === 'supplement' && variant && (
            <Form.Item
              label={t('ci.items')}
              name="items"
              // A validator, not `required`: the group must not get aria-required (not allowed on it).
              rules={[{ validator: (_, v?: string[]) => (v?.length ? Promise.resolve() : Promise.reject(new Error(t('ci.itemsRequired')))) }]}
            >
              <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 4 }} options={variant.components.map((c) => ({ value: c.code, label: c.name }))} />
            </Form.Item>
          )}
          <Form.Item label={t('ci.reason')} name="reason" rules={[{ required: true, whitespace: true, message: t('ci.reasonRequired') }]}>
            <Input.TextArea maxLength={2000} autoSize={{ minRows: 3, maxRows: 8 }} data-testid="intake-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
