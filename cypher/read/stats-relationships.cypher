// Relationships per type.
MATCH (:Entity {_generation: $generation})-[relationship]->(:Entity)
RETURN type(relationship) AS type, count(*) AS count
