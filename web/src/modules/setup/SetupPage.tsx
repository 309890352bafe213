import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Divider, Flex, Form, Input, Result, Typography } from 'antd';
import { api } from '../../app/api';
import { useT } from '../../app/locale';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { PageSpinner } from '../../components/PageSpinner';
import { PasswordRules } from '../../components/PasswordRules';
import { PASSWORD_MAX, checkPassword } from '../../components/password-rules';
import { usePageTitle } from '../../components/usePageTitle';

interface SetupValues {
  unitName: string;
  unitCode: string;
  username: string;
  name: string;
  password: string;
  confirm: string;
}

/** The server's rules for set-up (server/src/core/setup/routes.ts), checked before sending. */
const UNIT_CODE_PATTERN = /^[a-z0-9-]{1,64}$/;
const USERNAME_PATTERN = /^[A-Za-z][A-Za-z0-9_.-]{2,63}$/;

/** The one-time first-run form: the unit and its first system administrator. */
export default function SetupPage() {
  const t = useT();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [form] = Form.useForm<SetupValues>();
  const password = Form.useWatch('password', form) ?? '';
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  usePageTitle('setup.title');

  const status = useQuery({
    queryKey: ['setup', 'status'],
    queryFn: () => api.get<{ needed: boolean }>('/api/setup/status'),
    retry: false,
  });

  async function submit(v: SetupValues) {
    setSaving(true);
    setError(null);
    try {
      await api.post('/api/setup', {
        token,
        unitName: v.unitName.trim(),
        unitCode: v.unitCode.trim(),
        username: v.username.trim(),
        name: v.name.trim(),
        password: v.password,
      });
      await navigate('/login', { replace: true, state: { setupDone: true } });
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  }

  const goLogin = (
    <Button type="primary" onClick={() => void navigate('/login')}>
      {t('setup.goLogin')}
    </Button>
  );

  let body;
  if (status.isPending) body = <PageSpinner />;
  else if (status.data && !status.data.needed) {
    body = (
      <Result
        status="success"
        title={t('setup.notNeeded')}
        extra={goLogin}
        data-testid="setup-not-needed"
      />
    );
  } else if (!token) {
    body = <Result status="warning" title={t('setup.noToken')} data-testid="setup-no-token" />;
  } else {
    body = (
      <Card title={t('setup.title')}>
        <Typography.Paragraph type="secondary">{t('setup.intro')}</Typography.Paragraph>
        <ErrorAlert error={status.error} />
        <ErrorAlert error={error} testId="setup-error" />
        <Form<SetupValues>
          form={form}
          layout="vertical"
          requiredMark={false}
          onFinish={(v) => void submit(v)}
        >
          <Divider titlePlacement="start">{t('setup.unitSection')}</Divider>
          <Form.Item
            name="unitName"
            label={t('setup.unitName')}
            rules={[{ required: true, whitespace: true, message: t('common.required') }]}
          >
            <Input
              maxLength={200}
              placeholder={t('setup.unitNamePlaceholder')}
              data-testid="setup-unit-name"
            />
          </Form.Item>
          <Form.Item
            name="unitCode"
            label={t('setup.unitCode')}
            extra={t('setup.unitCodeHelp')}
            rules={[
              { required: true, message: t('common.required') },
              { pattern: UNIT_CODE_PATTERN, message: t('setup.unitCodeInvalid') },
            ]}
          >
            <Input maxLength={64} data-testid="setup-unit-code" />
          </Form.Item>
          <Divider titlePlacement="start">{t('setup.adminSection')}</Divider>
          <Form.Item
            name="username"
            label={t('setup.username')}
            rules={[
              { required: true, message: t('common.required') },
              { pattern: USERNAME_PATTERN, message: t('admins.usernameInvalid') },
            ]}
          >
            <Input maxLength={64} autoComplete="username" data-testid="setup-username" />
          </Form.Item>
          <Form.Item
            name="name"
            label={t('setup.name')}
            rules={[{ required: true, whitespace: true, message: t('common.required') }]}
          >
            <Input maxLength={50} data-testid="setup-name" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('setup.password')}
            rules={[
              { required: true, message: t('common.required') },
              {
                validator: async (_, value: string | undefined) => {
                  if (!value) return;
                  if ([...value].length > PASSWORD_MAX)
                    throw new Error(t('error.PASSWORD_TOO_LONG'));
                  const c = checkPassword(value);
                  if (!c.length || !c.classes) throw new Error(t('error.PASSWORD_WEAK'));
                },
              },
            ]}
          >
            <Input.Password autoComplete="new-password" data-testid="setup-password" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label={t('setup.confirm')}
            dependencies={['password']}
            rules={[
              { required: true, message: t('common.required') },
              ({ getFieldValue }) => ({
                validator: async (_, value: string | undefined) => {
                  if (value && value !== getFieldValue('password'))
                    throw new Error(t('password.mismatch'));
                },
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" data-testid="setup-confirm" />
          </Form.Item>
          <Alert
            type="info"
            title={<PasswordRules password={password} />}
            style={{ marginBottom: 16 }}
          />
          <Button
            type="primary"
            htmlType="submit"
            block
            loading={saving}
            data-testid="setup-submit"
          >
            {t('setup.submit')}
          </Button>
        </Form>
      </Card>
    );
  }

  return (
    <Flex vertical align="center" style={{ minHeight: '100vh', padding: '16px 12px' }}>
      <Flex
        justify="space-between"
        align="center"
        style={{ width: '100%', maxWidth: 560, marginBottom: 16 }}
      >
        <Typography.Title level={3} style={{ margin: 0, color: '#1f5fa8' }}>
          {t('app.name')}
        </Typography.Title>
        <LanguageSwitch />
      </Flex>
      <div style={{ width: '100%', maxWidth: 560 }}>{body}</div>
    </Flex>
  );
}
