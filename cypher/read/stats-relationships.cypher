// Relationships per type.
MATCH (:Entity {_generation: $generation})-[relationship]->()
RETURN type(relationship) AS type, count(*) AS count
