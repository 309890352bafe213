import { useState } from 'react';
import { App, Button, Typography, Upload } from 'antd';
import type { UploadFile, UploadProps } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import { parseApiError } from '../../app/api';
import { errorText } from '../../app/errors';
import { useLocale, useT } from '../../app/locale';
import {
  ATTACHMENT_ACCEPT,
  DEFAULT_MAX_BYTES,
  acceptableName,
  formatBytes,
  type Attachment,
} from './types';

export interface AttachmentUploadProps {
  /** Ids of the attachments uploaded so far (controlled, for antd Form items). */
  value?: string[];
  onChange?: (ids: string[], attachments: Attachment[]) => void;
  /** Upload anonymously: the server stores no account and only the day. */
  anonymous?: boolean;
  maxCount?: number;
  /** The server's per-file limit (LIANXIN_UPLOAD_MAX_BYTES); checked here to spare the upload. */
  maxBytes?: number;
  disabled?: boolean;
  testId?: string;
}

/**
 * Upload attachments to POST /api/files, one request each, with a progress bar. Hands back the
 * ids to send with the record, which attaches them on the server (attachFiles).
 */
export function AttachmentUpload({
  value,
  onChange,
  anonymous = false,
  maxCount = 9,
  maxBytes = DEFAULT_MAX_BYTES,
  disabled,
  testId = 'attachment-upload',
}: AttachmentUploadProps) {
  const t = useT();
  const { locale } = useLocale();
  const { message } = App.useApp();
  const [files, setFiles] = useState<UploadFile<{ attachment: Attachment }>[]>([]);

  const done = (list: UploadFile<{ attachment: Attachment }>[]) =>
    list.flatMap((f) => (f.status === 'done' && f.response ? [f.response.attachment] : []));

  const handleChange: UploadProps<{ attachment: Attachment }>['onChange'] = ({
    file,
    fileList,
  }) => {
    const list = fileList.map((f) => {
      if (f.uid !== file.uid || file.status !== 'error') return f;
      // antd keeps the parsed body of the failed request: show its code in words.
      const status = (file.error as { status?: number } | undefined)?.status ?? 0;
      const reason = errorText(locale, parseApiError(status, file.response));
      void message.error(t('files.upload.failed', { name: file.name, reason }));
      return { ...f, response: undefined, error: { message: reason } } as typeof f;
    });
    setFiles(list);
    if (file.status === 'done' || file.status === 'removed') {
      const attachments = done(list);
      onChange?.(
        attachments.map((a) => a.id),
        attachments,
      );
    }
  };

  // A form reset (value back to empty) clears the list too (adjusted during render).
  const cleared = value !== undefined && value.length === 0;
  const [wasCleared, setWasCleared] = useState(cleared);
  if (cleared !== wasCleared) {
    setWasCleared(cleared);
    if (cleared) setFiles((list) => list.filter((f) => f.status === 'uploading'));
  }

  const uploaded = value?.length ?? done(files).length;

  return (
    <div data-testid={testId}>
      <Upload<{ attachment: Attachment }>
        action="/api/files"
        name="file"
        data={{ anonymous: anonymous ? 'true' : 'false' }}
        headers={{ Accept: 'application/json' }}
        accept={ATTACHMENT_ACCEPT}
        multiple
        maxCount={maxCount}
        disabled={disabled}
        fileList={files}
        onChange={handleChange}
        progress={{ size: 3, showInfo: false }}
        beforeUpload={(file) => {
          if (file.size > maxBytes) {
            void message.error(
              t('files.upload.tooLarge', { name: file.name, size: formatBytes(maxBytes) }),
            );
            return Upload.LIST_IGNORE;
          }
          if (file.size === 0) {
            void message.error(t('error.FILE_EMPTY'));
            return Upload.LIST_IGNORE;
          }
          if (!acceptableName(file.name)) {
            void message.error(t('files.upload.badType', { name: file.name }));
            return Upload.LIST_IGNORE;
          }
          if (uploaded >= maxCount) {
            void message.error(t('files.upload.tooMany', { max: maxCount }));
            return Upload.LIST_IGNORE;
          }
          return true;
        }}
      >
        <Button icon={<PaperClipOutlined />} disabled={disabled} data-testid={`${testId}-button`}>
          {t('files.upload.button')}
        </Button>
      </Upload>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('files.upload.hint', { size: formatBytes(maxBytes) })}
      </Typography.Text>
    </div>
  );
}
