import type { ReactNode } from 'react';
import { ConfigProvider } from 'antd';
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import { QueryClientProvider } from '@tanstack/react-query';
import { LocaleProvider, useLocale } from './locale';
import { queryClient } from './queryClient';

const theme = {
  token: {
    colorPrimary: '#1f5fa8',
    borderRadius: 6,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'WenQuanYi Micro Hei', 'Noto Sans CJK SC', sans-serif",
  },
};

function AntdLocale({ children }: { children: ReactNode }) {
  const { locale } = useLocale();
  return (
    <ConfigProvider locale={locale === 'en' ? enUS : zhCN} theme={theme}>
      {children}
    </ConfigProvider>
  );
}

/**
 * Language, Ant Design's locale and theme, and the query cache. Ant Design's `App` (message and
 * modal context) wraps the signed-in shell only, so the login page does not load it.
 */
export function AppProviders({ children }: { children: ReactNode }) {
  return (
    <LocaleProvider>
      <AntdLocale>
        <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
      </AntdLocale>
    </LocaleProvider>
  );
}
