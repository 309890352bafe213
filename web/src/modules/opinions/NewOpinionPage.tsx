import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../app/locale';

/** Placeholder until the page is built. */
export default function Page() {
  const t = useT();
  return <PageHeader title={t('menu.opinionNew')} />;
}
