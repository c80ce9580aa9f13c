// Nodes per kind.
MATCH (node:Entity {_generation: $generation})
RETURN node.kind AS kind, count(*) AS count
