import { useEffect, useState } from 'preact/hooks';
import { isRoleId } from '@/domain/roles';
import type { AuditEntry } from '@/domain/schemas';
import { changeLines } from '@/services/audit-change';
import { currentBackend } from '@/services/backends';
import { formatDateTime, t } from '@/services/i18n';
import { withRetry } from '@/services/retry';

const SHOWN = 5;

/** The customer's last changes, newest first; `version` changes after every save to re-read it. */
export function AuditLog({ customerId, version }: { customerId: string; version: unknown }) {
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    withRetry(
      async () => (await currentBackend()).auditLog(customerId, SHOWN, controller.signal),
      controller.signal,
    ).then(setEntries, () => {
      if (!controller.signal.aborted) setEntries(null);
    });
    return () => controller.abort();
  }, [customerId, version]);
  if (!entries) return null;
  return (
    <section class="card" aria-labelledby="audit-title">
      <h3 id="audit-title">{t('audit.title')}</h3>
      {entries.length === 0 ? (
        <p class="hint">{t('audit.none')}</p>
      ) : (
        <ul class="audit">
          {entries.map((e) => (
            <li key={e.id}>
              {/* Partner Center's records name the user; the mock's, the role. */}
              <time dateTime={e.at}>{formatDateTime(e.at)}</time>{' '}
              {e.userPrincipalName ?? (isRoleId(e.role) ? t(`role.${e.role}`) : e.role)} · {e.action}
              {Object.keys(e.changes).length > 0 && (
                <ul class="changes">
                  {changeLines(e).map((c) => (
                    <li key={c.field}>
                      {c.field}: {c.before} → {c.after}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
