import { useMemo } from 'react';
import { Button, Form, Select, TreeSelect } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { RoleLabel, Unit } from '../../api';
import { fold } from '../../lib/fold';
import { unitTree } from './Units';

/** A list of (role, unit) grants; a grant at a unit covers the unit and its descendants. */
export function RolesEditor({ roles, units }: { roles: RoleLabel[]; units: Unit[] }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const treeData = useMemo(() => {
    const today = new Date().toISOString().slice(0, 10);
    const toNode = (n: ReturnType<typeof unitTree>[number]): any => ({
      value: n.id,
      title: `${n.shortName ?? n.name} (${n.code})`,
      search: fold(`${n.code} ${n.name} ${n.shortName ?? ''}`),
      children: n.children?.map(toNode),
    });
    return unitTree(units.filter((u) => !u.validTo || u.validTo > today)).map(toNode);
  }, [units]);

  return (
    <Form.List
      name="roles"
      rules={[
        {
          validator: async (_r, list) => {
            if (!list || list.length < 1) throw new Error(t('users.atLeastOneRole'));
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <fieldset className="roles-editor" style={{ border: 0, padding: 0, margin: 0 }}>
          <legend style={{ fontWeight: 600, fontSize: 14, marginBottom: 8 }}>{t('users.roles')}</legend>
          {fields.map((field, index) => (
            <div key={field.key} style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'flex-start' }} data-testid={`role-row-${index}`}>
              <Form.Item
                name={[field.name, 'role']}
                label={t('users.role', { n: index + 1 })}
                rules={[{ required: true, message: t('validation.required') }]}
                style={{ minWidth: 220, flex: '1 1 220px' }}
              >
                <Select options={roles.map((r) => ({ value: r.role, label: en ? r.en : r.vi }))} />
              </Form.Item>
              <Form.Item noStyle shouldUpdate={(a, b) => a.roles?.[field.name]?.role !== b.roles?.[field.name]?.role}>
                {({ getFieldValue }) => {
                  const role = getFieldValue(['roles', field.name, 'role']);
                  return (
                    <Form.Item
                      name={[field.name, 'unitId']}
                      label={t('users.unit', { n: index + 1 })}
                      rules={role && role !== 'citizen' ? [{ required: true, message: t('users.unitRequired') }] : []}
                      style={{ minWidth: 260, flex: '2 1 260px' }}
                    >
                      <TreeSelect
                        allowClear
                        disabled={role === 'citizen'}
                        showSearch={{ filterTreeNode: (input: string, node: any) => String(node.search ?? '').includes(fold(input)) }}
                        treeData={treeData}
                        treeDefaultExpandAll
                      />
                    </Form.Item>
                  );
                }}
              </Form.Item>
              <Button
                icon={<DeleteOutlined />}
                aria-label={t('users.removeRole', { n: index + 1 })}
                onClick={() => remove(field.name)}
                style={{ marginTop: 30 }}
              />
            </div>
          ))}
          <Form.ErrorList errors={errors} />
          <Button icon={<PlusOutlined />} onClick={() => add({ role: undefined, unitId: null })} data-testid="add-role">
            {t('users.addRole')}
          </Button>
        </fieldset>
      )}
    </Form.List>
  );
}
