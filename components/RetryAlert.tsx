import { t } from '@/services/i18n';

/** A read that failed: why, in an alert, with a Retry button beside it. */
export function RetryAlert({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <p role="alert" class="error">
      {message}{' '}
      <button type="button" onClick={onRetry}>
        {t('retry')}
      </button>
    </p>
  );
}
