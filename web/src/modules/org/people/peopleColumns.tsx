import { Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { TFunction } from '../../../i18n';
import type { Person } from '../types';
import { PersonActions, type PersonActionHandlers } from './PersonActions';

/** The people table's columns; texts are rendered as text, never as HTML. */
export function peopleColumns(
  t: TFunction,
  handlers: PersonActionHandlers,
  opts: { mobile: boolean },
): ColumnsType<Person> {
  return [
    { title: t('people.staffNo'), dataIndex: 'staffNo', width: 110 },
    {
      title: t('people.name'),
      dataIndex: 'name',
      width: 100,
      render: (name: string, p) => (
        <Typography.Text delete={!p.active} data-testid="person-name-cell">
          {name}
        </Typography.Text>
      ),
    },
    { title: t('people.department'), dataIndex: 'departmentPath' },
    {
      title: t('people.position'),
      dataIndex: 'position',
      render: (v: string | null) => v ?? t('common.none'),
    },
    {
      title: t('people.phone'),
      dataIndex: 'phone',
      render: (v: string | null) => v ?? t('common.none'),
    },
    {
      title: t('people.politicalStatus'),
      dataIndex: 'politicalStatus',
      render: (v: Person['politicalStatus']) => (v ? t(`political.${v}`) : t('common.none')),
    },
    {
      title: t('people.congressDelegate'),
      dataIndex: 'congressDelegate',
      render: (v: boolean) => (v ? <Tag color="purple">{t('common.yes')}</Tag> : t('common.none')),
    },
    {
      title: t('people.roles'),
      dataIndex: 'roles',
      render: (roles: Person['roles']) => (
        <Space wrap size={[0, 4]}>
          {roles.map((r) => (
            <Tag key={r} color="blue">
              {t(`role.${r}`)}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('people.status'),
      key: 'status',
      render: (_: unknown, p) => (
        <Space wrap size={[0, 4]}>
          {p.active ? (
            <Tag color="green">{t('people.active')}</Tag>
          ) : (
            <Tag>{t('people.inactive')}</Tag>
          )}
          {p.locked ? <Tag color="red">{t('people.locked')}</Tag> : null}
          {p.accountId === null ? <Tag>{t('people.noAccount')}</Tag> : null}
        </Space>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: opts.mobile ? undefined : 'right',
      render: (_: unknown, p) => <PersonActions person={p} handlers={handlers} />,
    },
  ];
}
