import { useT } from '../../app/locale';
import { PageHeader } from '../../components/PageHeader';
import { usePageTitle } from '../../components/usePageTitle';

/** Placeholder: built by the surveys work. */
export default function ManageSurveysPage() {
  const t = useT();
  usePageTitle('menu.surveyManage');
  return <PageHeader title={t('menu.surveyManage')} />;
}
