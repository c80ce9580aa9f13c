// How many nodes of a kind there are.
MATCH (node:Entity {_generation: $generation, kind: $kind})
RETURN count(node) AS total
