import { useT } from '../../app/locale';
import { PageHeader } from '../../components/PageHeader';
import { usePageTitle } from '../../components/usePageTitle';

/** Placeholder: built by the surveys work. */
export default function AnswerSurveyPage() {
  const t = useT();
  usePageTitle('menu.surveys');
  return <PageHeader title={t('menu.surveys')} />;
}
