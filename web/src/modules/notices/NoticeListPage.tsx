import { useT } from '../../app/locale';
import { PageHeader } from '../../components/PageHeader';
import { usePageTitle } from '../../components/usePageTitle';

/** Placeholder: built by the notices work. */
export default function NoticeListPage() {
  const t = useT();
  usePageTitle('menu.noticeList');
  return <PageHeader title={t('menu.noticeList')} />;
}
