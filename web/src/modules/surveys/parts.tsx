import { Tag } from 'antd';
import { useT } from '../../app/locale';
import { formatDateTime } from '../../app/format';
import { STATUS_COLOR, type SurveySummary } from './types';

/** Status and named / anonymous, as tags. */
export function SurveyTags({ survey }: { survey: Pick<SurveySummary, 'status' | 'anonymous'> }) {
  const t = useT();
  return (
    <span>
      <Tag color={STATUS_COLOR[survey.status]} data-testid="survey-status">
        {t(`surveys.web.status.${survey.status}`)}
      </Tag>
      <Tag color={survey.anonymous ? 'purple' : 'blue'}>
        {survey.anonymous ? t('surveys.web.anonymousTag') : t('surveys.web.namedTag')}
      </Tag>
    </span>
  );
}

/** `2026-12-01 08:00 – 2026-12-10 18:00`, either end open. */
export function SurveyPeriod({ survey }: { survey: Pick<SurveySummary, 'opensAt' | 'closesAt'> }) {
  const t = useT();
  if (!survey.opensAt && !survey.closesAt) return null;
  return (
    <span>
      {survey.opensAt ? formatDateTime(survey.opensAt) : t('surveys.web.period.now')}
      {' – '}
      {survey.closesAt ? formatDateTime(survey.closesAt) : t('surveys.web.period.open')}
    </span>
  );
}
