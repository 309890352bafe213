import { Flex, Typography } from 'antd';
import { CheckCircleFilled, InfoCircleOutlined, MinusCircleOutlined } from '@ant-design/icons';
import { useT } from '../app/locale';
import type { TKey } from '../i18n';
import { checkPassword } from './password-rules';

type State = 'ok' | 'todo' | 'server';

function Rule({ state, label }: { state: State; label: string }) {
  const icon =
    state === 'ok' ? (
      <CheckCircleFilled style={{ color: '#389e0d' }} />
    ) : state === 'todo' ? (
      <MinusCircleOutlined style={{ color: '#8c8c8c' }} />
    ) : (
      <InfoCircleOutlined style={{ color: '#8c8c8c' }} />
    );
  return (
    <Flex gap={8} align="baseline" component="li" data-state={state}>
      {icon}
      <Typography.Text type={state === 'ok' ? 'success' : undefined}>{label}</Typography.Text>
    </Flex>
  );
}

/** The password rules, ticked off as the new password is typed. */
export function PasswordRules({ password }: { password: string }) {
  const t = useT();
  const checks = checkPassword(password);
  const rules: Array<[State, TKey]> = [
    [checks.length ? 'ok' : 'todo', 'password.rule.length'],
    [checks.classes ? 'ok' : 'todo', 'password.rule.classes'],
    ['server', 'password.rule.common'],
    ['server', 'password.rule.history'],
  ];
  return (
    <div data-testid="password-rules" aria-live="polite">
      <Typography.Text strong>{t('password.rulesTitle')}</Typography.Text>
      <Flex
        vertical
        gap={4}
        component="ul"
        style={{ listStyle: 'none', padding: 0, margin: '8px 0 0' }}
      >
        {rules.map(([state, key]) => (
          <Rule key={key} state={state} label={t(key)} />
        ))}
      </Flex>
    </div>
  );
}
