// Loads a batch of (:Provision)-[:HAS_PASSAGE]->(:Passage), so that a provision's paragraphs are reached by a
// relationship (passages also keep the provision's id, which the app reads them by).
UNWIND $rows AS row
MATCH (provision:Provision {_generation: $generation, id: row.provision})
MATCH (passage:Passage {_generation: $generation, id: row.passage})
MERGE (provision)-[:HAS_PASSAGE {_generation: $generation}]->(passage)
