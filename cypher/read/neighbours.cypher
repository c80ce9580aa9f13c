// The first $limit nodes, by id, one hop (either direction) from any of the given nodes over the given types
// ($types null for all) that are not in $exclude.
UNWIND $ids AS id
MATCH (:Entity {_generation: $generation, id: id})-[relationship]-(neighbour:Entity)
WHERE ($types IS NULL OR type(relationship) IN $types) AND NOT neighbour.id IN $exclude
RETURN DISTINCT neighbour.id AS neighbour
ORDER BY neighbour
LIMIT $limit
