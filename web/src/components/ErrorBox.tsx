import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api';

/** A failed load, in the current language, with a retry button. */
export function ErrorBox({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  const { t, i18n } = useTranslation();
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={error.text(i18n.language) || t('errors.generic')}
      action={onRetry ? <Button onClick={onRetry}>{t('common.retry')}</Button> : undefined}
    />
  );
}
