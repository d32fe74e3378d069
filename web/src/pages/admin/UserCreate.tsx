import { Alert, App, Button, Form, Input, Space } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api, type RoleLabel, type SessionUser, type Unit } from '../../api';
import { ErrorBox } from '../../components/ErrorBox';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { Loading } from '../../components/Status';
import { useApiForm } from '../../lib/apiForm';
import { useApi } from '../../lib/useApi';
import { usePageTitle } from '../../lib/usePageTitle';
import { RolesEditor } from './RolesEditor';

interface UserValues {
  username: string;
  password: string;
  fullName: string;
  title?: string;
  email?: string;
  phone?: string;
  roles: { role: string; unitId: string | null }[];
}

const trimOrUndefined = (v?: string) => (v && v.trim() ? v.trim() : undefined);

/** /quan-tri/nguoi-dung/moi — create a staff user with roles at units. */
export default function UserCreate() {
  const { t } = useTranslation();
  usePageTitle(t('users.new'));
  const roles = useApi<RoleLabel[]>('/roles');
  const units = useApi<Unit[]>('/units', { all: true });
  if (roles.error) return <ErrorBox error={roles.error} onRetry={roles.reload} />;
  if (units.error) return <ErrorBox error={units.error} onRetry={units.reload} />;
  if (!roles.data || !units.data) return <Loading />;
  return <UserCreateForm roles={roles.data.filter((r) => r.role !== 'citizen')} units={units.data} />;
}

function UserCreateForm({ roles, units }: { roles: RoleLabel[]; units: Unit[] }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const f = useApiForm<UserValues>({ draftKey: 'user:new', exclude: ['password'] });

  const onFinish = f.run(async (v) => {
    const created = await api<SessionUser>('/users', {
      method: 'POST',
      idempotencyKey: f.idempotencyKey(),
      body: {
        username: v.username.trim(),
        password: v.password,
        fullName: v.fullName.trim(),
        title: trimOrUndefined(v.title),
        email: trimOrUndefined(v.email),
        phone: trimOrUndefined(v.phone),
        roles: v.roles.map((r) => ({ role: r.role, unitId: r.unitId ?? null })),
      },
    });
    message.success(t('users.created', { name: created.fullName }));
    navigate('/quan-tri/nguoi-dung');
  });

  return (
    <>
      <div className="page-head">
        <h1>{t('users.new')}</h1>
        <Link to="/quan-tri/nguoi-dung">{t('common.backToList')}</Link>
      </div>
      <div className="card" style={{ maxWidth: 860 }}>
        {f.restored && (
          <Alert type="info" showIcon className="form-error" title={t('drafts.restored')} action={<Button size="small" onClick={f.discardDraft}>{t('drafts.discard')}</Button>} data-testid="draft-restored" />
        )}
        <FormErrorAlert state={f.state} />
        <Form
          form={f.form}
          name="user"
          layout="vertical"
          initialValues={f.initialValues({ roles: [{ role: 'counter_officer', unitId: null }] })}
          onValuesChange={f.onValuesChange}
          onFinish={onFinish}
          scrollToFirstError
        >
          <Space wrap size="middle" style={{ display: 'flex' }} align="start">
            <Form.Item label={t('users.username')} name="username" extra={t('register.usernameHint')} style={{ minWidth: 260 }} rules={[{ required: true, message: t('validation.required') }, { pattern: /^[A-Za-z0-9._-]{3,50}$/, message: t('validation.username') }]}>
              <Input autoComplete="off" autoCapitalize="none" spellCheck={false} maxLength={50} />
            </Form.Item>
            <Form.Item label={t('users.initialPassword')} name="password" extra={t('users.passwordHint')} style={{ minWidth: 260 }} rules={[{ required: true, message: t('validation.required') }, { min: 8, message: t('validation.min', { n: 8 }) }]}>
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          </Space>
          <Form.Item label={t('users.fullName')} name="fullName" rules={[{ required: true, whitespace: true, message: t('validation.required') }, { min: 2, message: t('validation.min', { n: 2 }) }]}>
            <Input maxLength={200} autoComplete="off" />
          </Form.Item>
          <Form.Item label={t('users.jobTitle')} name="title">
            <Input maxLength={100} />
          </Form.Item>
          <Space wrap size="middle" style={{ display: 'flex' }} align="start">
            <Form.Item label={t('register.email')} name="email" style={{ minWidth: 260 }} rules={[{ type: 'email', message: t('validation.email') }]}>
              <Input type="email" maxLength={200} autoComplete="off" />
            </Form.Item>
            <Form.Item label={t('register.phone')} name="phone" style={{ minWidth: 220 }}>
              <Input type="tel" maxLength={20} autoComplete="off" />
            </Form.Item>
          </Space>
          <RolesEditor roles={roles} units={units} />
          <Space style={{ marginTop: 24 }}>
            <Button type="primary" htmlType="submit" loading={f.submitting} data-testid="user-submit">
              {t('users.create')}
            </Button>
            <Link to="/quan-tri/nguoi-dung">{t('common.cancel')}</Link>
          </Space>
        </Form>
      </div>
    </>
  );
}
