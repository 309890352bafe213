import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Button, Empty, List, Modal, Space, Typography } from 'antd';
import { DownloadOutlined, EyeOutlined, PaperClipOutlined } from '@ant-design/icons';
import { api } from '../../app/api';
import { useT } from '../../app/locale';
import { ErrorAlert } from '../../components/ErrorAlert';
import { fileUrl, formatBytes, previewUrl, type Attachment } from './types';

export interface AttachmentListProps {
  /** Attachments already in the record's response… */
  items?: Attachment[];
  /** …or fetched by the record they belong to (the record's policy decides on the server). */
  record?: { kind: string; id: string | number };
  testId?: string;
}

export const recordAttachmentsKey = (kind: string, id: string | number) => [
  'files',
  'record',
  kind,
  String(id),
];

/**
 * A record's attachments: each downloads through the API (which applies the record's policy);
 * images and PDF open in a preview. Names are rendered as text, never as markup.
 */
export function AttachmentList({ items, record, testId = 'attachment-list' }: AttachmentListProps) {
  const t = useT();
  const [previewing, setPreviewing] = useState<Attachment | null>(null);
  const query = useQuery({
    queryKey: record ? recordAttachmentsKey(record.kind, record.id) : ['files', 'none'],
    queryFn: ({ signal }) =>
      api.get<{ items: Attachment[] }>(
        `/api/files/records/${encodeURIComponent(record!.kind)}/${encodeURIComponent(String(record!.id))}`,
        undefined,
        signal,
      ),
    enabled: !items && !!record,
  });
  const list = items ?? query.data?.items ?? [];

  if (query.error) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;

  return (
    <div data-testid={testId}>
      <List
        size="small"
        loading={!items && query.isLoading}
        dataSource={list}
        locale={{
          emptyText: (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('files.list.empty')} />
          ),
        }}
        renderItem={(a) => (
          <List.Item
            data-testid={`attachment-${a.id}`}
            actions={[
              a.abilities.preview ? (
                <Button
                  key="preview"
                  type="link"
                  size="small"
                  icon={<EyeOutlined />}
                  aria-label={t('files.list.preview')}
                  data-testid={`attachment-preview-${a.id}`}
                  onClick={() => setPreviewing(a)}
                />
              ) : null,
              a.abilities.download ? (
                <Button
                  key="download"
                  type="link"
                  size="small"
                  icon={<DownloadOutlined />}
                  aria-label={t('files.list.download')}
                  href={fileUrl(a.id)}
                  download={a.name}
                />
              ) : null,
            ].filter(Boolean)}
          >
            <Space size={6} style={{ minWidth: 0 }}>
              <PaperClipOutlined />
              <Typography.Link
                href={fileUrl(a.id)}
                download={a.name}
                ellipsis
                style={{ maxWidth: 'min(60vw, 420px)' }}
              >
                {a.name}
              </Typography.Link>
              <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
                {formatBytes(a.size)}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
      <Modal
        open={!!previewing}
        title={previewing ? t('files.preview.title', { name: previewing.name }) : undefined}
        onCancel={() => setPreviewing(null)}
        footer={null}
        width="min(960px, 100vw)"
        centered
        destroyOnHidden
        data-testid="attachment-preview"
      >
        {previewing &&
          (previewing.mime === 'application/pdf' ? (
            <iframe
              src={previewUrl(previewing.id)}
              title={previewing.name}
              style={{ width: '100%', height: '75vh', border: 0 }}
            />
          ) : (
            <img
              src={previewUrl(previewing.id)}
              alt={previewing.name}
              style={{ display: 'block', maxWidth: '100%', maxHeight: '75vh', margin: '0 auto' }}
            />
          ))}
      </Modal>
    </div>
  );
}
