import { Col, Row, Statistic } from 'antd';
import { useT } from '../../app/locale';
import type { RosterImport } from './types';

/** Created / updated / deactivated people and created departments (predicted by a dry run). */
export function ImportCounts({ imp, testId }: { imp: RosterImport; testId: string }) {
  const t = useT();
  const figures = [
    ['totalRows', t('import.totalRows'), imp.totalRows],
    ['created', t('import.created'), imp.created],
    ['updated', t('import.updated'), imp.updated],
    ['deactivated', t('import.deactivated'), imp.deactivated],
    ['departmentsCreated', t('import.departmentsCreated'), imp.departmentsCreated],
  ] as const;
  return (
    <Row gutter={[16, 16]} data-testid={testId}>
      {figures.map(([key, label, value]) => (
        <Col key={key} xs={12} sm={8} md={4}>
          <Statistic title={label} value={value} data-testid={`${testId}-${key}`} />
        </Col>
      ))}
    </Row>
  );
}
