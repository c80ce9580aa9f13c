// Loads a batch of relationships of one type into a generation, between nodes given by the element ids their own
// load returned. __RELATIONSHIP_TYPE__ is replaced by a type from ingest/model.ts relationshipTypes (validated). A
// replayed batch finds its relationships already there, with the same properties (a generation's rows never
// change), so MERGE leaves them as they are.
UNWIND $rows AS row
MATCH (source) WHERE elementId(source) = row.source
MATCH (target) WHERE elementId(target) = row.target
MERGE (source)-[relationship:__RELATIONSHIP_TYPE__ {_generation: $generation, id: row.properties.id}]->(target)
  ON CREATE SET relationship += row.properties
