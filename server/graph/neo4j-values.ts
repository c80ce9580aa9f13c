/**
 * Conversion at the Neo4j boundary. Every fact the API serves is a plain property or a relationship, for Cypher
 * users: scalars as they are, provenance as `sourceUrl` / `checked` / `document`, nested records flattened or
 * made nodes of their own (approaches, versions; see graphDetails). Each node and relationship also carries
 * `_doc`, the whole model object as JSON: a derived copy the app reads back. Integers come back from Neo4j as
 * Neo4j Integers and temporal values as driver objects; fromNeo4j makes both the model's plain types.
 */
import neo4j from 'neo4j-driver';
import type {
  GraphNode,
  KnowledgeGraph,
  Passage,
  Provenance,
  ProvisionChange,
  Relationship,
} from '../../ingest/model.js';

/** Plain JavaScript values for what the driver returns: numbers for integers, ISO strings for dates. */
export function fromNeo4j(value: unknown): unknown {
  if (neo4j.isInt(value)) {
    if (!neo4j.integer.inSafeRange(value)) throw new RangeError(`Integer ${value.toString()} is too large`);
    return value.toNumber();
  }
  if (
    neo4j.isDate(value) ||
    neo4j.isDateTime(value) ||
    neo4j.isLocalDateTime(value) ||
    neo4j.isTime(value) ||
    neo4j.isLocalTime(value) ||
    neo4j.isDuration(value)
  ) {
    return value.toString();
  }
  if (Array.isArray(value)) return value.map(fromNeo4j);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fromNeo4j(item)]));
  }
  return value;
}

type Scalar = string | number | boolean;
const isScalar = (value: unknown): value is Scalar =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

/** Whether Neo4j can hold the value as a property: a scalar or a list of scalars of one type. */
function isPropertyValue(value: unknown): boolean {
  if (isScalar(value)) return true;
  if (!Array.isArray(value)) return false;
  return value.every((item) => isScalar(item) && typeof item === typeof value[0]);
}

/**
 * A node as stored: its scalars and lists of scalars as properties, for Cypher, and the whole node as JSON in
 * `_doc`, which is what the app reads back (the driver decodes one string far faster than a map of properties).
 */
export function nodeToProperties(node: GraphNode): Record<string, unknown> {
  return {
    ...plainProperties(node),
    ...provenanceProperties(node.provenance),
    ...flattenedProperties(node),
    _doc: JSON.stringify(node),
  };
}

/** The scalars and lists of scalars of a record: what Neo4j holds as properties without conversion. */
function plainProperties(record: object): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (value !== undefined && isPropertyValue(value)) properties[key] = value;
  }
  return properties;
}

/** Where a fact comes from, as properties every node and relationship has (absent when unknown). */
function provenanceProperties({ url, checked, document }: Provenance): Record<string, unknown> {
  return plainProperties({ sourceUrl: url, checked, document });
}

/** The nested records of a node that fit in properties: a theme's keywords per language, an event's theme and topics. */
function flattenedProperties(node: GraphNode): Record<string, unknown> {
  if (node.kind === 'Theme') {
    return Object.fromEntries(
      Object.entries(node.keywords).map(([language, words]) => [`keywords_${language}`, words]),
    );
  }
  if (node.kind === 'Event') {
    return plainProperties({
      themeText: node.theme?.text,
      themeSource: node.theme?.source,
      topics: node.topics?.map((topic) => topic.text),
      topicSources: node.topics?.map((topic) => topic.source),
    });
  }
  return {};
}

/**
 * The facts of the graph that are records inside a node in the model, as rows for their own nodes and
 * relationships in Neo4j (cypher/load/details/*.cypher): each country's approach to a theme, each version of an
 * instrument, a provision's number and text in each version, and the passages of each provision.
 */
export function graphDetails(graph: KnowledgeGraph) {
  const approaches = [];
  const versions = [];
  const provisionVersions = [];
  for (const node of graph.nodes) {
    if (node.kind === 'Country') {
      for (const { theme, ...approach } of node.approaches) {
        approaches.push({
          country: node.id,
          theme,
          id: `${node.id}/approach/${theme}`,
          properties: plainProperties({ ...approach, sourceUrl: approach.sources[0] }),
        });
      }
    } else if (node.kind === 'Instrument') {
      for (const { changes, ...version } of node.versions ?? []) {
        versions.push({
          instrument: node.id,
          id: version.id,
          properties: {
            ...plainProperties(version),
            ...plainProperties({ sourceUrl: version.source }),
            changes: changes.map(describeChange),
          },
        });
      }
    } else if (node.kind === 'Provision') {
      for (const { version, ...inVersion } of node.versions ?? []) {
        provisionVersions.push({ provision: node.id, version, properties: plainProperties(inVersion) });
      }
    }
  }
  const passageLinks = graph.passages.map((passage) => ({ provision: passage.provision, passage: passage.id }));
  return { approaches, versions, provisionVersions, passageLinks };
}

/** A change as one line a reader can scan in Neo4j Browser: "renumber 19–58 +2", "insert 3". */
function describeChange({ change, number, until, to, shift }: ProvisionChange): string {
  const from = until ? `${number}–${until}` : (number ?? '');
  const target = shift !== undefined ? `${shift > 0 ? '+' : ''}${shift}` : to ? `→ ${to}` : '';
  return [change, from, target].filter(Boolean).join(' ');
}

export const nodeFromDocument = (document: string): GraphNode => JSON.parse(document) as GraphNode;

/**
 * A relationship as stored: its id and own properties for Cypher, and in `_doc` the whole relationship as JSON,
 * which the app reads back (see nodeToProperties); `document` is that JSON, made once by the caller.
 */
export function relationshipToProperties(relationship: Relationship, document: string): Record<string, unknown> {
  return {
    ...plainProperties(relationship.properties),
    ...provenanceProperties(relationship.provenance),
    id: relationship.id,
    _doc: document,
  };
}

export const relationshipFromDocument = (document: string): Relationship => JSON.parse(document) as Relationship;

export function toPassage(stored: Record<string, unknown>): Passage {
  const { _generation, ...passage } = fromNeo4j(stored) as Record<string, unknown>;
  return passage as Passage;
}
