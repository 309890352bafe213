import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined } from '@ant-design/icons';
import { api } from '../../../app/api';
import { errorText } from '../../../app/errors';
import { useLocale, useT } from '../../../app/locale';
import { queryClient } from '../../../app/queryClient';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { PageHeader } from '../../../components/PageHeader';
import { TemporaryPasswordModal } from '../../../components/TemporaryPasswordModal';
import { usePageTitle } from '../../../components/usePageTitle';
import { useCurrentMe } from '../../auth/me';
import { ADMINS_KEY } from '../api';
import type { AdminAccount, AdminAccountList } from '../types';
import { ChangeAdminRoleModal, CreateAdminModal } from './AdminAccountModals';

/** The three separated administrator accounts (三员分立). */
export default function AdminAccountsPage() {
  const t = useT();
  const me = useCurrentMe();
  const { message, modal } = App.useApp();
  const { locale } = useLocale();
  const [creating, setCreating] = useState(false);
  const [changing, setChanging] = useState<AdminAccount | null>(null);
  const [temporary, setTemporary] = useState<{ password: string; username: string } | null>(null);
  usePageTitle('admins.title');

  const list = useQuery({
    queryKey: ADMINS_KEY,
    queryFn: () => api.get<AdminAccountList>('/api/org/admin-accounts'),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ADMINS_KEY });

  const columns: ColumnsType<AdminAccount> = [
    {
      title: t('admins.username'),
      dataIndex: 'username',
      render: (u: string, a) => (
        <Typography.Text>
          {u}
          {a.id === me.accountId ? (
            <Typography.Text type="secondary"> {t('admins.own')}</Typography.Text>
          ) : null}
        </Typography.Text>
      ),
    },
    { title: t('admins.name'), dataIndex: 'name' },
    {
      title: t('admins.role'),
      dataIndex: 'role',
      render: (r: AdminAccount['role']) => <Tag color="geekblue">{t(`role.${r}`)}</Tag>,
    },
    {
      title: t('admins.status'),
      key: 'status',
      render: (_: unknown, a) => (
        <Space wrap size={[0, 4]}>
          {a.active ? (
            <Tag color="green">{t('admins.active')}</Tag>
          ) : (
            <Tag>{t('admins.inactive')}</Tag>
          )}
          {a.locked ? <Tag color="red">{t('admins.locked')}</Tag> : null}
        </Space>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_: unknown, a: AdminAccount) => (
        <Space wrap size={[4, 4]}>
          {a.abilities.changeRole ? (
            <Button
              size="small"
              type="link"
              onClick={() => setChanging(a)}
              data-testid="admin-change-role"
            >
              {t('admins.changeRole')}
            </Button>
          ) : null}
          {a.abilities.resetPassword ? (
            <Button
              size="small"
              type="link"
              danger
              data-testid="admin-reset-password"
              onClick={() =>
                modal.confirm({
                  title: t('people.resetPassword'),
                  content: t('people.resetConfirm', { name: a.name }),
                  okText: t('people.resetPassword'),
                  cancelText: t('common.cancel'),
                  okButtonProps: { danger: true },
                  onOk: async () => {
                    try {
                      const r = await api.post<{ temporaryPassword: string }>(
                        `/api/org/accounts/${a.id}/reset-password`,
                      );
                      setTemporary({ password: r.temporaryPassword, username: a.username });
                      void refresh();
                    } catch (err) {
                      void message.error(errorText(locale, err));
                    }
                  },
                })
              }
            >
              {t('people.resetPassword')}
            </Button>
          ) : null}
          {a.abilities.unlock && a.locked ? (
            <Button
              size="small"
              type="link"
              data-testid="admin-unlock"
              onClick={async () => {
                try {
                  await api.post(`/api/org/accounts/${a.id}/unlock`);
                  void message.success(t('people.unlocked'));
                  void refresh();
                } catch (err) {
                  void message.error(errorText(locale, err));
                }
              }}
            >
              {t('people.unlock')}
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('admins.title')}
        extra={
          list.data?.abilities.create ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="admin-create"
            >
              {t('admins.create')}
            </Button>
          ) : null
        }
      />
      <Alert
        type="info"
        showIcon
        title={t('admins.separationTitle')}
        description={t('admins.separation')}
        style={{ marginBottom: 16 }}
        data-testid="admin-separation-note"
      />
      <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      <Card>
        <Table<AdminAccount>
          data-testid="admin-table"
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isPending}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('admins.empty') }}
        />
      </Card>
      <CreateAdminModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(account, password) => {
          setCreating(false);
          setTemporary({ password, username: account.username });
          void refresh();
        }}
      />
      <ChangeAdminRoleModal
        account={changing}
        onClose={() => setChanging(null)}
        onChanged={() => {
          setChanging(null);
          void message.success(t('admins.roleChanged'));
          void refresh();
        }}
      />
      <TemporaryPasswordModal
        password={temporary?.password ?? null}
        username={temporary?.username}
        onClose={() => setTemporary(null)}
      />
    </>
  );
}
