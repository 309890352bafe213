import { useT } from '../../app/locale';
import { PageHeader } from '../../components/PageHeader';
import { usePageTitle } from '../../components/usePageTitle';

/** Placeholder: built by the surveys work. */
export default function SurveyListPage() {
  const t = useT();
  usePageTitle('menu.surveyList');
  return <PageHeader title={t('menu.surveyList')} />;
}
