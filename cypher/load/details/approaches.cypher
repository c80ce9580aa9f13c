// Loads a batch of countries' approaches to a theme as (:Country)-[:HAS_APPROACH]->(:Approach)-[:ON_THEME]->(:Theme),
// the summary, judgement and sources as the approach's properties. MERGE makes a replayed batch leave the same graph.
UNWIND $rows AS row
MATCH (country:Country {_generation: $generation, id: row.country})
MATCH (theme:Theme {_generation: $generation, id: row.theme})
MERGE (approach:Approach {_generation: $generation, id: row.id})
SET approach += row.properties
MERGE (country)-[:HAS_APPROACH {_generation: $generation}]->(approach)
MERGE (approach)-[:ON_THEME {_generation: $generation}]->(theme)
