// Outgoing relationships of each node, of the given types ($types null for all).
UNWIND $ids AS id
MATCH (node:Entity {_generation: $generation, id: id})-[relationship]->(other:Entity)
WHERE $types IS NULL OR type(relationship) IN $types
RETURN
  id AS owner,
  relationship._doc AS relationship
