// The relationships (of any type, in either direction) between each pair [id, id] of nodes; with both ends known,
// Neo4j walks the relationships of whichever end has fewer.
UNWIND $pairs AS pair
MATCH (one:Entity {_generation: $generation, id: pair[0]})-[relationship]-(other:Entity {_generation: $generation, id: pair[1]})
RETURN {
  type: type(relationship),
  from: CASE startNode(relationship) WHEN one THEN pair[0] ELSE pair[1] END,
  to: CASE startNode(relationship) WHEN one THEN pair[1] ELSE pair[0] END,
  doc: relationship._doc
} AS relationship
