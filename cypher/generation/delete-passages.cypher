// Deletes up to $batchSize passages of one generation; run until it deletes none.
MATCH (passage:Passage {_generation: $generation})
WITH passage
LIMIT $batchSize
DELETE passage
RETURN count(*) AS deleted
