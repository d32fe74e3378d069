import { Alert, App, Button, Descriptions, Form, Space, Switch } from 'antd';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api, type RoleLabel, type Unit, type UserRow } from '../../api';
import { ErrorBox } from '../../components/ErrorBox';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import { Loading, NotFound } from '../../components/Status';
import { useApiForm } from '../../lib/apiForm';
import { useApi } from '../../lib/useApi';
import { usePageTitle } from '../../lib/usePageTitle';
import { useSession } from '../../session';
import { RolesEditor } from './RolesEditor';

interface RolesValues {
  active: boolean;
  roles: { role: string; unitId: string | null }[];
}

/** /quan-tri/nguoi-dung/:id — a user's roles and whether the account is active. */
export default function UserEdit() {
  const { id } = useParams();
  const { t } = useTranslation();
  usePageTitle(t('users.editTitle'));
  const users = useApi<UserRow[]>('/users');
  const roles = useApi<RoleLabel[]>('/roles');
  const units = useApi<Unit[]>('/units', { all: true });
  const failed = users.error ?? roles.error ?? units.error;
  if (failed) return <ErrorBox error={failed} onRetry={() => [users, roles, units].forEach((x) => x.reload())} />;
  if (!users.data || !roles.data || !units.data) return <Loading />;
  const user = users.data.find((u) => u.id === id);
  if (!user) return <NotFound />;
  return <UserRolesForm key={`${user.id}:${user.version}`} user={user} roles={roles.data} units={units.data} />;
}

function UserRolesForm({ user, roles, units }: { user: UserRow; roles: RoleLabel[]; units: Unit[] }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const session = useSession();
  const self = session.user?.id === user.id;
  const f = useApiForm<RolesValues>({ draftKey: `user:${user.id}` });
  const onFinish = f.run(async (v) => {
    await api(`/users/${user.id}/roles`, {
      method: 'PUT',
      body: { roles: v.roles.map((r) => ({ role: r.role, unitId: r.unitId ?? null })), active: v.active },
    });
    message.success(t('users.saved'));
    navigate('/quan-tri/nguoi-dung');
  });
  const allowed = user.kind === 'staff' ? roles.filter((r) => r.role !== 'citizen') : roles;

  return (
    <>
      <div className="page-head">
        <h1>{user.fullName}</h1>
        <Link to="/quan-tri/nguoi-dung">{t('common.backToList')}</Link>
      </div>
      <div className="card" style={{ maxWidth: 860 }}>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2 }}
          items={[
            { key: 'u', label: t('users.username'), children: user.username },
            { key: 'k', label: t('users.kind'), children: t(`userKinds.${user.kind}`) },
            { key: 't', label: t('users.jobTitle'), children: user.title ?? '' },
            { key: 'c', label: t('users.citizenId'), children: user.citizenId ?? '' },
            { key: 'e', label: t('register.email'), children: user.email ?? '' },
            { key: 'p', label: t('register.phone'), children: user.phone ?? '' },
          ]}
          style={{ marginBottom: 16 }}
        />
        {f.restored && (
          <Alert type="info" showIcon className="form-error" title={t('drafts.restored')} action={<Button size="small" onClick={f.discardDraft}>{t('drafts.discard')}</Button>} />
        )}
        <FormErrorAlert state={f.state} />
        <Form
          form={f.form}
          name="user-roles"
          layout="vertical"
          initialValues={f.initialValues({ active: user.active, roles: user.roles.map((r) => ({ role: r.role, unitId: r.unitId })) })}
          onValuesChange={f.onValuesChange}
          onFinish={onFinish}
        >
          <Form.Item label={t('users.accountActive')} name="active" valuePropName="checked" extra={self ? t('users.selfHint') : t('users.activeHint')}>
            <Switch disabled={self} />
          </Form.Item>
          <RolesEditor roles={allowed} units={units} />
          <Space style={{ marginTop: 24 }}>
            <Button type="primary" htmlType="submit" loading={f.submitting} data-testid="roles-submit">
              {t('common.save')}
            </Button>
            <Link to="/quan-tri/nguoi-dung">{t('common.cancel')}</Link>
          </Space>
        </Form>
      </div>
    </>
  );
}
