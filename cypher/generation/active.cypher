// The generation of graph $graph that readers see, if one has been loaded.
MATCH (generation:Generation {graph: $graph, status: 'active'})
RETURN generation.number AS generation, generation.dataVersion AS dataVersion
ORDER BY generation DESC
LIMIT 1
