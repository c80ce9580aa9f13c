// The nodes with the given ids; ids that are not in the generation are simply absent.
UNWIND $ids AS id
MATCH (node:Entity {_generation: $generation, id: id})
RETURN id, properties(node) AS node
