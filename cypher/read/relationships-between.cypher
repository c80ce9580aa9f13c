// The relationships (of any type, in either direction, as the JSON the app stored) between each pair [id, id] of
// nodes; with both ends known, Neo4j walks the relationships of whichever end has fewer.
UNWIND $pairs AS pair
MATCH (one:Entity {_generation: $generation, id: pair[0]})-[relationship]-(other:Entity {_generation: $generation, id: pair[1]})
RETURN relationship._doc AS relationship
