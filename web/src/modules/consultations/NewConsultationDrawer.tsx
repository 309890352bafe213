import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert, Button, Drawer, Flex, Form, Input, Radio, TreeSelect, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useT } from '../../app/locale';
import { todayInShanghai } from '../../app/format';
import { queryClient } from '../../app/queryClient';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useIsMobile } from '../../components/useIsMobile';
import { useCurrentMe } from '../auth/me';
import { useDepartments } from '../org/api';
import { departmentOptions, subtreeIds } from '../org/departments/tree';
import { SplitPreview } from './parts';
import { TEXT_MAX, TITLE_MAX, consultationsApi, type SplitSection } from './types';

/** `2026-11-27` plus n calendar days. */
export function plusDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/**
 * Publish a draft for comment: pasted text or a .docx, split into sections and previewed
 * before anything is saved.
 */
export function NewConsultationDrawer({ onClose }: { onClose: () => void }) {
  const t = useT();
  const me = useCurrentMe();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const departments = useDepartments();
  const options = useMemo(
    () => departmentOptions(departments.data?.items ?? []),
    [departments.data],
  );
  // A department head drafts for their own department and those below it (the office for any).
  const draftingOptions = useMemo(() => {
    const items = departments.data?.items ?? [];
    const own = me.person?.departmentId;
    if (me.roles.includes('office') || own === undefined) return options;
    const mine = subtreeIds(items, own);
    return departmentOptions(items, new Set(items.filter((d) => !mine.has(d.id)).map((d) => d.id)));
  }, [departments.data, options, me]);
  const today = todayInShanghai();
  const [title, setTitle] = useState('');
  const [departmentId, setDepartmentId] = useState<number | undefined>(
    me.person?.departmentId ?? undefined,
  );
  const [source, setSource] = useState<'text' | 'docx'>('text');
  const [text, setText] = useState('');
  const [attachment, setAttachment] = useState<{ id: string; name: string } | null>(null);
  const [audience, setAudience] = useState<'unit' | 'departments'>('unit');
  const [audienceIds, setAudienceIds] = useState<number[]>([]);
  const [opensOn, setOpensOn] = useState(today);
  const [closesOn, setClosesOn] = useState(plusDays(today, 14));
  const [preview, setPreview] = useState<{ text: string; sections: SplitSection[] } | null>(null);
  const [busy, setBusy] = useState<'preview' | 'upload' | 'publish' | null>(null);
  const [error, setError] = useState<unknown>(null);

  const run = async (what: 'preview' | 'upload' | 'publish', fn: () => Promise<void>) => {
    setBusy(what);
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };
  const stale = preview !== null && preview.text !== text;
  const ready =
    preview !== null &&
    !stale &&
    title.trim() !== '' &&
    departmentId !== undefined &&
    (audience === 'unit' || audienceIds.length > 0);

  return (
    <Drawer
      open
      onClose={onClose}
      title={t('consultations.new')}
      size={mobile ? '100%' : 640}
      destroyOnHidden
    >
      <Form layout="vertical" component="div">
        <Form.Item label={t('consultations.form.title')} required>
          <Input
            data-testid="consultation-title-input"
            value={title}
            maxLength={TITLE_MAX}
            placeholder={t('consultations.form.titlePlaceholder')}
            onChange={(e) => setTitle(e.target.value)}
          />
        </Form.Item>
        <Form.Item label={t('consultations.form.department')} required>
          <TreeSelect
            data-testid="consultation-department"
            value={departmentId}
            treeData={draftingOptions}
            treeDefaultExpandAll
            showSearch={{ treeNodeFilterProp: 'title' }}
            onChange={(v: number) => setDepartmentId(v)}
          />
        </Form.Item>
        <Form.Item label={t('consultations.form.source')}>
          <Radio.Group
            value={source}
            onChange={(e) => setSource(e.target.value as 'text' | 'docx')}
            options={[
              { value: 'text', label: t('consultations.form.source.text') },
              { value: 'docx', label: t('consultations.form.source.docx') },
            ]}
          />
        </Form.Item>
        {source === 'docx' ? (
          <Form.Item>
            <Upload
              accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
              maxCount={1}
              showUploadList={false}
              beforeUpload={(file) => {
                void run('upload', async () => {
                  const read = await consultationsApi.readDocx(file);
                  setAttachment({ id: read.attachmentId, name: read.name });
                  setText(read.text);
                  setPreview({ text: read.text, sections: read.sections });
                });
                return false;
              }}
            >
              <Button
                icon={<UploadOutlined />}
                loading={busy === 'upload'}
                data-testid="consultation-docx"
              >
                {t('consultations.form.upload')}
              </Button>
            </Upload>
            {attachment ? (
              <Alert
                type="success"
                showIcon
                style={{ marginTop: 8 }}
                title={t('consultations.form.uploaded', { name: attachment.name })}
              />
            ) : null}
          </Form.Item>
        ) : null}
        <Form.Item
          label={t('consultations.form.text')}
          required
          extra={t('consultations.form.textHelp')}
        >
          <Input.TextArea
            data-testid="consultation-text-input"
            value={text}
            maxLength={TEXT_MAX}
            autoSize={{ minRows: 6, maxRows: 16 }}
            onChange={(e) => setText(e.target.value)}
          />
        </Form.Item>
        <Form.Item label={t('consultations.form.audience')}>
          <Radio.Group
            value={audience}
            onChange={(e) => setAudience(e.target.value as 'unit' | 'departments')}
            options={[
              { value: 'unit', label: t('consultations.form.audience.unit') },
              { value: 'departments', label: t('consultations.form.audience.departments') },
            ]}
          />
        </Form.Item>
        {audience === 'departments' ? (
          <Form.Item label={t('consultations.form.departments')} required>
            <TreeSelect
              multiple
              value={audienceIds}
              treeData={options}
              treeDefaultExpandAll
              showSearch={{ treeNodeFilterProp: 'title' }}
              onChange={(v: number[]) => setAudienceIds(v)}
            />
          </Form.Item>
        ) : null}
        <Flex gap={8} wrap>
          <Form.Item label={t('consultations.form.opensOn')} required style={{ flex: '1 1 140px' }}>
            <Input
              type="date"
              data-testid="consultation-opens"
              value={opensOn}
              onChange={(e) => setOpensOn(e.target.value)}
            />
          </Form.Item>
          <Form.Item
            label={t('consultations.form.closesOn')}
            required
            style={{ flex: '1 1 140px' }}
          >
            <Input
              type="date"
              data-testid="consultation-closes"
              value={closesOn}
              onChange={(e) => setClosesOn(e.target.value)}
            />
          </Form.Item>
        </Flex>
      </Form>
      <Flex vertical gap={12}>
        <Flex gap={8} wrap>
          <Button
            data-testid="consultation-preview"
            loading={busy === 'preview'}
            disabled={!text.trim()}
            onClick={() =>
              void run('preview', async () => {
                const sections = await consultationsApi.preview(text);
                setPreview({ text, sections });
              })
            }
          >
            {t('consultations.form.preview')}
          </Button>
          <Button
            type="primary"
            data-testid="consultation-publish"
            disabled={!ready}
            loading={busy === 'publish'}
            onClick={() =>
              void run('publish', async () => {
                const created = await consultationsApi.create({
                  title: title.trim(),
                  draftingDepartmentId: departmentId!,
                  text,
                  ...(attachment ? { attachmentId: attachment.id } : {}),
                  audience,
                  departmentIds: audience === 'departments' ? audienceIds : [],
                  opensOn,
                  closesOn,
                });
                await queryClient.invalidateQueries({ queryKey: ['consultations'] });
                onClose();
                void navigate(`/consultations/${created.id}`);
              })
            }
          >
            {t('consultations.form.publish')}
          </Button>
        </Flex>
        <ErrorAlert error={error} />
        {stale ? (
          <Alert type="warning" showIcon title={t('consultations.form.previewStale')} />
        ) : null}
        {preview && !stale ? <SplitPreview sections={preview.sections} /> : null}
      </Flex>
    </Drawer>
  );
}
