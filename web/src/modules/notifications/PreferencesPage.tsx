import { useEffect } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, Flex, Form, Input, Radio, Typography } from 'antd';
import { api } from '../../app/api';
import { errorText } from '../../app/errors';
import { useLocale, useT } from '../../app/locale';
import { queryClient } from '../../app/queryClient';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { usePageTitle } from '../../components/usePageTitle';
import type { EmailMode, Preferences } from './types';

const KEY = ['notifications', 'preferences'] as const;

interface FormValues {
  email: string;
  emailMode: EmailMode;
  kinds: string[];
}

/** My notification settings: the inbox is always on; e-mail per kind, at once or daily. */
export default function PreferencesPage() {
  const t = useT();
  const { locale } = useLocale();
  const { message } = App.useApp();
  usePageTitle('notifications.prefs.title');
  const [form] = Form.useForm<FormValues>();

  const prefs = useQuery({
    queryKey: [...KEY, locale],
    queryFn: () =>
      api
        .get<{ preferences: Preferences }>('/api/notifications/preferences')
        .then((r) => r.preferences),
  });
  useEffect(() => {
    if (!prefs.data) return;
    form.setFieldsValue({
      email: prefs.data.email ?? '',
      emailMode: prefs.data.emailMode,
      kinds: prefs.data.kinds.filter((k) => k.email).map((k) => k.type),
    });
  }, [prefs.data, form]);

  const save = useMutation({
    mutationFn: (v: FormValues) => {
      const chosen = new Set(v.kinds ?? []);
      return api.put<{ preferences: Preferences }>('/api/notifications/preferences', {
        email: v.email.trim() ? v.email.trim() : null,
        emailMode: v.emailMode,
        kinds: Object.fromEntries(
          (prefs.data?.kinds ?? []).map((k) => [k.type, chosen.has(k.type)]),
        ),
      });
    },
    onSuccess: async () => {
      void message.success(t('notifications.prefs.saved'));
      await queryClient.invalidateQueries({ queryKey: KEY });
    },
    onError: (err) => void message.error(errorText(locale, err)),
  });

  const mode = Form.useWatch('emailMode', form);
  return (
    <>
      <PageHeader title={t('notifications.prefs.title')} />
      <ErrorAlert error={prefs.error} onRetry={() => void prefs.refetch()} />
      <Card loading={prefs.isPending} style={{ maxWidth: 640 }}>
        <Typography.Paragraph type="secondary">
          {t('notifications.prefs.inboxAlways')}
        </Typography.Paragraph>
        <Form<FormValues>
          form={form}
          layout="vertical"
          data-testid="prefs-form"
          onFinish={(v) => save.mutate(v)}
          initialValues={{ email: '', emailMode: 'off', kinds: [] }}
        >
          <Form.Item
            name="email"
            label={t('notifications.prefs.email')}
            extra={t('notifications.prefs.emailHint')}
            rules={[{ type: 'email', message: t('error.VALIDATION_FAILED') }]}
          >
            <Input
              type="email"
              inputMode="email"
              autoComplete="email"
              maxLength={254}
              data-testid="prefs-email"
            />
          </Form.Item>
          <Form.Item name="emailMode" label={t('notifications.prefs.emailMode')}>
            <Radio.Group data-testid="prefs-mode">
              <Flex vertical gap={6}>
                <Radio value="off">{t('notifications.prefs.mode.off')}</Radio>
                <Radio value="instant">{t('notifications.prefs.mode.instant')}</Radio>
                <Radio value="digest">{t('notifications.prefs.mode.digest')}</Radio>
              </Flex>
            </Radio.Group>
          </Form.Item>
          {prefs.data?.kinds.length ? (
            <Form.Item name="kinds" label={t('notifications.prefs.kinds')}>
              <Checkbox.Group disabled={mode === 'off'} data-testid="prefs-kinds">
                <Flex vertical gap={6}>
                  {prefs.data.kinds.map((k) => (
                    <Checkbox key={k.type} value={k.type}>
                      {k.label}
                    </Checkbox>
                  ))}
                </Flex>
              </Checkbox.Group>
            </Form.Item>
          ) : (
            <Typography.Paragraph type="secondary">
              {t('notifications.prefs.noKinds')}
            </Typography.Paragraph>
          )}
          <Button
            type="primary"
            htmlType="submit"
            loading={save.isPending}
            data-testid="prefs-save"
          >
            {t('notifications.prefs.save')}
          </Button>
        </Form>
      </Card>
    </>
  );
}
