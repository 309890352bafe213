import { Alert, Card, Descriptions, Space, Tag, Typography } from 'antd';
import { useT } from '../../app/locale';
import { usePageTitle } from '../../components/usePageTitle';
import { useCurrentMe } from '../auth/me';

/** A plain welcome: who I am, where, and in which roles. */
export default function HomePage() {
  const t = useT();
  const me = useCurrentMe();
  usePageTitle('menu.home');

  const items = [
    { key: 'unit', label: t('home.unit'), children: me.unit.name },
    me.person
      ? { key: 'department', label: t('home.department'), children: me.person.departmentPath }
      : { key: 'department', label: t('home.department'), children: t('home.adminAccount') },
    ...(me.person?.position
      ? [{ key: 'position', label: t('home.position'), children: me.person.position }]
      : []),
    me.person
      ? { key: 'staffNo', label: t('home.staffNo'), children: me.person.staffNo }
      : { key: 'username', label: t('home.username'), children: me.username },
    {
      key: 'roles',
      label: t('home.roles'),
      children: (
        <Space wrap size={4}>
          {me.roles.map((r) => (
            <Tag key={r} color="blue">
              {t(`role.${r}`)}
            </Tag>
          ))}
        </Space>
      ),
    },
  ];

  return (
    <Card data-testid="home">
      <Typography.Title level={3} data-testid="home-welcome">
        {t('home.welcome', { name: me.name })}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('home.intro')}</Typography.Paragraph>
      {me.isDemo ? (
        <Alert type="info" showIcon title={t('home.demoNotice')} style={{ marginBottom: 16 }} />
      ) : null}
      <Descriptions column={1} bordered size="small" items={items} />
    </Card>
  );
}
