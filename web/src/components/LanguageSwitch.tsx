import { useTranslation } from 'react-i18next';
import { setLanguage, type Language } from '../i18n';

/** VI | EN toggle in the header; the choice is remembered in localStorage. */
export function LanguageSwitch({ dark = false }: { dark?: boolean }) {
  const { t, i18n } = useTranslation();
  const current: Language = i18n.language === 'en' ? 'en' : 'vi';
  const options: { lang: Language; label: string; name: string }[] = [
    { lang: 'vi', label: 'VI', name: 'Tiếng Việt' },
    { lang: 'en', label: 'EN', name: 'English' },
  ];
  return (
    <div className={`lang-switch${dark ? ' dark' : ''}`} role="group" aria-label={t('header.language')}>
      {options.map((o) => (
        <button
          key={o.lang}
          type="button"
          lang={o.lang}
          aria-pressed={current === o.lang}
          aria-label={o.name}
          title={o.name}
          data-testid={`lang-${o.lang}`}
          onClick={() => void setLanguage(o.lang)}
        >
          {o.label}
        </button>
      ))}
    </div>
  );
}
