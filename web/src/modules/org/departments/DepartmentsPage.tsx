import { useMemo, useState } from 'react';
import { App, Button, Card, Flex, Popconfirm, Switch, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined } from '@ant-design/icons';
import { api } from '../../../app/api';
import { errorText } from '../../../app/errors';
import { useLocale, useT } from '../../../app/locale';
import { queryClient } from '../../../app/queryClient';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { PageHeader } from '../../../components/PageHeader';
import { usePageTitle } from '../../../components/usePageTitle';
import { DEPARTMENTS_KEY, PEOPLE_KEY, useDepartments } from '../api';
import type { Department } from '../types';
import { DepartmentModal, type DepartmentAction } from './DepartmentModal';
import { buildDepartmentTree, parentIds, type DepartmentNode } from './tree';

/** The department tree: add, rename, move and deactivate, with the number of people in each. */
export default function DepartmentsPage() {
  const t = useT();
  const { locale } = useLocale();
  const { message } = App.useApp();
  const departments = useDepartments();
  const [showInactive, setShowInactive] = useState(false);
  const [action, setAction] = useState<DepartmentAction | null>(null);
  const [collapsed, setCollapsed] = useState<Set<number>>(new Set());
  usePageTitle('dept.title');

  const items = useMemo(() => departments.data?.items ?? [], [departments.data]);
  const tree = useMemo(
    () => buildDepartmentTree(items, { includeInactive: showInactive }),
    [items, showInactive],
  );
  const expanded = parentIds(tree).filter((id) => !collapsed.has(id));

  async function refresh() {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: DEPARTMENTS_KEY }),
      queryClient.invalidateQueries({ queryKey: PEOPLE_KEY }),
    ]);
  }

  async function setActive(d: Department, active: boolean) {
    try {
      await api.patch(`/api/org/departments/${d.id}`, { active });
      void message.success(t('common.saved'));
      await refresh();
    } catch (err) {
      void message.error(errorText(locale, err));
    }
  }

  const columns: ColumnsType<DepartmentNode> = [
    {
      title: t('dept.name'),
      dataIndex: 'name',
      render: (_: unknown, d) => (
        <Typography.Text delete={!d.active} data-testid="dept-name-cell">
          {d.name}
        </Typography.Text>
      ),
    },
    { title: t('dept.peopleCount'), dataIndex: 'peopleCount', width: 90, align: 'right' },
    {
      title: t('dept.status'),
      dataIndex: 'active',
      width: 90,
      render: (active: boolean) =>
        active ? <Tag color="green">{t('dept.active')}</Tag> : <Tag>{t('dept.inactive')}</Tag>,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_: unknown, d) => (
        <Flex wrap gap={4}>
          {d.abilities.addChild && d.active ? (
            <Button
              size="small"
              type="link"
              onClick={() => setAction({ kind: 'create', parent: d })}
            >
              {t('dept.addChild')}
            </Button>
          ) : null}
          {d.abilities.update ? (
            <>
              <Button
                size="small"
                type="link"
                onClick={() => setAction({ kind: 'rename', department: d })}
              >
                {t('dept.rename')}
              </Button>
              <Button
                size="small"
                type="link"
                onClick={() => setAction({ kind: 'move', department: d })}
              >
                {t('dept.move')}
              </Button>
            </>
          ) : null}
          {d.abilities.deactivate ? (
            d.active ? (
              <Popconfirm
                title={t('dept.deactivateConfirm', { name: d.name })}
                okText={t('dept.deactivate')}
                cancelText={t('common.cancel')}
                okButtonProps={{ danger: true }}
                onConfirm={() => setActive(d, false)}
              >
                <Button size="small" type="link" danger>
                  {t('dept.deactivate')}
                </Button>
              </Popconfirm>
            ) : (
              <Button size="small" type="link" onClick={() => void setActive(d, true)}>
                {t('dept.activate')}
              </Button>
            )
          ) : null}
        </Flex>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('dept.title')}
        extra={
          departments.data?.abilities.create ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              data-testid="dept-add-root"
              onClick={() => setAction({ kind: 'create', parent: null })}
            >
              {t('dept.addRoot')}
            </Button>
          ) : null
        }
      />
      <ErrorAlert error={departments.error} onRetry={() => void departments.refetch()} />
      <Card>
        <Flex align="center" gap={8} style={{ marginBottom: 12 }}>
          <Switch
            checked={showInactive}
            onChange={setShowInactive}
            id="dept-show-inactive"
            size="small"
          />
          <label htmlFor="dept-show-inactive">{t('dept.showInactive')}</label>
        </Flex>
        <Table<DepartmentNode>
          data-testid="dept-table"
          rowKey="id"
          size="middle"
          loading={departments.isPending}
          columns={columns}
          dataSource={tree}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('dept.empty') }}
          expandable={{
            expandedRowKeys: expanded,
            onExpand: (open, d) =>
              setCollapsed((prev) => {
                const next = new Set(prev);
                if (open) next.delete(d.id);
                else next.add(d.id);
                return next;
              }),
          }}
        />
      </Card>
      <DepartmentModal
        action={action}
        departments={items}
        onClose={() => setAction(null)}
        onDone={(d) => {
          setAction(null);
          void message.success(action?.kind === 'create' ? t('dept.created') : t('common.saved'));
          setCollapsed((prev) => {
            const next = new Set(prev);
            if (d.parentId !== null) next.delete(d.parentId);
            return next;
          });
          void refresh();
        }}
      />
    </>
  );
}
