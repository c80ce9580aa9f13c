/**
 * A lazily loaded page that survives its code failing to load (the server down, a deploy in between): instead of
 * a blank app, a message with Retry, and a new attempt every few seconds, so the page comes back with the server.
 * React.lazy keeps a failed import for good, so each attempt makes a new lazy component.
 */
import { Component, type ComponentType, lazy, type ReactNode, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from './States.js';

const RETRY_EVERY_MS = 5000;

class Boundary extends Component<{ onRetry: () => void; children: ReactNode }, { error: Error | null }> {
  override state = { error: null as Error | null };
  private timer: ReturnType<typeof setInterval> | undefined;

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override componentDidUpdate() {
    if (this.state.error && !this.timer) this.timer = setInterval(this.retry, RETRY_EVERY_MS);
  }

  override componentWillUnmount() {
    clearInterval(this.timer);
  }

  retry = () => {
    clearInterval(this.timer);
    this.timer = undefined;
    this.props.onRetry();
    this.setState({ error: null });
  };

  override render() {
    if (this.state.error) return <LoadFailed error={this.state.error} retry={this.retry} />;
    return this.props.children;
  }
}

function LoadFailed({ error, retry }: { error: Error; retry: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="state error" role="alert">
      <h2>{t('states.wentWrong')}</h2>
      <p>{t('states.codeFailed')}</p>
      <p className="muted">{error.message}</p>
      <button type="button" className="primary" onClick={retry}>
        {t('states.retry')}
      </button>
    </div>
  );
}

export function LazyPage({ load, what }: { load: () => Promise<{ default: ComponentType }>; what: string }) {
  const [Page, setPage] = useState(() => lazy(load));
  return (
    <Boundary onRetry={() => setPage(() => lazy(load))}>
      <Suspense fallback={<Loading what={what} />}>
        <Page />
      </Suspense>
    </Boundary>
  );
}
