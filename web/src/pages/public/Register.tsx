import { Button, Form, Input, Radio } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { useApiForm } from '../../lib/apiForm';
import { usePageTitle } from '../../lib/usePageTitle';
import { homeFor, safeNext, sessionStore } from '../../session';

interface RegisterValues {
  kind: 'citizen' | 'business';
  username: string;
  password: string;
  confirm: string;
  fullName: string;
  citizenId?: string;
  taxCode?: string;
  email?: string;
  phone?: string;
  address?: string;
}

const blankToUndefined = (v?: string) => (v && v.trim() ? v.trim() : undefined);

/** /dang-ky — a citizen (CCCD) or business (tax code) account for submitting online. */
export default function Register() {
  const { t } = useTranslation();
  usePageTitle(t('register.title'));
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const next = safeNext(params.get('next'));
  const f = useApiForm<RegisterValues>({ draftKey: 'register', exclude: ['password', 'confirm'] });
  const kind = Form.useWatch('kind', f.form) ?? 'citizen';

  const onFinish = f.run(async (v) => {
    await api('/auth/register', {
      method: 'POST',
      allowUnauthorized: true,
      body: {
        kind: v.kind,
        username: v.username.trim(),
        password: v.password,
        fullName: v.fullName.trim(),
        citizenId: v.kind === 'citizen' ? blankToUndefined(v.citizenId) : undefined,
        taxCode: v.kind === 'business' ? blankToUndefined(v.taxCode) : undefined,
        email: blankToUndefined(v.email),
        phone: blankToUndefined(v.phone),
        address: blankToUndefined(v.address),
      },
    });
    const u = await sessionStore.signIn(v.username.trim(), v.password);
    navigate(next ?? homeFor(u), { replace: true });
  });

  return (
    <div className="narrow" style={{ maxWidth: 620 }}>
      <div className="card">
        <h1 className="page-title">{t('register.title')}</h1>
        <p className="muted">{t('register.intro')}</p>
        <FormErrorAlert state={f.state} />
        <Form
          form={f.form}
          name="register"
          layout="vertical"
          initialValues={f.initialValues({ kind: 'citizen' })}
          onValuesChange={f.onValuesChange}
          onFinish={onFinish}
        >
          <Form.Item label={t('register.kind')} name="kind">
            <Radio.Group
              options={[
                { value: 'citizen', label: t('register.citizen') },
                { value: 'business', label: t('register.business') },
              ]}
            />
          </Form.Item>
          <Form.Item label={kind === 'citizen' ? t('register.fullName') : t('register.businessName')} name="fullName" rules={[{ required: true, whitespace: true, message: t('validation.required') }, { min: 2, message: t('validation.min', { n: 2 }) }]}>
            <Input autoComplete={kind === 'citizen' ? 'name' : 'organization'} maxLength={200} />
          </Form.Item>
          {kind === 'citizen' ? (
            <Form.Item label={t('register.citizenId')} name="citizenId" extra={t('register.citizenIdHint')} rules={[{ required: true, message: t('validation.required') }, { pattern: /^\d{12}$/, message: t('validation.citizenId') }]}>
              <Input inputMode="numeric" maxLength={12} autoComplete="off" />
            </Form.Item>
          ) : (
            <Form.Item label={t('register.taxCode')} name="taxCode" rules={[{ required: true, message: t('validation.required') }, { pattern: /^\d{10}(-\d{3})?$/, message: t('validation.taxCode') }]}>
              <Input inputMode="numeric" maxLength={14} autoComplete="off" />
            </Form.Item>
          )}
          <Form.Item label={t('register.username')} name="username" extra={t('register.usernameHint')} rules={[{ required: true, message: t('validation.required') }, { pattern: /^[A-Za-z0-9._-]{3,50}$/, message: t('validation.username') }]}>
            <Input autoComplete="username" autoCapitalize="none" spellCheck={false} maxLength={50} />
          </Form.Item>
          <Form.Item label={t('register.password')} name="password" rules={[{ required: true, message: t('validation.required') }, { min: 8, message: t('validation.min', { n: 8 }) }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            label={t('register.confirm')}
            name="confirm"
            dependencies={['password']}
            rules={[
              { required: true, message: t('validation.required') },
              ({ getFieldValue }) => ({
                validator: (_r, value) => (!value || getFieldValue('password') === value ? Promise.resolve() : Promise.reject(new Error(t('validation.confirm')))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item label={t('register.email')} name="email" rules={[{ type: 'email', message: t('validation.email') }]}>
            <Input type="email" autoComplete="email" maxLength={200} />
          </Form.Item>
          <Form.Item label={t('register.phone')} name="phone" rules={[{ pattern: /^[0-9+ ]{8,20}$/, message: t('validation.phone') }]}>
            <Input type="tel" autoComplete="tel" maxLength={20} />
          </Form.Item>
          <Form.Item label={t('register.address')} name="address">
            <Input autoComplete="street-address" maxLength={300} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={f.submitting}>
            {t('register.submit')}
          </Button>
        </Form>
        <p className="muted" style={{ marginTop: 16 }}>
          {t('register.haveAccount')} <Link to={next ? `/dang-nhap?next=${encodeURIComponent(next)}` : '/dang-nhap'}>{t('header.signIn')}</Link>
        </p>
      </div>
    </div>
  );
}
