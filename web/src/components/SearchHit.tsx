/** One search result: what it is, its status and dates at a glance, why it matched, and its best provisions. */
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import {
  countryName,
  formatDate,
  instrumentKindLabel,
  kindLabel,
  listOf,
  namesList,
  statusLabel,
  themeName,
} from '../lib/format.js';
import { Link } from '../lib/router.js';
import { type ExpansionKind, type HitFields, hitPath, type SearchField, type SearchHit } from '../lib/search.js';
import { Highlighted, type HighlightedText } from './Highlighted.js';
import { LocalTitle } from './LocalTitle.js';

function ViaTags({ via }: { via: ExpansionKind[] }) {
  const { t } = useTranslation();
  return (
    <>
      {via.map((kind) => (
        <span key={kind} className="via" title={t(`hit.viaExplain.${kind}`)}>
          {t(`hit.via.${kind}`)}
        </span>
      ))}
    </>
  );
}

const IN_FORCE = 'in_force';

const isEntity = (hit: HitFields) => hit.instrument === null;

function fieldLabel(field: SearchField, hit: HitFields, t: TFunction): string {
  if (field === 'aliases') return isEntity(hit) ? t('hit.field.alsoKnownAs') : t('hit.field.shortTitle');
  return t(`hit.field.${field}`);
}

/** Aliases, country names and theme keywords are lists: only the items that matched explain anything. */
const listFields: ReadonlySet<SearchField> = new Set(['aliases', 'countryNames', 'themeText']);
const shownItems = 3;

/** The list's items that hold a highlight, leaving out those the result already shows (its title, its themes). */
function matchedItems(value: HighlightedText, shown: string[]): HighlightedText[] {
  const items = new Map<string, HighlightedText>(
    shown.map((text) => [text.toLocaleLowerCase(), { text, highlights: [] }]),
  );
  let start = 0;
  for (const separator of [...value.text.matchAll(/ · |\n/g), undefined]) {
    const end = separator?.index ?? value.text.length;
    const highlights = value.highlights
      .filter((range) => range.start < end && range.end > start)
      .map((range) => ({ start: Math.max(range.start, start) - start, end: Math.min(range.end, end) - start }));
    const text = value.text.slice(start, end);
    const key = text.toLocaleLowerCase();
    if (highlights.length > 0 && !items.has(key)) items.set(key, { text, highlights });
    start = end + (separator?.[0].length ?? 0);
  }
  return [...items.values()].filter((item) => item.highlights.length > 0).slice(0, shownItems);
}

/**
 * The fields that explain the match beyond what the title and the snippet already show: an alias or a local
 * title in its own script is often the only reason a result is there.
 */
function WhyMatched({ hit }: { hit: HitFields }) {
  const { t } = useTranslation();
  const fields = hit.matchedFields.filter((match) => match.field !== 'name' && match.snippet.text !== hit.snippet.text);
  if (fields.length === 0) return null;
  if (hit.matchedFields.every((match) => match.field === 'themeText')) {
    const themes = hit.node.themes ?? [];
    const named = themes.filter((theme) => fields.some((match) => match.snippet.text.includes(theme.label)));
    const shown = named.length > 0 ? named : themes;
    // The snippets hold the English labels: those are the items already shown, whatever the reader's language.
    const keywords = fields.flatMap((match) =>
      matchedItems(
        match.snippet,
        shown.map((theme) => theme.label),
      ),
    );
    return (
      <p className="why">
        {t('hit.onlyThemeKeywords')}
        {shown.length > 0 && t('hit.ofThemes', { themes: listOf(shown.map(themeName)) })}
        {keywords.length > 0 && ': '}
        <MatchedItems items={keywords} />
      </p>
    );
  }
  const explained = fields
    .map((match) => ({
      field: match.field,
      items: listFields.has(match.field) ? matchedItems(match.snippet, [hit.title.text]) : [match.snippet],
    }))
    .filter((entry) => entry.items.length > 0);
  if (explained.length === 0) return null;
  return (
    <p className="why">
      {t('hit.matchedIn')}{' '}
      {explained.map((entry, position) => (
        <span key={entry.field} className="why-field">
          {position > 0 && ' · '}
          <span className="muted">{fieldLabel(entry.field, hit, t)}</span> <MatchedItems items={entry.items} />
        </span>
      ))}
    </p>
  );
}

function MatchedItems({ items }: { items: HighlightedText[] }) {
  return (
    <>
      {items.map((item, position) => (
        <span key={item.text}>
          {position > 0 && ', '}
          <Highlighted value={item} />
        </span>
      ))}
    </>
  );
}

/** A regional agreement has a dozen parties: name a few, those filtered on first, and count the rest. */
const namedCountries = 3;

function countriesLabel(countries: { code: string; label: string }[], first: string[], t: TFunction): string {
  if (countries.length <= namedCountries) return namesList(countries.map(countryName));
  const ordered = [
    ...countries.filter((country) => first.includes(country.code)),
    ...countries.filter((country) => !first.includes(country.code)),
  ];
  const named = ordered.slice(0, namedCountries - 1).map(countryName);
  return t('hit.andMore', { named: namesList(named), count: countries.length - named.length });
}

function InstrumentFacts({
  instrument,
  countriesFirst,
}: {
  instrument: NonNullable<HitFields['instrument']>;
  countriesFirst: string[];
}) {
  const { t } = useTranslation();
  const facts = [
    countriesLabel(instrument.countries, countriesFirst, t),
    instrumentKindLabel(instrument.instrumentKind),
    formatDate(instrument.date),
  ].filter(Boolean);
  return (
    <>
      {facts.join(' · ')}
      {instrument.status && (
        <span className={`badge status status-${instrument.status}`}>{statusLabel(instrument.status)}</span>
      )}
      {instrument.inForce &&
        (instrument.status === IN_FORCE
          ? t('hit.since', { date: formatDate(instrument.inForce) })
          : t('hit.inForceFrom', { date: formatDate(instrument.inForce) }))}
    </>
  );
}

function Snippet({ hit }: { hit: HitFields }) {
  return (
    <>
      {hit.node.speaker && <span className="muted">{hit.node.speaker.label}: </span>}
      <Highlighted value={hit.snippet} />
    </>
  );
}

export function SearchHitItem({ hit, countriesFirst }: { hit: SearchHit; countriesFirst: string[] }) {
  const { t } = useTranslation();
  return (
    <li className="hit">
      <p className="hit-meta">
        <span className={`badge kind-${hit.kind}`}>{kindLabel(hit.kind)}</span>
        {hit.instrument && <InstrumentFacts instrument={hit.instrument} countriesFirst={countriesFirst} />}
        <ViaTags via={hit.via} />
      </p>
      <h2 className="hit-title">
        <Link to={hitPath(hit)}>
          <Highlighted value={hit.title} />
        </Link>
        {hit.kind === 'Instrument' && <LocalTitle title={hit.instrument?.titleLocal} />}
      </h2>
      {hit.instrument && hit.kind !== 'Instrument' && (
        <p className="hit-source">{t('hit.in', { title: hit.instrument.title })}</p>
      )}
      {hit.snippet.text && (
        <p className="snippet">
          <Snippet hit={hit} />
        </p>
      )}
      <WhyMatched hit={hit} />
      {hit.matches.length > 0 && (
        <ul
          className="hit-matches"
          aria-label={t('hit.moreMatches', { title: hit.instrument?.title ?? hit.title.text })}
        >
          {hit.matches.map((match) => (
            <li key={match.id}>
              <Link to={hitPath(match)} className="match-label">
                {match.node.label}
              </Link>{' '}
              <Snippet hit={match} />
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
