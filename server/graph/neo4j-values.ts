/**
 * Conversion at the Neo4j boundary. Nodes and relationships keep their scalar properties for Cypher users and
 * carry the whole model object as JSON in `_doc`, which the app reads back. Integers come back from Neo4j as
 * Neo4j Integers and temporal values as driver objects; fromNeo4j makes both the model's plain types.
 */
import neo4j from 'neo4j-driver';
import type { GraphNode, Passage, Relationship } from '../../ingest/model.js';

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
  const properties: Record<string, unknown> = { _doc: JSON.stringify(node) };
  for (const [key, value] of Object.entries(node)) {
    if (value !== undefined && isPropertyValue(value)) properties[key] = value;
  }
  return properties;
}

export const nodeFromDocument = (document: string): GraphNode => JSON.parse(document) as GraphNode;

/**
 * A relationship as stored: its id and own properties for Cypher, and in `_doc` the whole relationship as JSON,
 * which the app reads back (see nodeToProperties); `document` is that JSON, made once by the caller.
 */
export function relationshipToProperties(relationship: Relationship, document: string): Record<string, unknown> {
  const properties: Record<string, unknown> = { id: relationship.id, _doc: document };
  for (const [key, value] of Object.entries(relationship.properties)) {
    if (value !== undefined && isPropertyValue(value)) properties[key] = value;
  }
  return properties;
}

export const relationshipFromDocument = (document: string): Relationship => JSON.parse(document) as Relationship;

export function toPassage(stored: Record<string, unknown>): Passage {
  const { _generation, ...passage } = fromNeo4j(stored) as Record<string, unknown>;
  return passage as Passage;
}
