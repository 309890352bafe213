import { Button } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useLocale, useT } from '../app/locale';

/** Switches between Chinese and English; the button names the language it switches to. */
export function LanguageSwitch({ compact = false }: { compact?: boolean }) {
  const { locale, setLocale } = useLocale();
  const t = useT();
  const next = locale === 'en' ? 'zh-CN' : 'en';
  const label = t(next === 'en' ? 'lang.en' : 'lang.zh-CN');
  return (
    <Button
      type="text"
      icon={<GlobalOutlined />}
      data-testid="lang-switch"
      aria-label={`${t('lang.label')}: ${label}`}
      lang={next}
      onClick={() => setLocale(next)}
    >
      {compact ? (next === 'en' ? 'EN' : '中') : label}
    </Button>
  );
}
