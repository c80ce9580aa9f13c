// Loads a batch of nodes of one kind into a generation. __NODE_LABEL__ is replaced by a kind from
// ingest/model.ts nodeKinds (validated); MERGE + SET makes a replayed batch leave the same nodes.
UNWIND $rows AS row
MERGE (node:Entity {_generation: $generation, id: row.id})
SET node = row, node._generation = $generation
SET node:__NODE_LABEL__
