// The relationships (of the given types, $types null for all) that join two of the given nodes.
UNWIND $ids AS id
MATCH (:Entity {_generation: $generation, id: id})-[relationship]->(other:Entity)
WHERE other.id IN $ids AND ($types IS NULL OR type(relationship) IN $types)
RETURN relationship._doc AS relationship
