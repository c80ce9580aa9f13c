// The nodes with the given ids (as the JSON the app stored); ids that are not in the generation are simply absent.
// A node's neighbour list and owned relationships (see load/nodes.cypher) come back only when $withNeighbours is
// true: a hub's list is long.
UNWIND $ids AS id
MATCH (node:Entity {_generation: $generation, id: id})
RETURN
  id,
  node._doc AS node,
  CASE WHEN $withNeighbours THEN node._neighbours END AS neighbours,
  CASE WHEN $withNeighbours THEN node._links END AS links
