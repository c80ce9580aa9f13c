/** Copies the API's formatted citation (source URL and checked date included) and says so. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from 'urql';

const CITATION = `query Citation($id: ID!, $anchor: String) { instrument(id: $id) { id citation(anchor: $anchor) } }`;

type Outcome =
  | { state: 'idle' }
  | { state: 'busy' }
  | { state: 'copied' }
  | { state: 'shown'; text: string; why: string };

export function CiteButton({ instrumentId, anchor, label }: { instrumentId: string; anchor?: string; label: string }) {
  const { t } = useTranslation();
  const client = useClient();
  const [outcome, setOutcome] = useState<Outcome>({ state: 'idle' });

  async function cite() {
    setOutcome({ state: 'busy' });
    const result = await client
      .query<{ instrument: { citation: string } | null }>(CITATION, { id: instrumentId, anchor: anchor ?? null })
      .toPromise();
    const text = result.data?.instrument?.citation;
    if (!text) {
      setOutcome({ state: 'shown', text: '', why: t('cite.fetchFailed') });
      return;
    }
    try {
      await navigator.clipboard.writeText(text);
      setOutcome({ state: 'copied' });
      setTimeout(() => setOutcome((current) => (current.state === 'copied' ? { state: 'idle' } : current)), 4000);
    } catch {
      setOutcome({ state: 'shown', text, why: t('cite.copyBlocked') });
    }
  }

  return (
    <span className="cite">
      <button
        type="button"
        onClick={cite}
        disabled={outcome.state === 'busy'}
        aria-label={t('cite.label', { what: label })}
      >
        {t('cite.button')}
      </button>
      <span role="status" aria-live="polite" className="cite-status">
        {outcome.state === 'copied' && t('cite.copied')}
        {outcome.state === 'shown' && outcome.why}
      </span>
      {outcome.state === 'shown' && outcome.text && (
        <textarea readOnly value={outcome.text} aria-label={t('cite.citation')} />
      )}
    </span>
  );
}
