// Drops the record of a generation once its data is gone.
MATCH (generation:Generation {number: $generation})
DELETE generation
