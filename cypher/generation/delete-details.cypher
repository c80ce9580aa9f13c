// Deletes up to $batchSize passages, approaches and versions of one generation (with their relationships); run
// until it deletes none.
MATCH (detail:Passage|Approach|Version {_generation: $generation})
WITH detail
LIMIT $batchSize
DETACH DELETE detail
RETURN count(*) AS deleted
