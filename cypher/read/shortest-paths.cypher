// Every shortest path (ignoring direction) over the given relationship types, if it is at most $maxHops long.
// Variable-length bounds cannot be parameters, so the pattern allows the API's largest maxHops (6) and the length
// is checked after the search: a WHERE on the path itself would make Neo4j look for longer paths exhaustively.
MATCH (source:Entity {_generation: $generation, id: $from})
MATCH (target:Entity {_generation: $generation, id: $to})
MATCH path = allShortestPaths((source)-[*..6]-(target))
WHERE all(relationship IN relationships(path) WHERE type(relationship) IN $types)
WITH path
WHERE length(path) <= $maxHops
RETURN
  [node IN nodes(path) | node.id] AS nodes,
  [relationship IN relationships(path) | relationship._doc] AS relationships
LIMIT $pathCap
