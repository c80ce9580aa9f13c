/** The search documents of a knowledge graph: one per instrument, provision and quote. */
import type { KnowledgeGraph, NodeOf } from '../../ingest/model.js';
import type { ThemeTree } from '../domain/themes.js';
import type { SearchDocument } from './search-index.js';

export function searchDocuments(graph: KnowledgeGraph, tree: ThemeTree): SearchDocument[] {
  const nodes = new Map(graph.nodes.map((node) => [node.id, node]));
  const themesOf = new Map<string, Set<string>>();
  const taggedThemesOf = new Map<string, Set<string>>();
  for (const relationship of graph.relationships) {
    if (relationship.type !== 'ADDRESSES') continue;
    const set = themesOf.get(relationship.from) ?? new Set<string>();
    for (const theme of tree.withAncestors(relationship.to)) set.add(theme);
    themesOf.set(relationship.from, set);
    taggedThemesOf.set(relationship.from, (taggedThemesOf.get(relationship.from) ?? new Set()).add(relationship.to));
  }
  const themeWords = new Map(
    tree.themes.map((theme) => [theme.id, [theme.label, ...Object.values(theme.keywords).flat()].join('\n')]),
  );
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
  const documents: SearchDocument[] = [];
  for (const node of graph.nodes) {
    if (node.kind !== 'Instrument' && node.kind !== 'Provision' && node.kind !== 'Quote') continue;
    const instrument = nodes.get(node.kind === 'Instrument' ? node.id : node.instrument) as
      | NodeOf<'Instrument'>
      | undefined;
    if (!instrument) continue;
    const shared = {
      id: node.id,
      kind: node.kind,
      instrument: instrument.id,
      instrumentKind: instrument.instrumentKind,
      countries: instrument.countries,
      ...(instrument.date ? { date: instrument.date } : {}),
      ...themeTextOf(node.id),
    };
    if (node.kind === 'Instrument') {
      documents.push({
        ...shared,
        title: node.label,
        ...(node.titleLocal ? { titleLocal: node.titleLocal } : {}),
        text: node.summary ?? '',
        themes: themes(node.id),
        language: node.language ?? 'en',
      });
    } else if (node.kind === 'Provision') {
      documents.push({
        ...shared,
        title: `${node.label} · ${instrument.label}`,
        ...(instrument.titleLocal ? { titleLocal: instrument.titleLocal } : {}),
        text: node.text,
        themes: themes(node.id, themesOf.has(node.id) ? undefined : instrument.id),
        language: node.language,
      });
    } else {
      const speaker = node.speaker ? nodes.get(node.speaker) : undefined;
      documents.push({
        ...shared,
        title: `${speaker?.label ?? 'Unattributed'} · ${instrument.label}`,
        text: node.text,
        themes: themes(node.id),
        language: node.language,
      });
    }
  }
  return documents;
}
