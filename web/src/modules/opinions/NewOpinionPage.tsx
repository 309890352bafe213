import { useState } from 'react';
import { Link } from 'react-router';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Flex,
  Form,
  Input,
  Select,
  Switch,
  TreeSelect,
  Typography,
} from 'antd';
import { useT } from '../../app/locale';
import { queryClient } from '../../app/queryClient';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { usePageTitle } from '../../components/usePageTitle';
import { ReceiptStep } from './ReceiptStep';
import { AttachmentUpload } from '../files/AttachmentUpload';
import { useDepartments } from '../org/api';
import { departmentOptions } from '../org/departments/tree';
import {
  CONTENT_MAX,
  OPINION_KINDS,
  TITLE_MAX,
  newIdempotencyKey,
  submitOpinion,
  type OpinionKind,
  type SubmitResult,
} from './types';

interface FormValues {
  kind: OpinionKind;
  category?: string;
  title: string;
  content: string;
  targetDepartmentId?: number;
  attachmentIds?: string[];
  anonymous: boolean;
  consentPublish: boolean;
}

/** 我要反映: write an opinion, named or anonymous; an anonymous one ends with its receipt code. */
export default function NewOpinionPage() {
  const t = useT();
  usePageTitle('menu.opinionNew');
  const [form] = Form.useForm<FormValues>();
  const anonymous = Form.useWatch('anonymous', form) ?? false;
  const departments = useDepartments();
  // One key per form: a retry after a lost answer returns the first answer, not a duplicate.
  const [key, setKey] = useState(newIdempotencyKey);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<SubmitResult | null>(null);

  const onFinish = async (values: FormValues) => {
    setBusy(true);
    setError(null);
    try {
      const body = {
        kind: values.kind,
        title: values.title.trim(),
        content: values.content.trim(),
        anonymous: !!values.anonymous,
        category: values.category?.trim() || undefined,
        targetDepartmentId: values.targetDepartmentId ?? undefined,
        consentPublish: !!values.consentPublish,
        attachmentIds: values.attachmentIds?.length ? values.attachmentIds : undefined,
      };
      const answer = await submitOpinion(body, key);
      setResult(answer);
      void queryClient.invalidateQueries({ queryKey: ['opinions'] });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const again = () => {
    form.resetFields();
    setKey(newIdempotencyKey());
    setResult(null);
    setError(null);
  };

  if (result) {
    return (
      <>
        <PageHeader title={t('menu.opinionNew')} />
        {result.receiptCode ? (
          <ReceiptStep
            code={result.receiptCode}
            onDone={again}
            title={t('opinions.receipt.title')}
          />
        ) : (
          <Card data-testid="opinion-submitted">
            <Typography.Paragraph>{t('opinions.submitted')}</Typography.Paragraph>
            <Flex gap={8} wrap>
              <Link to={`/opinions/${result.opinion.id}`} data-testid="opinion-submitted-view">
                <Button type="primary">{t('opinions.viewItem')}</Button>
              </Link>
              <Button onClick={again}>{t('opinions.newAnother')}</Button>
            </Flex>
          </Card>
        )}
      </>
    );
  }

  return (
    <>
      <PageHeader title={t('menu.opinionNew')} />
      <Typography.Paragraph type="secondary">{t('opinions.new.intro')}</Typography.Paragraph>
      <Card>
        <Form<FormValues>
          form={form}
          layout="vertical"
          initialValues={{ kind: 'opinion', anonymous: false, consentPublish: false }}
          onFinish={(v) => void onFinish(v)}
          data-testid="opinion-form"
        >
          <ErrorAlert error={error} testId="opinion-form-error" />
          <Form.Item name="kind" label={t('opinions.field.kind')} rules={[{ required: true }]}>
            <Select
              data-testid="opinion-kind"
              options={OPINION_KINDS.map((k) => ({ value: k, label: t(`opinions.kind.${k}`) }))}
            />
          </Form.Item>
          <Form.Item name="category" label={t('opinions.field.category')}>
            <Input
              maxLength={50}
              placeholder={t('opinions.field.categoryPlaceholder')}
              data-testid="opinion-category"
            />
          </Form.Item>
          <Form.Item
            name="title"
            label={t('opinions.field.title')}
            rules={[
              { required: true, whitespace: true, message: t('opinions.required') },
              { max: TITLE_MAX, message: t('opinions.tooLong', { max: TITLE_MAX }) },
            ]}
          >
            <Input maxLength={TITLE_MAX} showCount data-testid="opinion-title-input" />
          </Form.Item>
          <Form.Item
            name="content"
            label={t('opinions.field.content')}
            rules={[
              { required: true, whitespace: true, message: t('opinions.required') },
              { max: CONTENT_MAX, message: t('opinions.tooLong', { max: CONTENT_MAX }) },
            ]}
          >
            <Input.TextArea
              rows={6}
              maxLength={CONTENT_MAX}
              showCount
              data-testid="opinion-content-input"
            />
          </Form.Item>
          <Form.Item name="targetDepartmentId" label={t('opinions.field.targetDepartment')}>
            <TreeSelect
              allowClear
              showSearch
              treeNodeFilterProp="title"
              treeDefaultExpandAll
              loading={departments.isPending}
              treeData={departmentOptions((departments.data?.items ?? []).filter((d) => d.active))}
              data-testid="opinion-target-department"
            />
          </Form.Item>
          <Form.Item
            name="attachmentIds"
            label={t('opinions.field.attachments')}
            // Re-mount on switching so the files are uploaded with the right anonymity.
            key={anonymous ? 'anon' : 'named'}
          >
            <AttachmentUpload anonymous={anonymous} testId="opinion-attachments" />
          </Form.Item>
          <Form.Item name="anonymous" label={t('opinions.field.anonymous')} valuePropName="checked">
            <Switch
              data-testid="opinion-anonymous"
              onChange={() => form.setFieldValue('attachmentIds', [])}
            />
          </Form.Item>
          {anonymous ? (
            <Alert
              type="warning"
              showIcon
              data-testid="opinion-anonymous-warning"
              title={t('opinions.anonymous.warning')}
              description={t('opinions.anonymous.noMine')}
              style={{ marginBottom: 16 }}
            />
          ) : null}
          <Form.Item name="consentPublish" valuePropName="checked">
            <Checkbox data-testid="opinion-consent">{t('opinions.field.consentPublish')}</Checkbox>
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            block
            loading={busy}
            data-testid="opinion-submit"
          >
            {t('opinions.submit')}
          </Button>
        </Form>
      </Card>
    </>
  );
}
