import { useEffect, useState } from 'react';
import { App, Button, Card, Checkbox, Flex, Steps, Typography, Upload } from 'antd';
import type { UploadFile } from 'antd';
import {
  DownloadOutlined,
  ExperimentOutlined,
  InboxOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { useT } from '../../app/locale';
import { queryClient } from '../../app/queryClient';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { testId } from '../../components/testId';
import { usePageTitle } from '../../components/usePageTitle';
import { DEPARTMENTS_KEY, PEOPLE_KEY } from '../org/api';
import { IMPORTS_KEY, isCleanDryRun, startImport, useRosterImport } from './api';
import { ImportHistory } from './ImportHistory';
import { ImportReport } from './ImportReport';

const ACCEPT = '.xlsx,.csv';
const acceptable = (name: string) => /\.(xlsx|csv)$/i.test(name);

/**
 * Roster import, dry run first: choose a file → dry run → read the report → import for real.
 * Changing the file or the option discards the dry run, so what is imported is what was checked.
 */
export default function ImportPage() {
  const t = useT();
  const { message, modal } = App.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [deactivateMissing, setDeactivateMissing] = useState(false);
  const [dryRunId, setDryRunId] = useState<number | null>(null);
  const [realRunId, setRealRunId] = useState<number | null>(null);
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<unknown>(null);
  usePageTitle('import.title');

  const dryRun = useRosterImport(dryRunId).data;
  const realRun = useRosterImport(realRunId).data;
  const clean = isCleanDryRun(dryRun);

  const dryStatus = dryRun?.status;
  const realStatus = realRun?.status;
  useEffect(() => {
    if (dryStatus && dryStatus !== 'running')
      void queryClient.invalidateQueries({ queryKey: IMPORTS_KEY });
  }, [dryStatus]);
  useEffect(() => {
    if (!realStatus || realStatus === 'running') return;
    void queryClient.invalidateQueries({ queryKey: IMPORTS_KEY });
    void queryClient.invalidateQueries({ queryKey: PEOPLE_KEY });
    void queryClient.invalidateQueries({ queryKey: DEPARTMENTS_KEY });
  }, [realStatus]);

  function reset(next: { file?: File | null; deactivateMissing?: boolean }) {
    if (next.file !== undefined) setFile(next.file);
    if (next.deactivateMissing !== undefined) setDeactivateMissing(next.deactivateMissing);
    setDryRunId(null);
    setRealRunId(null);
    setError(null);
  }

  async function run(dry: boolean) {
    if (!file) return;
    setStarting(true);
    setError(null);
    try {
      const started = await startImport(file, { dryRun: dry, deactivateMissing });
      if (dry) {
        setDryRunId(started.id);
        setRealRunId(null);
      } else {
        setRealRunId(started.id);
      }
    } catch (err) {
      setError(err);
    } finally {
      setStarting(false);
    }
  }

  function importForReal() {
    if (!dryRun) return;
    if (dryRun.deactivated > 0) {
      modal.confirm({
        title: t('import.realConfirmTitle'),
        content: t('import.realConfirm', {
          created: dryRun.created,
          updated: dryRun.updated,
          deactivated: dryRun.deactivated,
          departmentsCreated: dryRun.departmentsCreated,
        }),
        okText: t('import.runReal'),
        cancelText: t('common.cancel'),
        okButtonProps: { danger: true, ...testId('import-confirm') },
        onOk: () => run(false),
      });
    } else {
      void run(false);
    }
  }

  const fileList: UploadFile[] = file ? [{ uid: 'roster', name: file.name, status: 'done' }] : [];
  const step = !file ? 0 : realRun ? (realRun.status === 'running' ? 2 : 3) : clean ? 2 : 1;
  const running = dryRun?.status === 'running' || realRun?.status === 'running';

  return (
    <>
      <PageHeader
        title={t('import.title')}
        extra={
          <Button
            href="/api/roster/template.xlsx"
            download
            icon={<DownloadOutlined />}
            data-testid="import-template"
          >
            {t('import.template')}
          </Button>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary">{t('import.intro')}</Typography.Paragraph>
        <Steps
          size="small"
          current={step}
          style={{ marginBottom: 24 }}
          items={[
            { title: t('import.step.file') },
            { title: t('import.step.dryRun') },
            { title: t('import.step.import') },
          ]}
        />
        <Flex vertical gap={16}>
          <Upload.Dragger
            accept={ACCEPT}
            multiple={false}
            maxCount={1}
            fileList={fileList}
            disabled={running || starting}
            beforeUpload={(f) => {
              if (!acceptable(f.name)) {
                void message.error(t('error.IMPORT_FILE_UNREADABLE'));
                return Upload.LIST_IGNORE;
              }
              reset({ file: f });
              return false; // sent by our own request, with the options, after the dry run
            }}
            onRemove={() => {
              reset({ file: null });
              return true;
            }}
            data-testid="import-file"
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('import.chooseFile')}</p>
            <p className="ant-upload-hint">{t('import.fileTypes')}</p>
          </Upload.Dragger>
          <div>
            <Checkbox
              checked={deactivateMissing}
              disabled={running || starting}
              onChange={(e) => reset({ deactivateMissing: e.target.checked })}
              data-testid="import-deactivate-missing"
            >
              {t('import.deactivateMissing')}
            </Checkbox>
            <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0 24px' }}>
              {t('import.deactivateMissingHelp')}
            </Typography.Paragraph>
          </div>
          <ErrorAlert error={error} testId="import-error" />
          <Flex wrap gap={8}>
            <Button
              icon={<ExperimentOutlined />}
              disabled={!file || running}
              loading={starting && !clean}
              onClick={() => void run(true)}
              data-testid="import-dry-run"
            >
              {t('import.dryRun')}
            </Button>
            <Button
              type="primary"
              icon={<UploadOutlined />}
              disabled={!clean || running || !!realRun}
              loading={starting && clean}
              onClick={importForReal}
              data-testid="import-run"
            >
              {t('import.runReal')}
            </Button>
            {realRun && realRun.status !== 'running' ? (
              <Button onClick={() => reset({ file: null })}>{t('import.startOver')}</Button>
            ) : null}
          </Flex>
          {dryRun && !realRun ? <ImportReport imp={dryRun} /> : null}
          {realRun ? <ImportReport imp={realRun} /> : null}
        </Flex>
      </Card>
      <Card title={t('import.history')}>
        <ImportHistory />
      </Card>
    </>
  );
}
