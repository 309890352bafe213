import { Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { formatDateTime } from '../../app/format';
import { useT } from '../../app/locale';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useRosterImports } from './api';
import type { ImportStatus, RosterImport } from './types';

const STATUS_COLOR: Record<ImportStatus, string> = {
  running: 'processing',
  succeeded: 'success',
  rejected: 'warning',
  failed: 'error',
};

/** The latest imports of the unit (the server keeps the last 50). */
export function ImportHistory() {
  const t = useT();
  const imports = useRosterImports();
  const columns: ColumnsType<RosterImport> = [
    {
      title: t('import.createdAt'),
      dataIndex: 'createdAt',
      render: (v: string) => formatDateTime(v),
    },
    { title: t('import.fileName'), dataIndex: 'fileName' },
    {
      title: t('import.mode'),
      dataIndex: 'dryRun',
      render: (dry: boolean) =>
        dry ? <Tag>{t('import.modeDry')}</Tag> : <Tag color="blue">{t('import.modeReal')}</Tag>,
    },
    {
      title: t('import.status'),
      dataIndex: 'status',
      render: (s: ImportStatus) => <Tag color={STATUS_COLOR[s]}>{t(`import.status.${s}`)}</Tag>,
    },
    { title: t('import.totalRows'), dataIndex: 'totalRows', align: 'right' },
    {
      title: t('import.counts'),
      key: 'counts',
      render: (_: unknown, i) => `${i.created} / ${i.updated} / ${i.deactivated}`,
    },
    {
      title: t('import.problems'),
      key: 'problems',
      align: 'right',
      render: (_: unknown, i) => i.problems.length,
    },
  ];
  return (
    <>
      <ErrorAlert error={imports.error} onRetry={() => void imports.refetch()} />
      <Table<RosterImport>
        data-testid="import-history"
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={imports.data ?? []}
        loading={imports.isPending}
        pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('import.historyEmpty') }}
      />
    </>
  );
}
