// The nodes one hop (either direction) from any of the given nodes, over the given types ($types null for all).
UNWIND $ids AS id
MATCH (:Entity {_generation: $generation, id: id})-[relationship]-(neighbour:Entity)
WHERE $types IS NULL OR type(relationship) IN $types
RETURN DISTINCT neighbour.id AS neighbour
