import { Alert, Flex, Typography } from 'antd';
import { translate } from '@lianxin/common';
import { useLocale, useT } from '../../app/locale';
import { isCleanDryRun } from './api';
import { ImportCounts } from './ImportCounts';
import { ImportProblems } from './ImportProblems';
import { ImportProgress } from './ImportProgress';
import type { RosterImport } from './types';

/** One run's outcome: progress while it runs, then its figures or its problems. */
export function ImportReport({ imp }: { imp: RosterImport }) {
  const t = useT();
  const { locale } = useLocale();
  if (imp.status === 'running') return <ImportProgress imp={imp} />;

  const problems = imp.problems.length;
  // With row problems listed below, the file-level reason (IMPORT_ROWS_INVALID) would only repeat them.
  const reason =
    imp.errorCode && !problems ? translate(locale, `error.${imp.errorCode}`) : undefined;
  const clean = isCleanDryRun(imp);
  return (
    <Flex
      vertical
      gap={16}
      data-testid={imp.dryRun ? 'import-dry-report' : 'import-report'}
      data-status={imp.status}
    >
      {imp.dryRun ? (
        clean ? (
          <Alert
            type="success"
            showIcon
            title={t('import.dryRunClean')}
            data-testid="import-dry-clean"
          />
        ) : (
          <Alert
            type="error"
            showIcon
            title={
              problems ? t('import.dryRunProblems', { count: problems }) : t('import.rejected')
            }
            description={reason}
          />
        )
      ) : imp.status === 'succeeded' ? (
        <Alert type="success" showIcon title={t('import.done')} />
      ) : (
        <Alert
          type="error"
          showIcon
          title={imp.status === 'failed' ? t('import.failed') : t('import.rejected')}
          description={reason}
        />
      )}
      {imp.status === 'succeeded' ? (
        <>
          <Typography.Text strong>
            {imp.dryRun ? t('import.dryResultTitle') : t('import.resultTitle')}
          </Typography.Text>
          <ImportCounts imp={imp} testId={imp.dryRun ? 'import-dry-result' : 'import-result'} />
        </>
      ) : null}
      {problems ? <ImportProblems problems={imp.problems} /> : null}
    </Flex>
  );
}
