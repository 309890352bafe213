import { Flex, Progress, Typography } from 'antd';
import { useT } from '../../app/locale';
import { importPercent } from './api';
import type { RosterImport } from './types';

/** processedRows / totalRows while an import runs. */
export function ImportProgress({ imp }: { imp: RosterImport }) {
  const t = useT();
  return (
    <Flex vertical gap={4} data-testid="import-progress" data-status={imp.status}>
      <Progress
        percent={importPercent(imp)}
        status={imp.status === 'running' ? 'active' : 'normal'}
      />
      <Typography.Text type="secondary">
        {imp.totalRows > 0
          ? t('import.progress', { processed: imp.processedRows, total: imp.totalRows })
          : t('import.reading')}
      </Typography.Text>
    </Flex>
  );
}
