/** One search result: what it is, its status and dates at a glance, why it matched, and its best provisions. */
import { capitalise, listOf, statusLabel } from '../lib/format.js';
import { Link } from '../lib/router.js';
import { type ExpansionKind, type HitFields, hitPath, type SearchField, type SearchHit } from '../lib/search.js';
import { Highlighted, type HighlightedText } from './Highlighted.js';

const viaLabels: Record<ExpansionKind, [label: string, explanation: string]> = {
  typo: ['typo', 'Matched a word spelled slightly differently'],
  prefix: ['prefix', 'Matched a longer word starting with the last word typed'],
  folding: ['accents', 'Matched the same letters with other accents or case'],
  synonym: ['synonym', 'Matched an equivalent word'],
};

function ViaTags({ via }: { via: ExpansionKind[] }) {
  return (
    <>
      {via.map((kind) => (
        <span key={kind} className="via" title={viaLabels[kind][1]}>
          {viaLabels[kind][0]}
        </span>
      ))}
    </>
  );
}

const IN_FORCE = 'in_force';

const isEntity = (hit: HitFields) => hit.instrument === null;

function fieldLabel(field: SearchField, hit: HitFields): string {
  switch (field) {
    case 'name':
      return 'name';
    case 'aliases':
      return isEntity(hit) ? 'also known as' : 'short title';
    case 'titleLocal':
      return 'local title';
    case 'countryNames':
      return 'country';
    case 'text':
      return 'text';
    case 'parentTitle':
      return 'instrument';
    case 'themeText':
      return 'theme keywords';
  }
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
  const fields = hit.matchedFields.filter((match) => match.field !== 'name' && match.snippet.text !== hit.snippet.text);
  if (fields.length === 0) return null;
  if (hit.matchedFields.every((match) => match.field === 'themeText')) {
    const themes = hit.node.themes ?? [];
    const named = themes.filter((theme) => fields.some((match) => match.snippet.text.includes(theme.label)));
    const labels = (named.length > 0 ? named : themes).map((theme) => theme.label);
    const keywords = fields.flatMap((match) => matchedItems(match.snippet, labels));
    return (
      <p className="why">
        matched only through the theme keywords{labels.length > 0 && ` of ${listOf(labels)}`}
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
      matched in:{' '}
      {explained.map((entry, position) => (
        <span key={entry.field} className="why-field">
          {position > 0 && ' · '}
          <span className="muted">{fieldLabel(entry.field, hit)}</span> <MatchedItems items={entry.items} />
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

function countriesLabel(countries: { code: string; label: string }[], first: string[]): string {
  if (countries.length <= namedCountries) return countries.map((country) => country.label).join(', ');
  const ordered = [
    ...countries.filter((country) => first.includes(country.code)),
    ...countries.filter((country) => !first.includes(country.code)),
  ];
  const named = ordered.slice(0, namedCountries - 1).map((country) => country.label);
  return `${named.join(', ')} and ${countries.length - named.length} more`;
}

function InstrumentFacts({
  instrument,
  countriesFirst,
}: {
  instrument: NonNullable<HitFields['instrument']>;
  countriesFirst: string[];
}) {
  const facts = [
    countriesLabel(instrument.countries, countriesFirst),
    capitalise(instrument.instrumentKind),
    instrument.date,
  ].filter(Boolean);
  return (
    <>
      {facts.join(' · ')}
      {instrument.status && (
        <span className={`badge status status-${instrument.status}`}>{statusLabel(instrument.status)}</span>
      )}
      {instrument.inForce &&
        (instrument.status === IN_FORCE ? ` since ${instrument.inForce}` : ` · in force from ${instrument.inForce}`)}
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
  return (
    <li className="hit">
      <p className="hit-meta">
        <span className={`badge kind-${hit.kind}`}>{hit.kind}</span>
        {hit.instrument && <InstrumentFacts instrument={hit.instrument} countriesFirst={countriesFirst} />}
        <ViaTags via={hit.via} />
      </p>
      <h2 className="hit-title">
        <Link to={hitPath(hit)}>
          <Highlighted value={hit.title} />
        </Link>
      </h2>
      {hit.instrument && hit.kind !== 'Instrument' && <p className="hit-source">in {hit.instrument.title}</p>}
      {hit.snippet.text && (
        <p className="snippet">
          <Snippet hit={hit} />
        </p>
      )}
      <WhyMatched hit={hit} />
      {hit.matches.length > 0 && (
        <ul className="hit-matches" aria-label={`More matches in ${hit.instrument?.title ?? hit.title.text}`}>
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
