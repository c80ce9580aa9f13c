/**
 * An instrument's versions: a timeline from the text as enacted through each amendment (and what superseded it),
 * and a side-by-side diff of any two versions, as a lawyer comparing them would read it.
 */
import { useId, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { formatDate } from '../lib/format.js';
import { instrumentPath, Link } from '../lib/router.js';
import { SourceLink } from './SourceLink.js';
import { Empty, QueryState } from './States.js';
import { TextModeBadge } from './TextMode.js';

/** The fields of Instrument.versions the page asks for (see VERSION_FIELDS). */
export interface Version {
  id: string;
  label: string;
  adopted: string | null;
  inForceFrom: string | null;
  inForceUntil: string | null;
  amendedBy: { id: string; title: string } | null;
  supersededBy: { id: string; title: string } | null;
  source: string | null;
  checked: string | null;
  changes: { change: string }[];
}

export const VERSION_FIELDS = `id label adopted inForceFrom inForceUntil amendedBy { id title } supersededBy { id title }
  source checked changes { change }`;

/** Whether an instrument has more to show than its one original version. */
export const hasHistory = (versions: Version[]) =>
  versions.length > 1 || versions.some((version) => version.supersededBy);

const DIFF = `query VersionDiff($id: ID!, $from: ID!, $to: ID!) {
  instrument(id: $id) { id diff(from: $from, to: $to) { provisions {
    provision { id }
    before { label number text textMode unverified }
    after { label number text textMode unverified }
    added removed renumbered textChanged
    words { change text }
  } } }
}`;

interface Side {
  label: string;
  number: string | null;
  text: string | null;
  textMode: string | null;
  unverified: string[];
}
interface Difference {
  provision: { id: string };
  before: Side | null;
  after: Side | null;
  added: boolean;
  removed: boolean;
  renumbered: boolean;
  textChanged: boolean;
  words: { change: 'SAME' | 'ADDED' | 'REMOVED'; text: string }[] | null;
}

function VersionName({ version }: { version: Version }) {
  const { t } = useTranslation();
  if (!version.amendedBy) return <>{t('versions.asEnacted')}</>;
  return (
    <Trans
      i18nKey="versions.asAmendedBy"
      values={{ title: version.amendedBy.title }}
      components={{ amendment: <Link to={instrumentPath(version.amendedBy.id)} /> }}
    />
  );
}

function useVersionWords() {
  const { t } = useTranslation();
  return {
    /** The version's name without links, for the column heads that screen readers skip (each side has its caption). */
    plainName: (version: Version) =>
      version.amendedBy ? t('versions.asAmendedByPlain', { title: version.amendedBy.title }) : t('versions.asEnacted'),
    inForce(version: Version): string {
      const from = version.inForceFrom ?? version.adopted;
      if (!from) return t('versions.inForceUnknown');
      return version.inForceUntil
        ? t('versions.inForceSpan', { from: formatDate(from), until: formatDate(version.inForceUntil) })
        : t('versions.inForceFrom', { from: formatDate(from) });
    },
  };
}

export function VersionTimeline({
  instrumentId,
  versions,
  currentId,
}: {
  instrumentId: string;
  versions: Version[];
  currentId: string | null;
}) {
  const { t } = useTranslation();
  const words = useVersionWords();
  return (
    <section aria-labelledby="versions-heading">
      <h2 id="versions-heading">{t('versions.heading', { count: versions.length })}</h2>
      <ol className="version-timeline">
        {versions.map((version) => (
          <li key={version.id} className={version.id === currentId ? 'version-entry current' : 'version-entry'}>
            <p className="version-name">
              <VersionName version={version} />
              {version.id === currentId && <span className="badge status-in_force">{t('versions.inForceToday')}</span>}
            </p>
            <p className="muted">
              {words.inForce(version)}
              {version.adopted && version.amendedBy && t('versions.adoptedOn', { date: formatDate(version.adopted) })}
              {version.changes.length > 0 && t('versions.changes', { count: version.changes.length })}
            </p>
            {version.supersededBy && (
              <p>
                <Trans
                  i18nKey="versions.supersededBy"
                  values={{ title: version.supersededBy.title }}
                  components={{ successor: <Link to={instrumentPath(version.supersededBy.id)} /> }}
                />
                {version.inForceUntil && t('versions.supersededFrom', { date: formatDate(version.inForceUntil) })}
              </p>
            )}
            {version.source && (
              <p className="muted">
                <SourceLink url={version.source} />
                {version.checked && t('instrument.checked', { date: formatDate(version.checked) })}
              </p>
            )}
          </li>
        ))}
      </ol>
      {versions.length > 1 && <VersionDiff instrumentId={instrumentId} versions={versions} />}
    </section>
  );
}

function VersionPicker({
  label,
  value,
  versions,
  onChange,
}: {
  label: string;
  value: string;
  versions: Version[];
  onChange: (id: string) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <span className="version-picker">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        {versions.map((version) => (
          <option key={version.id} value={version.id}>
            {t(version.amendedBy ? 'versions.optionAmended' : 'versions.optionEnacted', {
              date: formatDate(version.inForceFrom ?? version.adopted) || t('versions.dateNotStated'),
            })}
          </option>
        ))}
      </select>
    </span>
  );
}

function VersionDiff({ instrumentId, versions }: { instrumentId: string; versions: Version[] }) {
  const { t } = useTranslation();
  const { plainName } = useVersionWords();
  const [from, setFrom] = useState(versions[0]?.id ?? '');
  const [to, setTo] = useState(versions.at(-1)?.id ?? '');
  const [result, reexecute] = useQuery<{ instrument: { diff: { provisions: Difference[] } } | null }>({
    query: DIFF,
    variables: { id: instrumentId, from, to },
  });
  const named = (id: string) => versions.find((version) => version.id === id);
  const earlier = named(from);
  const later = named(to);
  return (
    <section aria-labelledby="diff-heading" className="version-diff">
      <h3 id="diff-heading">{t('versions.compare')}</h3>
      <div className="version-pickers">
        <VersionPicker label={t('versions.earlier')} value={from} versions={versions} onChange={setFrom} />
        <VersionPicker label={t('versions.later')} value={to} versions={versions} onChange={setTo} />
      </div>
      <QueryState
        result={result}
        retry={() => reexecute({ requestPolicy: 'network-only' })}
        what={t('versions.comparing')}
      >
        {(data) => {
          const differences = data.instrument?.diff.provisions ?? [];
          if (from === to) return <Empty>{t('versions.pickTwo')}</Empty>;
          if (differences.length === 0) return <Empty>{t('versions.noDifference')}</Empty>;
          return (
            <>
              <p className="muted">{t('versions.differ', { count: differences.length })}</p>
              <div className="diff-columns" aria-hidden="true">
                <span>{earlier && plainName(earlier)}</span>
                <span>{later && plainName(later)}</span>
              </div>
              <ol className="diff-list">
                {differences.map((difference) => (
                  <DifferenceRow key={difference.provision.id} difference={difference} />
                ))}
              </ol>
            </>
          );
        }}
      </QueryState>
    </section>
  );
}

function DifferenceRow({ difference }: { difference: Difference }) {
  const { t } = useTranslation();
  const { before, after } = difference;
  const what: string[] = [];
  if (difference.added) what.push(t('versions.added'));
  if (difference.removed) what.push(t('versions.removed'));
  if (difference.renumbered)
    what.push(t('versions.renumbered', { from: before?.number ?? '?', to: after?.number ?? '?' }));
  if (difference.textChanged) what.push(t(after?.text === null ? 'versions.wordingMissing' : 'versions.textChanged'));
  return (
    <li className="diff-row">
      <p className="diff-what">
        <strong>{after?.label ?? before?.label}</strong>{' '}
        {what.map((word) => (
          <span key={word} className="badge diff-badge">
            {word}
          </span>
        ))}
      </p>
      <div className="diff-sides">
        <DiffSide side={before} kept="REMOVED" words={difference.words} caption={t('versions.earlier')} />
        <DiffSide side={after} kept="ADDED" words={difference.words} caption={t('versions.later')} />
      </div>
    </li>
  );
}

/** One side of a difference: the earlier text shows the removed words struck out, the later the added ones marked. */
function DiffSide({
  side,
  kept,
  words,
  caption,
}: {
  side: Side | null;
  kept: 'ADDED' | 'REMOVED';
  words: Difference['words'];
  caption: string;
}) {
  const { t } = useTranslation();
  if (!side)
    return (
      <div className="diff-side empty">
        <span className="diff-caption">{caption}</span> <span className="muted">{t('versions.notInVersion')}</span>
      </div>
    );
  const Mark = kept === 'ADDED' ? 'ins' : 'del';
  return (
    <div className="diff-side">
      <p className="diff-side-head">
        <span className="diff-caption">{caption}</span> {side.label}
        {side.unverified.includes('number') && (
          <span className="badge unverified" title={t('versions.numberUnverifiedExplain')}>
            {t('versions.numberUnverified')}
          </span>
        )}
        <TextModeBadge mode={side.textMode} />
      </p>
      {side.text === null ? (
        <p className="muted">{t('versions.wordingNotHeld')}</p>
      ) : words ? (
        <p className="provision-text">
          {words
            .filter((part) => part.change === 'SAME' || part.change === kept)
            // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one diff never reorder
            .map((part, index) => (part.change === kept ? <Mark key={index}>{part.text}</Mark> : part.text))}
        </p>
      ) : (
        <p className="provision-text">{side.text}</p>
      )}
    </div>
  );
}
