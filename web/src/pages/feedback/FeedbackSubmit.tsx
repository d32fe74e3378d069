import { useMemo, useState } from 'react';
import { Alert, Button, Checkbox, Form, Input, InputNumber, Select, Space } from 'antd';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorBox } from '../../components/ErrorBox';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { Loading } from '../../components/Status';
import { useApiForm } from '../../lib/apiForm';
import { useApi } from '../../lib/useApi';
import { usePageTitle } from '../../lib/usePageTitle';
import { useSession } from '../../session';
import { BOUNDS, ProvinceMap, When, type Category } from './common';

interface Values {
  categoryCode?: string;
  title?: string;
  description?: string;
  address?: string;
  lat?: number | null;
  long?: number | null;
  anonymous?: boolean;
  private?: boolean;
  contactName?: string;
  contactPhone?: string;
  contactEmail?: string;
  website?: string;
  [attribute: string]: unknown;
}

interface Sent {
  id: string;
  code: string;
  trackingSecret: string;
  answerDueAt: string;
}

/** /phan-anh/gui — send feedback from a phone or a desktop: category, text, place, photos, contact. */
export default function FeedbackSubmit() {
  const { t } = useTranslation();
  usePageTitle(t('fb.submitTitle'));
  const categories = useApi<Category[]>('/feedback-categories');
  const [sent, setSent] = useState<Sent | null>(null);
  if (categories.error) return <ErrorBox error={categories.error} onRetry={categories.reload} />;
  if (!categories.data) return <Loading />;
  if (sent) {
    return (
      <section className="sheet" data-testid="feedback-sent" aria-labelledby="sent-h">
        <h1 id="sent-h" className="page-title" style={{ marginTop: 0 }}>
          {t('fb.sentTitle')}
        </h1>
        <dl className="facts">
          <dt>{t('fb.sentCode')}</dt>
          <dd>
            <strong data-testid="sent-code" style={{ fontFamily: 'monospace', fontSize: 18 }}>
              {sent.code}
            </strong>
          </dd>
          <dt>{t('fb.sentSecret')}</dt>
          <dd>
            <code data-testid="sent-secret">{sent.trackingSecret}</code>
          </dd>
          <dt>{t('fb.sentDue')}</dt>
          <dd>
            <When at={sent.answerDueAt} />
          </dd>
        </dl>
        <p className="muted">{t('fb.sentSecretHelp')}</p>
        <Space wrap>
          <Link className="mc-btn primary" to={`/phan-anh/theo-doi?code=${encodeURIComponent(sent.code)}&secret=${encodeURIComponent(sent.trackingSecret)}`}>
            {t('fb.follow')}
          </Link>
          <Button onClick={() => setSent(null)}>{t('fb.sendAnother')}</Button>
        </Space>
      </section>
    );
  }
  return <SubmitForm categories={categories.data} onSent={setSent} />;
}

