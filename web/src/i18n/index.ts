import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import vi from './vi.json';

/** Interface languages: Vietnamese by default, English switchable (remembered in localStorage). */
export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const LANGUAGE_KEY = 'motcua.lang';

function storedLanguage(): Language {
  try {
    return localStorage.getItem(LANGUAGE_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

function applyDocumentLanguage(lang: Language) {
  document.documentElement.lang = lang;
  dayjs.locale(lang === 'vi' ? 'vi' : 'en');
}

// Vietnamese is bundled; the English dictionary is a separate chunk loaded on first use (it would
// otherwise add ~6 KB gzipped to the portal's first load, see docs/web.md "Budget").
let englishLoaded: Promise<void> | null = null;
function loadEnglish(): Promise<void> {
  englishLoaded ??= import('./en.json').then((m) => {
    i18n.addResourceBundle('en', 'translation', m.default, true, false);
  });
  return englishLoaded;
}

const initial = storedLanguage();
void i18n.use(initReactI18next).init({
  resources: { vi: { translation: vi } },
  lng: 'vi',
  fallbackLng: 'vi',
  interpolation: { escapeValue: false },
  returnNull: false,
});
applyDocumentLanguage('vi');

export function currentLanguage(): Language {
  return i18n.language === 'en' ? 'en' : 'vi';
}

export async function setLanguage(lang: Language): Promise<void> {
  if (lang === 'en') await loadEnglish();
  try {
    localStorage.setItem(LANGUAGE_KEY, lang);
  } catch {
    /* private mode: the choice lasts for this page only */
  }
  applyDocumentLanguage(lang);
  await i18n.changeLanguage(lang);
}

export default i18n;

/** Resolves when the remembered language is ready; main.tsx renders after it (no flash of Vietnamese). */
export const i18nReady: Promise<void> = initial === 'en' ? setLanguage('en').catch(() => undefined) : Promise.resolve();
