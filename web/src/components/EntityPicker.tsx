/** A combobox that finds any entity: countries and themes by name, people, organizations and events by name,
 * any of them, instruments, provisions and quotes through search, or an exact id. */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { kindLabel, themeName } from '../lib/format.js';
import { useDebounced } from '../lib/useDebounced.js';
import { useVocabulary } from '../lib/vocabulary.js';

export interface Entity {
  id: string;
  kind: string;
  label: string;
}

const SUGGEST = `query Suggest($query: String!, $person: ID!, $organization: ID!, $event: ID!, $exact: ID!) {
  person: node(id: $person) { id kind label }
  organization: node(id: $organization) { id kind label }
  event: node(id: $event) { id kind label }
  exact: node(id: $exact) { id kind label }
  search(query: $query, first: 8) { edges { node {
    node { id kind label ... on Quote { speaker { id kind label } } }
    instrument { id kind label deliveredBy { id kind label } }
  } } }
}`;

interface SuggestData {
  person: Entity | null;
  organization: Entity | null;
  event: Entity | null;
  exact: Entity | null;
  search: {
    edges: {
      node: {
        node: Entity & { speaker?: Entity | null };
        /** Null when the hit is a person, organization, event, country or theme. */
        instrument: (Entity & { deliveredBy: Entity[] }) | null;
      };
    }[];
  };
}

const slug = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

export function EntityPicker({
  label,
  value,
  onPick,
}: {
  label: string;
  value: Entity | null;
  onPick: (entity: Entity) => void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const query = useDebounced(text.trim(), 200);
  const inputId = useId();
  const listId = useId();
  const { result: vocabulary } = useVocabulary();
  const [result] = useQuery<SuggestData>({
    query: SUGGEST,
    variables: {
      query,
      person: `person:${slug(query)}`,
      organization: `org:${slug(query)}`,
      event: `event:${slug(query)}`,
      exact: query,
    },
    pause: query.length < 2,
  });

  const lower = query.toLowerCase();
  const fromVocabulary: Entity[] =
    query.length < 2 || !vocabulary.data
      ? []
      : [
          ...vocabulary.data.countries
            .filter((country) => country.label.toLowerCase().includes(lower) || country.code.toLowerCase() === lower)
            .map((country) => ({ id: `country:${country.code}`, kind: 'Country', label: country.label })),
          ...vocabulary.data.themes
            .filter((theme) => [theme.label, themeName(theme)].some((name) => name.toLowerCase().includes(lower)))
            .map((theme) => ({ id: theme.id, kind: 'Theme', label: themeName(theme) })),
        ];
  const data = query.length < 2 ? undefined : result.data;
  const fromSearch: Entity[] = data
    ? data.search.edges.flatMap(({ node: hit }) => [
        ...(hit.node.speaker ? [hit.node.speaker] : []),
        ...(hit.instrument
          ? [
              ...hit.instrument.deliveredBy,
              { id: hit.instrument.id, kind: hit.instrument.kind, label: hit.instrument.label },
            ]
          : []),
        { id: hit.node.id, kind: hit.node.kind, label: hit.node.label },
      ])
    : [];
  const direct = data
    ? [data.exact, data.person, data.organization, data.event].filter((entity) => entity !== null)
    : [];
  const seen = new Set<string>();
  const suggestions = [...direct, ...fromVocabulary, ...fromSearch]
    .filter((entity) => !seen.has(entity.id) && seen.add(entity.id))
    .slice(0, 12);

  const pick = (entity: Entity) => {
    onPick(entity);
    setText('');
    setOpen(false);
  };
  const showList = open && query.length >= 2;

  return (
    <div className="picker">
      <label htmlFor={inputId}>{label}</label>
      {value && (
        <p className="picked">
          <span className={`swatch kind-${value.kind}`} aria-hidden="true" /> {value.label}{' '}
          <span className="muted small">({kindLabel(value.kind)})</span>
        </p>
      )}
      <input
        id={inputId}
        type="text"
        role="combobox"
        aria-expanded={showList}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={showList && suggestions[active] ? `${listId}-${active}` : undefined}
        placeholder={value ? t('picker.change') : t('picker.placeholder')}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setOpen(true);
          setActive(0);
        }}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown') setActive((index) => Math.min(index + 1, suggestions.length - 1));
          else if (event.key === 'ArrowUp') setActive((index) => Math.max(index - 1, 0));
          else if (event.key === 'Escape') setOpen(false);
          else if (event.key === 'Enter') {
            event.preventDefault();
            const chosen = suggestions[active];
            if (chosen) pick(chosen);
            return;
          } else return;
          event.preventDefault();
        }}
      />
      {showList && (
        <div id={listId} role="listbox" className="suggestions" aria-label={t('picker.suggestions', { label })}>
          {suggestions.length === 0 ? (
            <p className="muted">
              {result.fetching || query !== text.trim()
                ? t('picker.looking')
                : result.error && !result.data
                  ? t('picker.unreachable')
                  : t('picker.noMatch')}
            </p>
          ) : (
            suggestions.map((entity, index) => (
              <div
                key={entity.id}
                tabIndex={-1}
                id={`${listId}-${index}`}
                role="option"
                aria-selected={index === active}
                onMouseDown={(event) => {
                  event.preventDefault();
                  pick(entity);
                }}
                onMouseEnter={() => setActive(index)}
              >
                <span className={`swatch kind-${entity.kind}`} aria-hidden="true" /> {entity.label}{' '}
                <span className="muted small">{kindLabel(entity.kind)}</span>
              </div>
            ))
          )}
        </div>
      )}
    </div>
  );
}
