import { useMemo, type ReactNode } from 'react';
import { App as AntApp, ConfigProvider } from 'antd';
import viVN from 'antd/locale/vi_VN';
import enUS from 'antd/locale/en_US';
import { useTranslation } from 'react-i18next';
import { useReducedMotion } from './lib/reducedMotion';
import { theme } from './theme';

/**
 * Ant Design's locale follows the interface language (Vietnamese by default); its animations
 * are off when the user's system asks for reduced motion.
 */
export function Providers({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const reduced = useReducedMotion();
  const themed = useMemo(() => (reduced ? { ...theme, token: { ...theme.token, motion: false } } : theme), [reduced]);
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : viVN} theme={themed}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}
