// Loads a batch of instrument versions as (:Instrument)-[:HAS_VERSION]->(:Version), with their dates, amending
// instrument, source and the changes made (one line each). MERGE makes a replayed batch leave the same graph.
UNWIND $rows AS row
MATCH (instrument:Instrument {_generation: $generation, id: row.instrument})
MERGE (version:Version {_generation: $generation, id: row.id})
SET version += row.properties
MERGE (instrument)-[:HAS_VERSION {_generation: $generation}]->(version)
