/**
 * The search documents of a knowledge graph: one per instrument, provision and quote, and one per person,
 * organization, event, country and theme, so that entities are found by every name they go by.
 */
import type { KnowledgeGraph, NodeOf } from '../../ingest/model.js';
import type { ThemeTree } from '../domain/themes.js';
import type { SearchDocument } from './search-index.js';

export function searchDocuments(graph: KnowledgeGraph, tree: ThemeTree): SearchDocument[] {
  const nodes = new Map(graph.nodes.map((node) => [node.id, node]));
  const themesOf = new Map<string, Set<string>>();
  const taggedThemesOf = new Map<string, Set<string>>();
  const basedIn = new Map<string, string>();
  const roles = new Map<string, string[]>();
  for (const relationship of graph.relationships) {
    if (relationship.type === 'BASED_IN') basedIn.set(relationship.from, relationship.to);
    if (relationship.type === 'HELD_ROLE') {
      const organization = nodes.get(relationship.to)?.label;
      const title = relationship.properties?.title;
      const role = [title, organization].filter((part) => typeof part === 'string' && part !== '').join(', ');
      if (role) roles.set(relationship.from, [...(roles.get(relationship.from) ?? []), role]);
    }
    if (relationship.type !== 'ADDRESSES') continue;
    const set = themesOf.get(relationship.from) ?? new Set<string>();
    for (const theme of tree.withAncestors(relationship.to)) set.add(theme);
    themesOf.set(relationship.from, set);
    taggedThemesOf.set(relationship.from, (taggedThemesOf.get(relationship.from) ?? new Set()).add(relationship.to));
  }
  const themeWords = new Map(
    tree.themes.map((theme) => [theme.id, [theme.label, ...Object.values(theme.keywords).flat()].join('\n')]),
  );
  const countryNames = new Map<string, string[]>();
  for (const node of graph.nodes) {
    if (node.kind === 'Country') countryNames.set(node.code, namesOf(node));
    // An organization party (ASEAN) is named like a country: "ASEAN data framework" reaches its agreements.
    if (node.kind === 'Organization') countryNames.set(node.id, namesOf(node));
  }
  const namesOfCountries = (codes: string[]): { countryNames?: string[] } => {
    const names = [...new Set(codes.flatMap((code) => countryNames.get(code) ?? []))];
    return names.length > 0 ? { countryNames: names } : {};
  };
  // Only the unit's own tags: a parent theme's keywords would make every sibling concept match.
  // Provisions tagged alike share one string: a theme's keywords in every language, repeated 100,000 times, add up.
  const themeTexts = new Map<string, string>();
  const themeTextOf = (id: string): { themeText?: string } => {
    const tags = [...(taggedThemesOf.get(id) ?? [])].sort();
    const key = tags.join(' ');
    let text = themeTexts.get(key);
    if (text === undefined) {
      text = tags.flatMap((theme) => themeWords.get(theme) ?? []).join('\n');
      themeTexts.set(key, text);
    }
    return text.length > 0 ? { themeText: text } : {};
  };
  const themes = (id: string, fallback?: string) =>
    [...(themesOf.get(id) ?? (fallback ? themesOf.get(fallback) : undefined) ?? [])].sort();
  const partyOrganizations = new Map<string, string[]>();
  for (const relationship of graph.relationships) {
    if (relationship.type !== 'PARTY_TO' || nodes.get(relationship.from)?.kind !== 'Organization') continue;
    partyOrganizations.set(relationship.to, [...(partyOrganizations.get(relationship.to) ?? []), relationship.from]);
  }

  const documents: SearchDocument[] = [];
  for (const node of graph.nodes) {
    if (node.kind === 'Instrument' || node.kind === 'Provision' || node.kind === 'Quote') {
      const instrument = nodes.get(node.kind === 'Instrument' ? node.id : node.instrument) as
        | NodeOf<'Instrument'>
        | undefined;
      if (!instrument) continue;
      const shared = {
        id: node.id,
        kind: node.kind,
        group: instrument.id,
        instrumentKind: instrument.instrumentKind,
        ...(instrument.status ? { status: instrument.status } : {}),
        countries: instrument.countries,
        ...namesOfCountries([...instrument.countries, ...(partyOrganizations.get(instrument.id) ?? [])]),
        ...(instrument.date ? { date: instrument.date } : {}),
        ...themeTextOf(node.id),
      };
      const parentTitle = [instrument.label, instrument.titleLocal, ...searchAliases(instrument.aliases)]
        .filter(Boolean)
        .join('\n');
      if (node.kind === 'Instrument') {
        documents.push({
          ...shared,
          title: node.label,
          name: node.label,
          ...nonEmpty('aliases', searchAliases(node.aliases)),
          ...(node.titleLocal ? { titleLocal: node.titleLocal } : {}),
          text: node.summary ?? '',
          themes: themes(node.id),
          language: node.language ?? 'en',
        });
      } else if (node.kind === 'Provision') {
        documents.push({
          ...shared,
          title: `${node.label} · ${instrument.label}`,
          name: node.label,
          text: node.text,
          parentTitle,
          themes: themes(node.id, themesOf.has(node.id) ? undefined : instrument.id),
          language: node.language,
        });
      } else {
        const speaker = node.speaker ? nodes.get(node.speaker) : undefined;
        const name = speaker?.label ?? 'Unattributed';
        documents.push({
          ...shared,
          title: `${name} · ${instrument.label}`,
          name,
          text: node.text,
          parentTitle,
          themes: themes(node.id),
          language: node.language,
        });
      }
      continue;
    }
    const entity = entityDocument(node, {
      roles: roles.get(node.id) ?? [],
      basedIn: basedIn.get(node.id),
      themes: node.kind === 'Theme' ? tree.withAncestors(node.id) : [],
    });
    if (!entity) continue;
    documents.push({ ...entity, ...namesOfCountries(entity.countries) });
  }
  return documents;
}

