import type { ReactNode } from 'react';
import { App as AntApp, ConfigProvider } from 'antd';
import viVN from 'antd/locale/vi_VN';
import enUS from 'antd/locale/en_US';
import { useTranslation } from 'react-i18next';
import { theme } from './theme';

/** Ant Design's locale and theme follow the interface language (Vietnamese by default). */
export function Providers({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : viVN} theme={theme}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}
