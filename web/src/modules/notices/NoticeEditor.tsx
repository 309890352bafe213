import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Checkbox,
  Flex,
  Form,
  Input,
  InputNumber,
  Radio,
  Select,
  Tabs,
  TreeSelect,
  Typography,
} from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useT } from '../../app/locale';
import { ErrorAlert } from '../../components/ErrorAlert';
import { AttachmentUpload } from '../files/AttachmentUpload';
import { useDepartments } from '../org/api';
import { departmentOptions } from '../org/departments/tree';
import { Markdown } from './markdown';
import {
  BODY_MAX,
  NOTICE_TYPES,
  TITLE_MAX,
  TYPES_KEY,
  noticesApi,
  type NoticeType,
  type NoticeTypeInfo,
  type NoticeView,
} from './types';

interface Values {
  type: NoticeType;
  title: string;
  body: string;
  items: Array<{ id?: number; name: string; detail?: string }>;
  wholeUnit: boolean;
  departmentIds?: number[];
  periodDays?: number;
  keepAttachmentIds?: string[];
  attachmentIds?: string[];
  reason?: string;
  submitAfter?: boolean;
}

export function useNoticeTypes() {
  return useQuery({ queryKey: TYPES_KEY, queryFn: () => noticesApi.types(), staleTime: 60_000 });
}

/**
 * The office's editor: a draft (type with its default period, title, Markdown body with preview,
 * items, scope, period, attachments) or, with `correction`, a new version of a published notice
 * (reason required; type, scope and period stay as published).
 */
