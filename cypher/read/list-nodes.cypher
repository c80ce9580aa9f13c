// One page of the nodes of a kind, in id order.
MATCH (node:Entity {_generation: $generation, kind: $kind})
RETURN properties(node) AS node
ORDER BY node.id
SKIP $offset
LIMIT $limit
