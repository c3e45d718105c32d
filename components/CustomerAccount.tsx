import { useEffect, useState } from 'preact/hooks';
import type { Customer } from '@/domain/schemas';
import { getCustomer } from '@/utils/api-client';
import { t } from '@/utils/i18n';

export function CustomerAccount({ id, onBack }: { id: string; onBack: () => void }) {
  const [customer, setCustomer] = useState<Customer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    getCustomer(id, controller.signal).then(
      ({ data }) => setCustomer(data),
      (e: Error) => controller.signal.aborted || setError(e.message),
    );
    return () => controller.abort();
  }, [id, attempt]);

  return (
    <section class="account">
      <button type="button" onClick={onBack}>
        {t('back')}
      </button>
      {error && (
        <p role="alert" class="error">
          {t('loadError', { message: error })}{' '}
          <button type="button" onClick={() => setAttempt((n) => n + 1)}>
            {t('retry')}
          </button>
        </p>
      )}
      {!customer && !error && <p role="status">{t('loading')}</p>}
      {customer && (
        <>
          <h1>{customer.companyProfile.companyName}</h1>
          <p class="domain">{customer.companyProfile.domain}</p>
          <h2>{t('billingContact')}</h2>
          <p>
            {customer.billingProfile.firstName} {customer.billingProfile.lastName}
            <br />
            {customer.billingProfile.email}
          </p>
        </>
      )}
    </section>
  );
}
