import { useState } from 'react';
import { Form, Input, Modal } from 'antd';
import type { AdminRole } from '@lianxin/common';
import { api } from '../../../app/api';
import { useT } from '../../../app/locale';
import { ErrorAlert } from '../../../components/ErrorAlert';
import type { AdminAccount } from '../types';
import { AdminRoleRadio } from './AdminRoleRadio';

interface CreateValues {
  username: string;
  name: string;
  role: AdminRole;
}

/** As the server checks it: a letter first, then letters, digits, `_ . -`; 3 to 64 long. */
export const ADMIN_USERNAME_PATTERN = /^[A-Za-z][A-Za-z0-9_.-]{2,63}$/;

interface CreateProps {
  open: boolean;
  onClose: () => void;
  onCreated: (account: AdminAccount, temporaryPassword: string) => void;
}

/** Create an administrator account; the answer carries a temporary password, shown once. */
export function CreateAdminModal({ open, ...rest }: CreateProps) {
  return open ? <CreateAdminBody {...rest} /> : null;
}

function CreateAdminBody({ onClose, onCreated }: Omit<CreateProps, 'open'>) {
  const t = useT();
  const [form] = Form.useForm<CreateValues>();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  async function save(v: CreateValues) {
    setSaving(true);
    setError(null);
    try {
      const r = await api.post<{ account: AdminAccount; temporaryPassword: string }>(
        '/api/org/admin-accounts',
        { username: v.username.trim(), name: v.name.trim(), role: v.role },
      );
      onCreated(r.account, r.temporaryPassword);
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open
      title={t('admins.createTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <ErrorAlert error={error} />
      <Form<CreateValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => void save(v)}
      >
        <Form.Item
          name="username"
          label={t('admins.username')}
          rules={[
            { required: true, message: t('common.required') },
            { pattern: ADMIN_USERNAME_PATTERN, message: t('admins.usernameInvalid') },
          ]}
        >
          <Input maxLength={64} autoComplete="off" data-testid="admin-username" />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('admins.name')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }]}
        >
          <Input maxLength={50} data-testid="admin-name" />
        </Form.Item>
        <Form.Item
          name="role"
          label={t('admins.role')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <AdminRoleRadio />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface ChangeProps {
  account: AdminAccount | null;
  onClose: () => void;
  onChanged: () => void;
}

/** Change an administrator's one role (security administrator; never one's own). */
export function ChangeAdminRoleModal({ account, ...rest }: ChangeProps) {
  return account ? <ChangeAdminRoleBody key={account.id} account={account} {...rest} /> : null;
}

function ChangeAdminRoleBody({
  account,
  onClose,
  onChanged,
}: ChangeProps & { account: AdminAccount }) {
  const t = useT();
  const [role, setRole] = useState<AdminRole>(account.role);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  async function save() {
    if (role === account.role) return onClose();
    setSaving(true);
    setError(null);
    try {
      await api.put(`/api/org/admin-accounts/${account.id}/role`, { role });
      onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open
      title={t('admins.changeRoleTitle', { name: account.name })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => void save()}
      onCancel={onClose}
      destroyOnHidden
    >
      <ErrorAlert error={error} />
      <AdminRoleRadio value={role} onChange={setRole} />
    </Modal>
  );
}
