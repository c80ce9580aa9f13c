// The nodes with the given ids (as the JSON the app stored); ids that are not in the generation are simply absent.
// Each node's neighbour list (see load/nodes.cypher) comes back only when $withNeighbours is true: a hub's is long.
UNWIND $ids AS id
MATCH (node:Entity {_generation: $generation, id: id})
RETURN id, node._doc AS node, CASE WHEN $withNeighbours THEN node._neighbours END AS neighbours
