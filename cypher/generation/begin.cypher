// Starts loading a new generation of graph $graph, owned by the store instance $owner, whose heartbeat
// (generation/heartbeat.cypher) tells other instances the load is still going, and recorded as data version
// $dataVersion (null when unrecorded); generation numbers are unique across graphs.
MERGE (state:GraphState {key: 'generations'})
  ON CREATE SET state.last = 0
SET state.last = state.last + 1
CREATE (generation:Generation {
  number: state.last, graph: $graph, status: 'loading', owner: $owner, startedAt: timestamp(), heartbeat: timestamp()
})
SET generation.dataVersion = $dataVersion
RETURN generation.number AS generation
