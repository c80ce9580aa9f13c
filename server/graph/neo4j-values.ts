/**
 * Conversion at the Neo4j boundary. Neo4j properties hold scalars and homogeneous lists only, so nested values
 * (provenance, approaches, keywords) are stored as JSON strings, named in the node's `_json` list. Integers come
 * back as Neo4j Integers and temporal values as driver objects; both become the model's plain types.
 */
import neo4j from 'neo4j-driver';
import type { GraphNode, Passage, Relationship, RelationshipType } from '../../ingest/model.js';

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

export function nodeToProperties(node: GraphNode): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  const json: string[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (value === undefined) continue;
    if (isPropertyValue(value)) properties[key] = value;
    else {
      properties[key] = JSON.stringify(value);
      json.push(key);
    }
  }
  properties._json = json;
  return properties;
}

export function propertiesToNode(stored: Record<string, unknown>): GraphNode {
  const { _generation, _json, ...properties } = fromNeo4j(stored) as Record<string, unknown>;
  for (const key of (_json as string[] | undefined) ?? []) properties[key] = JSON.parse(properties[key] as string);
  return properties as GraphNode;
}

/** The relationship's own properties as stored: id, the model's properties and provenance as JSON. */
export function relationshipToProperties(relationship: Relationship): Record<string, unknown> {
  const properties: Record<string, unknown> = {
    id: relationship.id,
    provenance: JSON.stringify(relationship.provenance),
  };
  for (const [key, value] of Object.entries(relationship.properties)) if (value !== undefined) properties[key] = value;
  return properties;
}

/** What the read queries return for a relationship: its type, end ids and stored properties. */
export interface StoredRelationship {
  type: string;
  from: string;
  to: string;
  properties: Record<string, unknown>;
}

export function toRelationship(stored: StoredRelationship): Relationship {
  const { type, from, to, properties } = fromNeo4j(stored) as StoredRelationship;
  const { id, provenance, _generation, ...own } = properties;
  return {
    id: id as string,
    type: type as RelationshipType,
    from,
    to,
    properties: own,
    provenance: JSON.parse(provenance as string),
  };
}

export function toPassage(stored: Record<string, unknown>): Passage {
  const { _generation, ...passage } = fromNeo4j(stored) as Record<string, unknown>;
  return passage as Passage;
}
