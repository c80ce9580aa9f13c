// Loads a batch of (:Provision)-[:IN_VERSION]->(:Version): the provision's number, anchor, label and text in that
// version (versions load before this). MERGE makes a replayed batch leave the same graph.
UNWIND $rows AS row
MATCH (provision:Provision {_generation: $generation, id: row.provision})
MATCH (version:Version {_generation: $generation, id: row.version})
MERGE (provision)-[inVersion:IN_VERSION {_generation: $generation}]->(version)
SET inVersion += row.properties
