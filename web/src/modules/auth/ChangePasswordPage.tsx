import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert, App, Button, Card, Col, Form, Input, Row } from 'antd';
import { ApiError, api } from '../../app/api';
import { useT } from '../../app/locale';
import { queryClient } from '../../app/queryClient';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { PasswordRules } from '../../components/PasswordRules';
import { PASSWORD_MAX, checkPassword } from '../../components/password-rules';
import { usePageTitle } from '../../components/usePageTitle';
import { ME_KEY, useCurrentMe } from './me';

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** Change one's own password; the only page open while a change is forced. */
export default function ChangePasswordPage() {
  const t = useT();
  const me = useCurrentMe();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<PasswordForm>();
  const newPassword = Form.useWatch('newPassword', form) ?? '';
  const [error, setError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);
  usePageTitle('password.title');

  async function submit(values: PasswordForm) {
    setSubmitting(true);
    setError(null);
    try {
      await api.post('/api/auth/change-password', {
        currentPassword: values.currentPassword,
        newPassword: values.newPassword,
      });
      form.resetFields();
      void message.success(t('password.changed'));
      await queryClient.invalidateQueries({ queryKey: ME_KEY });
      if (me.mustChangePassword) await navigate('/', { replace: true });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'PASSWORD_WRONG') {
        form.setFields([
          { name: 'currentPassword', errors: [t('error.PASSWORD_WRONG')], value: '' },
        ]);
      } else {
        setError(err);
      }
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <>
      <PageHeader title={t('password.title')} />
      {me.mustChangePassword ? (
        <Alert
          type="warning"
          showIcon
          title={t('password.forced')}
          data-testid="pw-forced"
          style={{ marginBottom: 16 }}
        />
      ) : null}
      <Card>
        <Row gutter={[32, 16]}>
          <Col xs={24} md={14} lg={12}>
            <ErrorAlert error={error} testId="pw-error" />
            <Form<PasswordForm>
              form={form}
              layout="vertical"
              requiredMark={false}
              onFinish={(v) => void submit(v)}
            >
              {/* Lets password managers tie the new password to the right account. */}
              <input
                type="text"
                name="username"
                autoComplete="username"
                value={me.username}
                readOnly
                hidden
              />
              <Form.Item
                name="currentPassword"
                label={t('password.current')}
                rules={[{ required: true, message: t('common.required') }]}
              >
                <Input.Password autoComplete="current-password" data-testid="pw-current" />
              </Form.Item>
              <Form.Item
                name="newPassword"
                label={t('password.new')}
                dependencies={['currentPassword']}
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
                  ({ getFieldValue }) => ({
                    validator: async (_, value: string | undefined) => {
                      if (value && value === getFieldValue('currentPassword')) {
                        throw new Error(t('password.sameAsCurrent'));
                      }
                    },
                  }),
                ]}
              >
                <Input.Password autoComplete="new-password" data-testid="pw-new" />
              </Form.Item>
              <Form.Item
                name="confirm"
                label={t('password.confirm')}
                dependencies={['newPassword']}
                rules={[
                  { required: true, message: t('common.required') },
                  ({ getFieldValue }) => ({
                    validator: async (_, value: string | undefined) => {
                      if (value && value !== getFieldValue('newPassword')) {
                        throw new Error(t('password.mismatch'));
                      }
                    },
                  }),
                ]}
              >
                <Input.Password autoComplete="new-password" data-testid="pw-confirm" />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={submitting} data-testid="pw-submit">
                {t('password.submit')}
              </Button>
            </Form>
          </Col>
          <Col xs={24} md={10} lg={12}>
            <PasswordRules password={newPassword} />
          </Col>
        </Row>
      </Card>
    </>
  );
}
