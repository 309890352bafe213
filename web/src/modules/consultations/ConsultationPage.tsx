import { useT } from '../../app/locale';
import { PageHeader } from '../../components/PageHeader';
import { usePageTitle } from '../../components/usePageTitle';

/** Placeholder: built by the consultations work. */
export default function ConsultationPage() {
  const t = useT();
  usePageTitle('menu.consultations');
  return <PageHeader title={t('menu.consultations')} />;
}
