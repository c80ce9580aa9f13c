// Switches readers of graph $graph to a fully loaded generation in one transaction; the previous one is retired.
MATCH (next:Generation {number: $generation, graph: $graph, status: 'loading'})
OPTIONAL MATCH (previous:Generation {graph: $graph, status: 'active'})
SET previous.status = 'retired', previous.retiredAt = timestamp()
SET next.status = 'active'
RETURN DISTINCT next.number AS generation
