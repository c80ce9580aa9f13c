/** Loading, error and empty states shared by every page. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CombinedError } from 'urql';

export function Loading({ what }: { what?: string }) {
  const { t } = useTranslation();
  return (
    <p className="state loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> {what ?? t('states.loading')}…
    </p>
  );
}

export function ErrorState({ error, retry }: { error: CombinedError | Error; retry?: () => void }) {
  const { t } = useTranslation();
  const unreachable = 'networkError' in error && error.networkError !== undefined;
  const message = unreachable ? t('states.unreachable') : t('states.failed');
  const detail =
    'graphQLErrors' in error ? error.graphQLErrors.map((graphQLError) => graphQLError.message).join('; ') : '';
  return (
    <div className="state error" role="alert">
      <h2>{t('states.wentWrong')}</h2>
      <p>{message}</p>
      {detail && <p className="muted">{detail}</p>}
      {retry && (
        <button type="button" className="primary" onClick={retry}>
          {t('states.retry')}
        </button>
      )}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="state empty">{children}</p>;
}

/** Renders loading or error for a query result, or the children once there is data. */
export function QueryState<T>({
  result,
  retry,
  what,
  children,
}: {
  result: { fetching: boolean; error?: CombinedError | undefined; data?: T | undefined };
  retry: () => void;
  what?: string;
  children: (data: T) => ReactNode;
}) {
  if (result.error && !result.data) return <ErrorState error={result.error} retry={retry} />;
  if (!result.data) return <Loading {...(what ? { what } : {})} />;
  return <>{children(result.data)}</>;
}
