// Deletes up to $batchSize nodes (with their relationships) of one generation; run until it deletes none.
MATCH (node:Entity {_generation: $generation})
WITH node
LIMIT $batchSize
DETACH DELETE node
RETURN count(*) AS deleted
