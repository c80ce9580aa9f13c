// One page of the nodes of a kind (as the JSON the app stored), in id order.
MATCH (node:Entity {_generation: $generation, kind: $kind})
WITH node
ORDER BY node.id
SKIP $offset
LIMIT $limit
RETURN node._doc AS node
