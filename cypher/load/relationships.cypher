// Loads a batch of relationships of one type into a generation. __RELATIONSHIP_TYPE__ is replaced by a type from
// ingest/model.ts relationshipTypes (validated); MERGE + SET makes a replayed batch leave the same relationships.
UNWIND $rows AS row
MATCH (source:Entity {_generation: $generation, id: row.from})
MATCH (target:Entity {_generation: $generation, id: row.to})
MERGE (source)-[relationship:__RELATIONSHIP_TYPE__ {_generation: $generation, id: row.properties.id}]->(target)
SET relationship = row.properties, relationship._generation = $generation
