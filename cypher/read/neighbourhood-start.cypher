// The first two levels' worth of reading for a neighbourhood in one go: the node $id and the first $prefetch of
// its neighbours in id order (itself excepted), each with its stored neighbour list and owned relationships (see
// load/nodes.cypher). Nothing when $id is not in the generation.
MATCH (start:Entity {_generation: $generation, id: $id})
UNWIND [$id] + [neighbour IN start._neighbours WHERE neighbour <> $id][0..$prefetch] AS nodeId
MATCH (node:Entity {_generation: $generation, id: nodeId})
RETURN nodeId AS id, node._doc AS node, node._neighbours AS neighbours, node._links AS links