function SubmitForm({ categories, onSent }: { categories: Category[]; onSent: (s: Sent) => void }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const f = useApiForm<Values>({ draftKey: 'feedback:new' });
  const [files, setFiles] = useState<File[]>([]);
  const [geoError, setGeoError] = useState(false);
  const code = Form.useWatch('categoryCode', f.form);
  const anonymous = Form.useWatch('anonymous', f.form);
  const lat = Form.useWatch('lat', f.form);
  const lng = Form.useWatch('long', f.form);
  const category = categories.find((c) => c.code === code);
  const options = useMemo(() => {
    const groups = new Map<string, { label: string; options: { value: string; label: string }[] }>();
    for (const c of categories) {
      const g = groups.get(c.fieldName) ?? { label: c.fieldName, options: [] };
      g.options.push({ value: c.code, label: c.name });
      groups.set(c.fieldName, g);
    }
    return [...groups.values()];
  }, [categories]);

  const onFinish = f.run(async (v) => {
    const fd = new FormData();
    const put = (k: string, x: unknown) => {
      if (x === undefined || x === null || x === '') return;
      fd.append(k, String(x));
    };
    put('categoryCode', v.categoryCode);
    put('title', v.title?.trim());
    put('description', v.description?.trim());
    put('address', v.address?.trim());
    put('lat', v.lat);
    put('long', v.long);
    put('anonymous', v.anonymous ? 'true' : undefined);
    put('visibility', v.private ? 'private' : undefined);
    if (!v.anonymous) {
      put('contactName', v.contactName?.trim());
      put('contactPhone', v.contactPhone?.trim());
      put('contactEmail', v.contactEmail?.trim());
    }
    put('website', v.website);
    for (const a of category?.attributes ?? []) {
      const val = v[`attribute[${a.code}]`];
      if (Array.isArray(val)) for (const x of val) fd.append(`attribute[${a.code}][]`, String(x));
      else put(`attribute[${a.code}]`, val);
    }
    for (const file of files) fd.append('photos', file, file.name);
    const r = await api<Sent>('/feedback', { method: 'POST', body: fd, idempotencyKey: user ? f.idempotencyKey() : undefined });
    onSent(r);
  });

  const locate = () => {
    setGeoError(false);
    if (!navigator.geolocation) return setGeoError(true);
    navigator.geolocation.getCurrentPosition(
      (p) => f.form.setFieldsValue({ lat: Math.round(p.coords.latitude * 1e6) / 1e6, long: Math.round(p.coords.longitude * 1e6) / 1e6 }),
      () => setGeoError(true),
      { timeout: 10_000 },
    );
  };

  return (
    <>
      <h1 className="page-title">{t('fb.submitTitle')}</h1>
      <p className="muted">{t('fb.submitIntro')}</p>
      <div className="card" style={{ maxWidth: 860 }}>
        <FormErrorAlert state={f.state} />
        <Form
          form={f.form}
          name="feedback"
          layout="vertical"
          initialValues={f.initialValues({ anonymous: false, private: false })}
          onValuesChange={f.onValuesChange}
          onFinish={onFinish}
          scrollToFirstError
        >
          <Form.Item label={t('fb.category')} name="categoryCode" extra={t('fb.categoryHelp')} rules={[{ required: true, message: t('fb.required') }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={options} placeholder={t('fb.category')} data-testid="fb-category" />
          </Form.Item>
          {category?.description && <p className="muted">{category.description}</p>}
          <Form.Item label={t('fb.title')} name="title">
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item
            label={t('fb.description')}
            name="description"
            extra={t('fb.descriptionHelp')}
            rules={[
              { required: true, whitespace: true, message: t('fb.required') },
              { min: 10, message: t('fb.descriptionMin') },
            ]}
          >
            <Input.TextArea rows={5} maxLength={4000} showCount />
          </Form.Item>
          {category && category.attributes.length > 0 && (
            <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
              <legend style={{ fontWeight: 600, fontSize: 15, marginBottom: 8 }}>{t('fb.extra')}</legend>
              {[...category.attributes]
                .sort((a, b) => a.order - b.order)
                .map((a) =>
                  a.variable ? (
                    <Form.Item key={a.code} label={a.description} name={`attribute[${a.code}]`} rules={a.required ? [{ required: true, message: t('fb.required') }] : []}>
                      {a.datatype === 'singlevaluelist' || a.datatype === 'multivaluelist' ? (
                        <Select mode={a.datatype === 'multivaluelist' ? 'multiple' : undefined} allowClear options={(a.values ?? []).map((x) => ({ value: x.key, label: x.name }))} />
                      ) : a.datatype === 'text' ? (
                        <Input.TextArea rows={3} maxLength={4000} />
                      ) : (
                        <Input maxLength={500} placeholder={a.datatype === 'datetime' ? '2026-11-09T10:00' : undefined} />
                      )}
                    </Form.Item>
                  ) : (
                    <Alert key={a.code} type="info" showIcon title={a.description} style={{ marginBottom: 16 }} />
                  ),
                )}
            </fieldset>
          )}
          <fieldset style={{ border: 0, padding: 0, margin: '8px 0 0' }}>
            <legend style={{ fontWeight: 600, fontSize: 15, marginBottom: 8 }}>{t('fb.location')}</legend>
            <Form.Item label={t('fb.address')} name="address" extra={t('fb.addressHelp')}>
              <Input maxLength={300} autoComplete="street-address" />
            </Form.Item>
            <p className="muted" id="pick-help">
              {t('fb.pickHelp')}
            </p>
            <ProvinceMap
              title={t('fb.map')}
              points={[]}
              pin={typeof lat === 'number' && typeof lng === 'number' ? { lat, lng } : null}
              onPick={(la, lo) => f.form.setFieldsValue({ lat: la, long: lo })}
            />
            <Space wrap align="start" style={{ marginTop: 12 }}>
              <Form.Item label={t('fb.lat')} name="lat">
                <InputNumber min={BOUNDS.latMin - 13} max={BOUNDS.latMax + 2} step={0.0001} style={{ width: 160 }} />
              </Form.Item>
              <Form.Item label={t('fb.long')} name="long">
                <InputNumber min={102} max={117.5} step={0.0001} style={{ width: 160 }} />
              </Form.Item>
              <Form.Item label=" " colon={false}>
                <Space wrap>
                  <Button onClick={locate}>{t('fb.useMyLocation')}</Button>
                  <Button onClick={() => f.form.setFieldsValue({ lat: null, long: null })}>{t('fb.clearPin')}</Button>
                </Space>
              </Form.Item>
            </Space>
            {geoError && <Alert type="warning" showIcon title={t('fb.locationUnavailable')} style={{ marginBottom: 12 }} />}
          </fieldset>
          <div style={{ marginBottom: 16 }}>
            <label htmlFor="fb-photos" style={{ display: 'block', fontWeight: 500, marginBottom: 6 }}>
              {t('fb.photosLabel')}
            </label>
            <input
              id="fb-photos"
              name="photos"
              type="file"
              accept="image/jpeg,image/png"
              multiple
              capture="environment"
              aria-describedby="fb-photos-help"
              onChange={(e) => setFiles(Array.from(e.target.files ?? []).slice(0, 5))}
            />
            <div id="fb-photos-help" className="muted" style={{ marginTop: 4 }}>
              {t('fb.photosHelp')}
            </div>
          </div>
          <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
            <legend style={{ fontWeight: 600, fontSize: 15, marginBottom: 8 }}>{t('fb.contact')}</legend>
            <p className="muted">{t('fb.contactHelp')}</p>
            <Form.Item name="anonymous" valuePropName="checked">
              <Checkbox disabled={!!category && !category.allowAnonymous}>{t('fb.anonymous')}</Checkbox>
            </Form.Item>
            {category && !category.allowAnonymous && <p className="muted">{t('fb.anonymousNotAllowed')}</p>}
            {!anonymous && (
              <Space wrap align="start" size="middle">
                <Form.Item label={t('fb.contactName')} name="contactName" rules={user ? [] : [{ required: true, whitespace: true, message: t('fb.required') }]}>
                  <Input maxLength={200} autoComplete="name" style={{ minWidth: 240 }} />
                </Form.Item>
                <Form.Item label={t('fb.contactPhone')} name="contactPhone">
                  <Input maxLength={20} inputMode="tel" autoComplete="tel" />
                </Form.Item>
                <Form.Item label={t('fb.contactEmail')} name="contactEmail">
                  <Input maxLength={200} type="email" autoComplete="email" />
                </Form.Item>
              </Space>
            )}
            <Form.Item name="private" valuePropName="checked">
              <Checkbox>{t('fb.private')}</Checkbox>
            </Form.Item>
          </fieldset>
          {/* Honeypot: people never see it; bots fill it in. */}
          <div aria-hidden="true" style={{ position: 'absolute', left: -10000, width: 1, height: 1, overflow: 'hidden' }}>
            <label htmlFor="feedback_website">{t('fb.honeypot')}</label>
            <Form.Item name="website" noStyle>
              <Input id="feedback_website" tabIndex={-1} autoComplete="off" />
            </Form.Item>
          </div>
          <Button type="primary" htmlType="submit" size="large" loading={f.submitting} data-testid="fb-send">
            {t('fb.send')}
          </Button>
        </Form>
      </div>
    </>
  );
}
