import { useEffect, useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Radio,
  Space,
  Statistic,
  Switch,
  Tag,
  Typography,
} from 'antd';
import { api, apiRequest } from '../../app/api';
import { errorText } from '../../app/errors';
import { formatDateTime } from '../../app/format';
import { useLocale, useT } from '../../app/locale';
import { queryClient } from '../../app/queryClient';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { testId } from '../../components/testId';
import { usePageTitle } from '../../components/usePageTitle';
import type { Channels, Provider, Webhook } from './types';

const KEY = ['notifications', 'channels'] as const;
const invalidate = () => queryClient.invalidateQueries({ queryKey: KEY });

/** The unit's notification channels: SMTP, group robots, and deliveries that failed. */
export default function ChannelsPage() {
  const t = useT();
  const { locale } = useLocale();
  usePageTitle('notifications.channels.title');
  const channels = useQuery({
    queryKey: [...KEY, locale],
    queryFn: () => api.get<Channels>('/api/notifications/channels'),
  });
  return (
    <>
      <PageHeader
        title={t('notifications.channels.title')}
        extra={
          <Button onClick={() => void channels.refetch()} loading={channels.isFetching}>
            {t('common.refresh')}
          </Button>
        }
      />
      <ErrorAlert error={channels.error} onRetry={() => void channels.refetch()} />
      {channels.data ? (
        <Flex vertical gap={16}>
          <Deliveries data={channels.data} />
          <SmtpCard data={channels.data} />
          <Webhooks data={channels.data} />
        </Flex>
      ) : (
        <Card loading />
      )}
    </>
  );
}

function Deliveries({ data }: { data: Channels }) {
  const t = useT();
  const { locale } = useLocale();
  const { message } = App.useApp();
  const retry = useMutation({
    mutationFn: (id: number) => api.post(`/api/notifications/channels/deliveries/${id}/retry`),
    onSuccess: invalidate,
    onError: (err) => void message.error(errorText(locale, err)),
  });
  return (
    <Card title={t('notifications.channels.deliveries')} size="small" data-testid="deliveries">
      <Flex wrap gap={24} style={{ marginBottom: 12 }}>
        <Statistic title={t('notifications.channels.pending')} value={data.counts.pending} />
        <Statistic title={t('notifications.channels.sent')} value={data.counts.sent} />
        <Statistic
          title={t('notifications.channels.failed')}
          value={data.counts.failed}
          valueStyle={data.counts.failed ? { color: '#cf1322' } : undefined}
        />
      </Flex>
      <Typography.Text strong>{t('notifications.channels.failures')}</Typography.Text>
      <Flex vertical gap={8} role="list" data-testid="failures" style={{ marginTop: 8 }}>
        {data.failures.length === 0 ? (
          <Typography.Text type="secondary">
            {t('notifications.channels.noFailures')}
          </Typography.Text>
        ) : null}
        {data.failures.map((f) => (
          <Flex
            key={f.id}
            role="listitem"
            data-testid="failure-item"
            gap={8}
            wrap
            justify="space-between"
            style={{ borderBottom: '1px solid rgba(5, 5, 5, 0.06)', paddingBottom: 8 }}
          >
            <Flex vertical gap={2} style={{ minWidth: 0, flex: 1 }}>
              <Space wrap size={4}>
                <Tag>{t(`notifications.channels.channel.${f.channel}`)}</Tag>
                {f.webhookName ? <Typography.Text>{f.webhookName}</Typography.Text> : null}
                <Typography.Text code>{f.type}</Typography.Text>
              </Space>
              <Typography.Text type="secondary" style={{ wordBreak: 'break-word' }}>
                {t('notifications.channels.attempts')}: {f.attempts} ·{' '}
                {t('notifications.channels.lastError')}: {f.lastError ?? '—'}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDateTime(f.createdAt)}
              </Typography.Text>
            </Flex>
            <Button
              size="small"
              data-testid="failure-retry"
              loading={retry.isPending && retry.variables === f.id}
              onClick={() => retry.mutate(f.id)}
            >
              {t('notifications.channels.retry')}
            </Button>
          </Flex>
        ))}
      </Flex>
    </Card>
  );
}

