// Starts loading a new generation of graph $graph; generation numbers are unique across graphs.
MERGE (state:GraphState {key: 'generations'})
  ON CREATE SET state.last = 0
SET state.last = state.last + 1
CREATE (generation:Generation {number: state.last, graph: $graph, status: 'loading', startedAt: timestamp()})
RETURN generation.number AS generation
