import { useT } from '../../app/locale';
import { PageHeader } from '../../components/PageHeader';
import { usePageTitle } from '../../components/usePageTitle';

/** Placeholder: built by the notices work. */
export default function NoticePage() {
  const t = useT();
  usePageTitle('menu.notices');
  return <PageHeader title={t('menu.notices')} />;
}
