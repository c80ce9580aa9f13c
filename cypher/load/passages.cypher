// Loads a batch of passages into a generation; MERGE + SET makes a replayed batch leave the same passages.
UNWIND $rows AS row
MERGE (passage:Passage {_generation: $generation, id: row.id})
SET passage = row, passage._generation = $generation
