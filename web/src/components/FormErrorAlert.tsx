import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { fieldText } from '../api';
import type { ApiFormState } from '../lib/apiForm';

/** The form-level part of a refusal: the server's message and any field errors with no field. */
export function FormErrorAlert({ state, onReload }: { state: ApiFormState; onReload?: () => void }) {
  const { t, i18n } = useTranslation();
  const err = state.error;
  if (!err) return null;
  const lang = i18n.language;
  const hasFieldErrors = err.fields.length > state.unplaced.length;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      className="form-error"
      title={err.text(lang) || t('errors.generic')}
      description={
        <>
          {state.unplaced.length > 0 && (
            <ul className="plain-list">
              {state.unplaced.map((f, i) => (
                <li key={i}>{fieldText(f, lang)}</li>
              ))}
            </ul>
          )}
          {hasFieldErrors && <div>{t('errors.seeFields')}</div>}
          {err.status === 409 && err.code === 'stale_version' && onReload && (
            <button type="button" className="link-button" onClick={onReload}>
              {t('errors.reload')}
            </button>
          )}
          {err.status === 0 && <div>{t('errors.keptInput')}</div>}
        </>
      }
    />
  );
}
