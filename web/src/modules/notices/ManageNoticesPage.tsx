import { useT } from '../../app/locale';
import { PageHeader } from '../../components/PageHeader';
import { usePageTitle } from '../../components/usePageTitle';

/** Placeholder: built by the notices work. */
export default function ManageNoticesPage() {
  const t = useT();
  usePageTitle('menu.noticeManage');
  return <PageHeader title={t('menu.noticeManage')} />;
}
