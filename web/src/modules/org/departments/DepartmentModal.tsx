import { useState } from 'react';
import { Form, Input, Modal, TreeSelect } from 'antd';
import { api } from '../../../app/api';
import { useT } from '../../../app/locale';
import { ErrorAlert } from '../../../components/ErrorAlert';
import type { Department } from '../types';
import { departmentOptions, subtreeIds } from './tree';

export type DepartmentAction =
  | { kind: 'create'; parent: Department | null }
  | { kind: 'rename'; department: Department }
  | { kind: 'move'; department: Department };

/** The value standing for "no parent" in the parent picker. */
const TOP_LEVEL = 0;

interface Values {
  name?: string;
  parentId?: number;
}

interface Props {
  action: DepartmentAction | null;
  departments: Department[];
  onClose: () => void;
  onDone: (department: Department) => void;
}

/** Add a department, rename one, or move one under another parent. */
export function DepartmentModal({ action, ...rest }: Props) {
  if (!action) return null;
  // Mounted afresh for every action, so no state of the previous one lingers.
  const key =
    action.kind === 'create'
      ? `create-${action.parent?.id ?? 'root'}`
      : `${action.kind}-${action.department.id}`;
  return <DepartmentModalBody key={key} action={action} {...rest} />;
}

function initialValues(action: DepartmentAction): Values {
  if (action.kind === 'rename') return { name: action.department.name };
  if (action.kind === 'move') return { parentId: action.department.parentId ?? TOP_LEVEL };
  return {};
}

function DepartmentModalBody({
  action,
  departments,
  onClose,
  onDone,
}: Props & { action: DepartmentAction }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  const title =
    action.kind === 'create'
      ? action.parent
        ? t('dept.addChildTitle', { name: action.parent.name })
        : t('dept.addRootTitle')
      : action.kind === 'rename'
        ? t('dept.renameTitle', { name: action.department.name })
        : t('dept.moveTitle', { name: action.department.name });

  async function save(values: Values) {
    setSaving(true);
    setError(null);
    try {
      const name = values.name?.trim();
      const { department } =
        action.kind === 'create'
          ? await api.post<{ department: Department }>('/api/org/departments', {
              name,
              parentId: action.parent?.id ?? null,
            })
          : await api.patch<{ department: Department }>(
              `/api/org/departments/${action.department.id}`,
              action.kind === 'rename'
                ? { name }
                : { parentId: values.parentId === TOP_LEVEL ? null : values.parentId },
            );
      onDone(department);
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  }

  const moveOptions =
    action.kind === 'move'
      ? [
          { value: TOP_LEVEL, title: t('dept.topLevel') },
          ...departmentOptions(departments, subtreeIds(departments, action.department.id)),
        ]
      : [];

  return (
    <Modal
      open
      title={title}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <ErrorAlert error={error} />
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={initialValues(action)}
        onFinish={(v) => void save(v)}
      >
        {action.kind === 'move' ? (
          <Form.Item
            name="parentId"
            label={t('dept.parent')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <TreeSelect
              treeData={moveOptions}
              treeDefaultExpandAll
              showSearch={{ treeNodeFilterProp: 'title' }}
              data-testid="dept-parent"
            />
          </Form.Item>
        ) : (
          <Form.Item
            name="name"
            label={t('dept.name')}
            rules={[
              { required: true, whitespace: true, message: t('common.required') },
              { max: 50, message: t('dept.nameTooLong') },
              { pattern: /^[^/\\／]*$/, message: t('dept.nameSlash') },
            ]}
          >
            <Input autoFocus maxLength={50} data-testid="dept-name" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