interface SmtpValues {
  host: string;
  port: number;
  secure: boolean;
  username: string;
  password: string;
  clearPassword: boolean;
  fromAddress: string;
  enabled: boolean;
}

function SmtpCard({ data }: { data: Channels }) {
  const t = useT();
  const { locale } = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm<SmtpValues>();
  const [testTo, setTestTo] = useState('');
  const smtp = data.smtp;

  useEffect(() => {
    form.setFieldsValue({
      host: smtp?.host ?? '',
      port: smtp?.port ?? 465,
      secure: smtp?.secure ?? true,
      username: smtp?.username ?? '',
      password: '',
      clearPassword: false,
      fromAddress: smtp?.fromAddress ?? '',
      enabled: smtp?.enabled ?? true,
    });
  }, [smtp, form]);

  const save = useMutation({
    mutationFn: (v: SmtpValues) =>
      api.put('/api/notifications/channels/smtp', {
        host: v.host.trim(),
        port: v.port,
        secure: v.secure,
        username: v.username.trim() || null,
        ...(v.password ? { password: v.password } : {}),
        ...(v.clearPassword ? { clearPassword: true } : {}),
        fromAddress: v.fromAddress.trim(),
        enabled: v.enabled,
      }),
    onSuccess: async () => {
      void message.success(t('notifications.channels.saved'));
      await invalidate();
    },
    onError: (err) => void message.error(errorText(locale, err)),
  });
  const remove = useMutation({
    mutationFn: () => apiRequest('/api/notifications/channels/smtp', { method: 'DELETE' }),
    onSuccess: invalidate,
    onError: (err) => void message.error(errorText(locale, err)),
  });
  const test = useMutation({
    mutationFn: () => api.post('/api/notifications/channels/smtp/test', { to: testTo.trim() }),
    onSuccess: () => void message.success(t('notifications.channels.testSent')),
    onError: (err) => void message.error(errorText(locale, err)),
  });

  return (
    <Card title={t('notifications.channels.smtp')} size="small" data-testid="smtp-card">
      {data.envSmtp ? (
        <Alert
          type="info"
          showIcon
          title={t('notifications.channels.smtpEnv')}
          style={{ marginBottom: 12 }}
        />
      ) : !smtp ? (
        <Alert
          type="warning"
          showIcon
          title={t('notifications.channels.smtpNone')}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      <Form<SmtpValues>
        form={form}
        layout="vertical"
        style={{ maxWidth: 560 }}
        onFinish={(v) => save.mutate(v)}
        data-testid="smtp-form"
      >
        <Flex gap={8} wrap>
          <Form.Item
            name="host"
            label={t('notifications.channels.host')}
            rules={[{ required: true, max: 255 }]}
            style={{ flex: '1 1 200px' }}
          >
            <Input data-testid="smtp-host" autoComplete="off" />
          </Form.Item>
          <Form.Item
            name="port"
            label={t('notifications.channels.port')}
            rules={[{ required: true }]}
            style={{ width: 110 }}
          >
            <InputNumber min={1} max={65535} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
        <Form.Item name="secure" valuePropName="checked">
          <Checkbox>{t('notifications.channels.secure')}</Checkbox>
        </Form.Item>
        <Form.Item
          name="username"
          label={t('notifications.channels.username')}
          rules={[{ max: 255 }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('notifications.channels.password')}
          extra={
            <>
              {smtp?.hasPassword ? <div>{t('notifications.channels.passwordStored')}</div> : null}
              <div>{t('notifications.channels.passwordNote')}</div>
            </>
          }
          rules={[{ max: 255 }]}
        >
          <Input.Password autoComplete="new-password" data-testid="smtp-password" />
        </Form.Item>
        {smtp?.hasPassword ? (
          <Form.Item name="clearPassword" valuePropName="checked">
            <Checkbox>{t('notifications.channels.clearPassword')}</Checkbox>
          </Form.Item>
        ) : null}
        <Form.Item
          name="fromAddress"
          label={t('notifications.channels.from')}
          rules={[{ required: true, type: 'email' }]}
        >
          <Input type="email" data-testid="smtp-from" />
        </Form.Item>
        <Form.Item name="enabled" valuePropName="checked">
          <Checkbox>{t('notifications.channels.enabled')}</Checkbox>
        </Form.Item>
        <Space wrap>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="smtp-save">
            {t('notifications.channels.save')}
          </Button>
          {smtp ? (
            <Popconfirm
              title={t('notifications.channels.confirmRemove')}
              okText={t('notifications.channels.remove')}
              cancelText={t('notifications.channels.cancel')}
              okButtonProps={{ danger: true }}
              onConfirm={() => remove.mutateAsync().catch(() => undefined)}
            >
              <Button danger loading={remove.isPending}>
                {t('notifications.channels.remove')}
              </Button>
            </Popconfirm>
          ) : null}
        </Space>
      </Form>
      {smtp || data.envSmtp ? (
        <Flex gap={8} wrap style={{ marginTop: 16, maxWidth: 560 }}>
          <Input
            type="email"
            placeholder={t('notifications.channels.testTo')}
            aria-label={t('notifications.channels.testTo')}
            value={testTo}
            onChange={(e) => setTestTo(e.target.value)}
            style={{ flex: '1 1 200px' }}
            data-testid="smtp-test-to"
          />
          <Button
            onClick={() => test.mutate()}
            disabled={!testTo.trim()}
            loading={test.isPending}
            data-testid="smtp-test"
          >
            {t('notifications.channels.sendTest')}
          </Button>
        </Flex>
      ) : null}
    </Card>
  );
}

interface WebhookValues {
  name: string;
  provider: Provider;
  url: string;
  secret: string;
  eventTypes: string;
  active: boolean;
}

function Webhooks({ data }: { data: Channels }) {
  const t = useT();
  const { locale } = useLocale();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<Webhook | 'new' | null>(null);

  const remove = useMutation({
    mutationFn: (id: number) =>
      apiRequest(`/api/notifications/channels/webhooks/${id}`, { method: 'DELETE' }),
    onSuccess: invalidate,
    onError: (err) => void message.error(errorText(locale, err)),
  });
  const test = useMutation({
    mutationFn: (id: number) => api.post(`/api/notifications/channels/webhooks/${id}/test`),
    onSuccess: () => void message.success(t('notifications.channels.testSent')),
    onError: (err) => void message.error(errorText(locale, err)),
  });
  const toggle = useMutation({
    mutationFn: (w: Webhook) =>
      api.patch(`/api/notifications/channels/webhooks/${w.id}`, { active: !w.active }),
    onSuccess: invalidate,
    onError: (err) => void message.error(errorText(locale, err)),
  });

  return (
    <Card
      title={t('notifications.channels.webhooks')}
      size="small"
      data-testid="webhooks"
      extra={
        <Button
          size="small"
          type="primary"
          onClick={() => setEditing('new')}
          data-testid="webhook-add"
        >
          {t('notifications.channels.addWebhook')}
        </Button>
      }
    >
      <Flex vertical gap={12} role="list">
        {data.webhooks.length === 0 ? (
          <Typography.Text type="secondary">
            {t('notifications.channels.noWebhooks')}
          </Typography.Text>
        ) : null}
        {data.webhooks.map((w) => (
          <Flex
            key={w.id}
            vertical
            gap={4}
            role="listitem"
            data-testid="webhook-item"
            style={{ borderBottom: '1px solid rgba(5, 5, 5, 0.06)', paddingBottom: 12 }}
          >
            <Space wrap size={6}>
              <Typography.Text strong>{w.name}</Typography.Text>
              <Tag color={w.provider === 'wecom' ? 'green' : 'blue'}>
                {t(`notifications.channels.provider.${w.provider}`)}
              </Tag>
              <Switch
                size="small"
                checked={w.active}
                aria-label={t('notifications.channels.active')}
                loading={toggle.isPending && toggle.variables?.id === w.id}
                onChange={() => toggle.mutate(w)}
              />
            </Space>
            <Typography.Text type="secondary" style={{ wordBreak: 'break-all', fontSize: 12 }}>
              {w.urlHint}
            </Typography.Text>
            <Space wrap size={4}>
              {w.eventTypes.map((e) => (
                <Tag key={e}>{e}</Tag>
              ))}
            </Space>
            <Space wrap>
              <Button
                size="small"
                onClick={() => test.mutate(w.id)}
                loading={test.isPending && test.variables === w.id}
                data-testid="webhook-test"
              >
                {t('notifications.channels.sendTest')}
              </Button>
              <Button size="small" onClick={() => setEditing(w)}>
                {t('notifications.channels.editWebhook')}
              </Button>
              <Popconfirm
                title={t('notifications.channels.confirmRemove')}
                okText={t('notifications.channels.remove')}
                cancelText={t('notifications.channels.cancel')}
                okButtonProps={{ danger: true }}
                onConfirm={() => remove.mutateAsync(w.id).catch(() => undefined)}
              >
                <Button size="small" danger>
                  {t('notifications.channels.remove')}
                </Button>
              </Popconfirm>
            </Space>
          </Flex>
        ))}
      </Flex>
      {editing ? (
        <WebhookModal
          webhook={editing === 'new' ? null : editing}
          kinds={data.kinds}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </Card>
  );
}

function WebhookModal({
  webhook,
  kinds,
  onClose,
}: {
  webhook: Webhook | null;
  kinds: Channels['kinds'];
  onClose: () => void;
}) {
  const t = useT();
  const { locale } = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm<WebhookValues>();
  const save = useMutation({
    mutationFn: (v: WebhookValues) => {
      const eventTypes = [
        ...new Set(
          v.eventTypes
            .split(/[\s,，]+/)
            .map((s) => s.trim())
            .filter(Boolean),
        ),
      ];
      const body = {
        name: v.name.trim(),
        provider: v.provider,
        eventTypes,
        active: v.active,
        ...(v.url.trim() ? { url: v.url.trim() } : {}),
        ...(v.secret.trim() ? { secret: v.secret.trim() } : {}),
      };
      return webhook
        ? api.patch(`/api/notifications/channels/webhooks/${webhook.id}`, body)
        : api.post('/api/notifications/channels/webhooks', body);
    },
    onSuccess: async () => {
      void message.success(t('notifications.channels.saved'));
      await invalidate();
      onClose();
    },
    onError: (err) => void message.error(errorText(locale, err)),
  });
  return (
    <Modal
      open
      title={
        webhook ? t('notifications.channels.editWebhook') : t('notifications.channels.addWebhook')
      }
      okText={t('notifications.channels.save')}
      cancelText={t('notifications.channels.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      okButtonProps={testId('webhook-save')}
      destroyOnHidden
    >
      <Form<WebhookValues>
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={{
          name: webhook?.name ?? '',
          provider: webhook?.provider ?? 'wecom',
          url: '',
          secret: '',
          eventTypes: (webhook?.eventTypes ?? ['*']).join('\n'),
          active: webhook?.active ?? true,
        }}
      >
        <Form.Item
          name="name"
          label={t('notifications.channels.name')}
          rules={[{ required: true, max: 80 }]}
        >
          <Input data-testid="webhook-name" />
        </Form.Item>
        <Form.Item name="provider" label={t('notifications.channels.provider')}>
          <Radio.Group>
            <Radio value="wecom">{t('notifications.channels.provider.wecom')}</Radio>
            <Radio value="dingtalk">{t('notifications.channels.provider.dingtalk')}</Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="url"
          label={t('notifications.channels.url')}
          extra={
            webhook ? `${webhook.urlHint} · ${t('notifications.channels.urlKeep')}` : undefined
          }
          rules={[{ required: !webhook, max: 1000, type: 'url' }]}
        >
          <Input data-testid="webhook-url" autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="secret"
          label={t('notifications.channels.secret')}
          extra={webhook?.hasSecret ? t('notifications.channels.secretStored') : undefined}
          rules={[{ max: 255 }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="eventTypes"
          label={t('notifications.channels.eventTypes')}
          extra={kinds.map((k) => k.type).join(' · ')}
        >
          <Input.TextArea rows={3} data-testid="webhook-types" />
        </Form.Item>
        <Form.Item name="active" valuePropName="checked">
          <Checkbox>{t('notifications.channels.active')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
