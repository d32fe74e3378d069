import { useEffect } from 'react';
import { Alert, Button, Form, Input } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { useApiForm } from '../../lib/apiForm';
import { usePageTitle } from '../../lib/usePageTitle';
import { homeFor, safeNext, sessionStore, useSession } from '../../session';

interface SignInValues {
  username: string;
  password: string;
}

/** /dang-nhap — sign-in for staff and citizens; returns to `?next=` afterwards. */
export default function SignIn() {
  const { t } = useTranslation();
  usePageTitle(t('signIn.title'));
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { user, loading } = useSession();
  const next = safeNext(params.get('next'));
  const expired = params.get('expired') === '1';
  const f = useApiForm<SignInValues>({ draftKey: 'sign-in', exclude: ['password'] });

  // Already signed in (e.g. the back button): go on.
  useEffect(() => {
    if (!loading && user && !f.submitting) navigate(next ?? homeFor(user), { replace: true });
  }, [loading, user, next, navigate, f.submitting]);

  const onFinish = f.run(async (v) => {
    try {
      const u = await sessionStore.signIn(v.username.trim(), v.password);
      navigate(next ?? homeFor(u), { replace: true });
    } catch (e) {
      // A wrong password is about the password field, so say it there as well as above the form.
      if (e instanceof ApiError && e.code === 'invalid_credentials') {
        f.form.setFieldValue('password', '');
        throw new ApiError(e.status, e.code, e.messageEn, e.messageVi, [
          { field: 'password', message: e.messageEn, messageVi: e.messageVi },
        ]);
      }
      throw e;
    }
  });

  return (
    <div className="narrow">
      <div className="card">
        <h1 className="page-title">{t('signIn.title')}</h1>
        {expired && (
          <Alert type="warning" showIcon className="form-error" title={t('signIn.expired')} description={t('signIn.expiredHint')} data-testid="session-expired" />
        )}
        {!expired && next && <Alert type="info" showIcon className="form-error" title={t('signIn.needed')} />}
        <FormErrorAlert state={f.state} />
        <Form
          form={f.form}
          name="sign-in"
          layout="vertical"
          requiredMark={false}
          initialValues={f.initialValues({ username: '' })}
          onValuesChange={f.onValuesChange}
          onFinish={onFinish}
          autoComplete="on"
        >
          <Form.Item label={t('signIn.username')} name="username" rules={[{ required: true, whitespace: true, message: t('signIn.usernameRequired') }]}>
            <Input autoComplete="username" autoFocus autoCapitalize="none" spellCheck={false} />
          </Form.Item>
          <Form.Item label={t('signIn.password')} name="password" rules={[{ required: true, message: t('signIn.passwordRequired') }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={f.submitting} data-testid="sign-in-submit">
            {t('signIn.submit')}
          </Button>
        </Form>
        <p className="muted" style={{ marginTop: 16 }}>
          {t('signIn.noAccount')} <Link to={next ? `/dang-ky?next=${encodeURIComponent(next)}` : '/dang-ky'}>{t('signIn.register')}</Link>
        </p>
      </div>
    </div>
  );
}
