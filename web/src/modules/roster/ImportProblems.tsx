import { Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { translate } from '@lianxin/common';
import { useLocale, useT } from '../../app/locale';
import type { ImportProblem } from './types';

/** The problems of a roster, by spreadsheet row, in the page's language. */
export function ImportProblems({ problems }: { problems: ImportProblem[] }) {
  const t = useT();
  const { locale } = useLocale();
  const columns: ColumnsType<ImportProblem> = [
    { title: t('import.row'), dataIndex: 'row', width: 80 },
    {
      title: t('import.column'),
      dataIndex: 'column',
      width: 100,
      render: (c?: string) => c ?? t('common.none'),
    },
    {
      title: t('import.problem'),
      key: 'problem',
      render: (_: unknown, p) => translate(locale, `importProblem.${p.code}`, p.params),
    },
  ];
  return (
    <Table<ImportProblem>
      data-testid="import-problems"
      size="small"
      rowKey={(p) => `${p.row}-${p.column ?? ''}-${p.code}`}
      columns={columns}
      dataSource={problems}
      pagination={problems.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
      scroll={{ x: 'max-content' }}
    />
  );
}
