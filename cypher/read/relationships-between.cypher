// The relationships (of any type) that join given nodes: those between each source node and its targets, found by
// walking the source's relationships, and those between each pair [id, id] of hubs, where Neo4j walks the
// relationships of whichever end has fewer. Neo4jGraphStore.neighborhood chooses sources with few relationships.
UNWIND $sources AS source
MATCH (node:Entity {_generation: $generation, id: source.id})-[relationship]-(other:Entity)
WHERE other.id IN source.targets
RETURN {
  type: type(relationship),
  from: CASE startNode(relationship) WHEN node THEN source.id ELSE other.id END,
  to: CASE startNode(relationship) WHEN node THEN other.id ELSE source.id END,
  doc: relationship._doc
} AS relationship
UNION ALL
UNWIND $pairs AS pair
MATCH (one:Entity {_generation: $generation, id: pair[0]})-[relationship]-(other:Entity {_generation: $generation, id: pair[1]})
RETURN {
  type: type(relationship),
  from: CASE startNode(relationship) WHEN one THEN pair[0] ELSE pair[1] END,
  to: CASE startNode(relationship) WHEN one THEN pair[1] ELSE pair[0] END,
  doc: relationship._doc
} AS relationship