export function NoticeEditor({
  notice,
  correction = false,
  onSaved,
  onCancel,
}: {
  notice: NoticeView | null;
  correction?: boolean;
  onSaved: (notice: NoticeView) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const types = useNoticeTypes();
  const departments = useDepartments();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const type = Form.useWatch('type', form);
  const wholeUnit = Form.useWatch('wholeUnit', form) ?? true;
  const body = Form.useWatch('body', form) ?? '';
  const info: NoticeTypeInfo | undefined = types.data?.types.find((x) => x.type === type);

  const initial: Partial<Values> = notice
    ? {
        type: notice.type,
        title: notice.title,
        body: notice.body,
        items: notice.items.map((i) => ({ id: i.id, name: i.name, detail: i.detail })),
        wholeUnit: notice.scope.wholeUnit,
        departmentIds: notice.scope.departmentIds,
        periodDays: notice.periodDays,
        keepAttachmentIds: notice.attachments.map((a) => a.id),
        attachmentIds: [],
      }
    : {
        wholeUnit: true,
        items: [{ name: '', detail: '' }],
        attachmentIds: [],
        keepAttachmentIds: [],
      };

  const onTypeChange = (next: NoticeType) => {
    const def = types.data?.types.find((x) => x.type === next);
    if (def) form.setFieldValue('periodDays', def.periodDays);
  };

  const onFinish = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const attachmentIds = [...(v.keepAttachmentIds ?? []), ...(v.attachmentIds ?? [])];
      // The store keeps each item's id, which no field shows (onFinish leaves it out).
      const stored = (form.getFieldsValue(true) as Values).items ?? v.items ?? [];
      const items = stored.map((i) => ({
        ...(correction && i.id !== undefined ? { id: i.id } : {}),
        name: i.name.trim(),
        detail: (i.detail ?? '').trim(),
      }));
      let saved: NoticeView;
      if (correction && notice) {
        saved = (
          await noticesApi.correct(notice.id, {
            reason: (v.reason ?? '').trim(),
            title: v.title.trim(),
            body: v.body,
            items,
            attachmentIds,
          })
        ).notice;
      } else {
        const input = {
          type: v.type,
          title: v.title.trim(),
          body: v.body,
          items,
          scope: {
            wholeUnit: !!v.wholeUnit,
            departmentIds: v.wholeUnit ? [] : (v.departmentIds ?? []),
          },
          periodDays: v.periodDays ?? undefined,
          attachmentIds,
        };
        saved = notice
          ? (await noticesApi.update(notice.id, input)).notice
          : (await noticesApi.create(input)).notice;
        if (v.submitAfter) saved = (await noticesApi.submitReview(saved.id)).notice;
      }
      onSaved(saved);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const required = { required: true, whitespace: true, message: t('notices.web.required') };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={initial}
      onFinish={(v) => void onFinish(v)}
      data-testid={correction ? 'notice-correction-form' : 'notice-editor'}
    >
      <ErrorAlert error={error} testId="notice-editor-error" />
      {correction ? (
        <Form.Item name="reason" label={t('notices.web.correct.reason')} rules={[required]}>
          <Input.TextArea rows={2} maxLength={500} data-testid="notice-correction-reason" />
        </Form.Item>
      ) : (
        <>
          <Form.Item name="type" label={t('notices.web.field.type')} rules={[{ required: true }]}>
            <Select<NoticeType>
              data-testid="notice-editor-type"
              loading={types.isPending}
              onChange={onTypeChange}
              options={NOTICE_TYPES.map((k) => ({ value: k, label: t(`notices.web.type.${k}`) }))}
            />
          </Form.Item>
          {info ? (
            <Typography.Paragraph type="secondary" data-testid="notice-editor-type-info">
              {t('notices.web.editor.typeInfo', { days: info.periodDays })}
              {info.anonymousObjections ? ` ${t('notices.web.editor.typeAnonymous')}` : ''}
              {info.sensitive ? ` ${t('notices.web.editor.typeSensitive')}` : ''}
            </Typography.Paragraph>
          ) : null}
          <ErrorAlert error={types.error} />
        </>
      )}
      <Form.Item
        name="title"
        label={t('notices.web.field.title')}
        rules={[
          required,
          { max: TITLE_MAX, message: t('notices.web.tooLong', { max: TITLE_MAX }) },
        ]}
      >
        <Input maxLength={TITLE_MAX} data-testid="notice-editor-title" />
      </Form.Item>
      <Form.Item label={t('notices.web.field.body')} required>
        <Tabs
          size="small"
          items={[
            {
              key: 'write',
              label: t('notices.web.editor.write'),
              forceRender: true,
              children: (
                <Form.Item
                  name="body"
                  noStyle
                  rules={[
                    required,
                    { max: BODY_MAX, message: t('notices.web.tooLong', { max: BODY_MAX }) },
                  ]}
                >
                  <Input.TextArea
                    rows={8}
                    maxLength={BODY_MAX}
                    data-testid="notice-editor-body"
                    placeholder={t('notices.web.editor.bodyPlaceholder')}
                  />
                </Form.Item>
              ),
            },
            {
              key: 'preview',
              label: t('notices.web.editor.preview'),
              children: (
                <div
                  data-testid="notice-editor-preview"
                  style={{ border: '1px solid #f0f0f0', padding: 12, minHeight: 120 }}
                >
                  {body.trim() ? (
                    <Markdown source={body} />
                  ) : (
                    <Typography.Text type="secondary">
                      {t('notices.web.editor.previewEmpty')}
                    </Typography.Text>
                  )}
                </div>
              ),
            },
          ]}
        />
      </Form.Item>
      <Form.Item label={t('notices.web.field.items')} required>
        <Form.List
          name="items"
          rules={[
            {
              validator: (_r, items: unknown[] | undefined) =>
                items && items.length
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('notices.web.editor.itemsRequired'))),
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <div data-testid="notice-editor-items">
              {fields.map((field, i) => (
                <Flex key={field.key} gap={8} align="start" wrap style={{ marginBottom: 8 }}>
                  <Typography.Text style={{ lineHeight: '32px', width: 20 }}>
                    {i + 1}.
                  </Typography.Text>
                  <Form.Item name={[field.name, 'name']} rules={[required]} noStyle>
                    <Input
                      placeholder={t('notices.web.editor.itemName')}
                      maxLength={100}
                      style={{ flex: '1 1 120px', minWidth: 0 }}
                      data-testid="notice-editor-item-name"
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'detail']} noStyle>
                    <Input
                      placeholder={t('notices.web.editor.itemDetail')}
                      maxLength={500}
                      style={{ flex: '2 1 160px', minWidth: 0 }}
                      data-testid="notice-editor-item-detail"
                    />
                  </Form.Item>
                  <Button
                    icon={<DeleteOutlined />}
                    aria-label={t('notices.web.editor.removeItem')}
                    onClick={() => remove(field.name)}
                    disabled={fields.length <= 1}
                  />
                </Flex>
              ))}
              <Button
                icon={<PlusOutlined />}
                onClick={() => add({ name: '', detail: '' })}
                data-testid="notice-editor-add-item"
              >
                {t('notices.web.editor.addItem')}
              </Button>
              <Form.ErrorList errors={errors} />
            </div>
          )}
        </Form.List>
      </Form.Item>
      {correction ? null : (
        <>
          <Form.Item name="wholeUnit" label={t('notices.web.field.scope')}>
            <Radio.Group data-testid="notice-editor-scope">
              <Radio value={true}>{t('notices.web.scope.wholeUnit')}</Radio>
              <Radio value={false}>{t('notices.web.scope.departments')}</Radio>
            </Radio.Group>
          </Form.Item>
          {wholeUnit ? null : (
            <Form.Item
              name="departmentIds"
              label={t('notices.web.field.departments')}
              rules={[{ required: true, message: t('notices.web.editor.departmentsRequired') }]}
            >
              <TreeSelect
                multiple
                treeCheckable
                showSearch
                treeNodeFilterProp="title"
                loading={departments.isPending}
                treeData={departmentOptions(
                  (departments.data?.items ?? []).filter((d) => d.active),
                )}
                data-testid="notice-editor-departments"
              />
            </Form.Item>
          )}
          <Form.Item
            name="periodDays"
            label={t('notices.web.field.periodDays')}
            extra={t('notices.web.editor.periodExtra')}
            rules={[{ required: true, message: t('notices.web.required') }]}
          >
            <InputNumber min={1} max={60} precision={0} data-testid="notice-editor-period" />
          </Form.Item>
        </>
      )}
      {notice?.attachments.length ? (
        <Form.Item name="keepAttachmentIds" label={t('notices.web.editor.keepAttachments')}>
          <Checkbox.Group
            options={notice.attachments.map((a) => ({ value: a.id, label: a.name }))}
          />
        </Form.Item>
      ) : null}
      <Form.Item name="attachmentIds" label={t('notices.web.field.attachments')}>
        <AttachmentUpload testId="notice-editor-attachments" />
      </Form.Item>
      {correction ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('notices.web.correct.explain')}
        />
      ) : (
        <Form.Item name="submitAfter" valuePropName="checked">
          <Checkbox data-testid="notice-editor-submit-after">
            {t('notices.web.editor.submitAfter')}
          </Checkbox>
        </Form.Item>
      )}
      <Flex gap={8} wrap>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="notice-editor-save">
          {correction ? t('notices.web.correct.save') : t('notices.web.editor.save')}
        </Button>
        <Button onClick={onCancel}>{t('common.cancel')}</Button>
      </Flex>
    </Form>
  );
}
