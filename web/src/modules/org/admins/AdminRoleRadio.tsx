import { Flex, Radio, Typography } from 'antd';
import { ADMIN_ROLES, type AdminRole } from '@lianxin/common';
import { useT } from '../../../app/locale';

/**
 * One of the three administrator roles, never two: a radio group is the UI side of 三员分立
 * (the server refuses a second administrator role anyway).
 */
export function AdminRoleRadio({
  value,
  onChange,
}: {
  value?: AdminRole;
  onChange?: (role: AdminRole) => void;
}) {
  const t = useT();
  return (
    <Radio.Group
      value={value}
      onChange={(e) => onChange?.(e.target.value as AdminRole)}
      data-testid="admin-role"
    >
      <Flex vertical gap={8}>
        {ADMIN_ROLES.map((role) => (
          <Radio key={role} value={role} data-testid={`admin-role-${role}`}>
            <Typography.Text strong>{t(`role.${role}`)}</Typography.Text>
            <br />
            <Typography.Text type="secondary">{t(`admins.roleHelp.${role}`)}</Typography.Text>
          </Radio>
        ))}
      </Flex>
    </Radio.Group>
  );
}