type EntityNode = NodeOf<'Country' | 'Organization' | 'Person' | 'Event' | 'Theme'>;

function entityDocument(
  node: KnowledgeGraph['nodes'][number],
  context: { roles: string[]; basedIn?: string; themes: string[] },
): SearchDocument | undefined {
  const base = (entity: EntityNode, text: string, countries: string[]) => ({
    id: entity.id,
    kind: entity.kind,
    group: entity.id,
    title: entity.label,
    name: entity.label,
    text,
    countries,
    themes: [...context.themes].sort(),
    language: 'en',
  });
  const countryCode = (id: string | undefined) => (id?.startsWith('country:') ? [id.slice('country:'.length)] : []);
  switch (node.kind) {
    case 'Country':
      return {
        ...base(node, node.asean ? 'ASEAN member state' : '', [node.code]),
        ...nonEmpty(
          'aliases',
          namesOf(node).filter((name) => name !== node.label),
        ),
      };
    case 'Person':
      return {
        ...base(node, context.roles.join('; '), countryCode(context.basedIn)),
        ...nonEmpty('aliases', [...(node.localName ? [node.localName] : []), ...node.aliases, ...node.searchNames]),
      };
    case 'Organization':
      return {
        ...base(node, '', countryCode(context.basedIn)),
        ...nonEmpty('aliases', [...node.aliases, ...node.searchNames]),
      };
    case 'Event':
      return {
        ...base(node, [node.place, node.date].filter(Boolean).join(', '), node.country ? [node.country] : []),
        ...nonEmpty('aliases', [...node.aliases, ...node.searchNames]),
        ...(node.date ? { date: node.date } : {}),
      };
    case 'Theme':
      return {
        ...base(node, '', []),
        ...nonEmpty('aliases', Object.values(node.keywords).flat()),
      };
    default:
      return undefined;
  }
}

/** Every name of a country or organization: its label, local names, aliases and search names. */
function namesOf(node: NodeOf<'Country' | 'Organization'>): string[] {
  const names = [node.label, ...node.aliases, ...node.searchNames];
  return [...new Set(node.kind === 'Country' ? [...names, ...node.localNames] : names)];
}

/**
 * Curated aliases, and each official number also written without the space after its letters, as people
 * type it ("RA 10173" → "RA10173", "PP 71/2019" → "PP71/2019").
 */
function searchAliases(aliases: readonly string[]): string[] {
  const compact = aliases.flatMap((alias) => {
    const match = /^(\p{L}{1,6})\.?\s+(\d[\d/.-]*\p{L}*)$/u.exec(alias);
    return match ? [`${match[1]}${match[2]}`] : [];
  });
  return [...new Set([...aliases, ...compact])];
}

/**
 * A list field's values, shortest first: a field is exact only from its start, and the short names (CAC, PDPA)
 * are the ones typed whole.
 */
function nonEmpty<K extends string>(key: K, values: string[]): Partial<Record<K, string[]>> {
  const distinct = [...new Set(values.filter((value) => value.trim() !== ''))].sort(
    (a, b) => [...a].length - [...b].length,
  );
  return distinct.length > 0 ? ({ [key]: distinct } as Partial<Record<K, string[]>>) : {};
}
