import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Sets the document title ("<page> – Cổng dịch vụ công") and follows the language. */
export function usePageTitle(title: string | null | undefined) {
  const { t } = useTranslation();
  const suffix = t('app.shortName');
  useEffect(() => {
    document.title = title ? `${title} – ${suffix}` : suffix;
  }, [title, suffix]);
}
