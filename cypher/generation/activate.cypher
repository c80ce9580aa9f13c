// Switches readers of graph $graph to a fully loaded generation in one transaction; the previous one is retired.
// The same transaction points the graph's one (:LiveGraph) node at the new generation, so that a query written by
// hand reads the live generation number once and sees exactly one node per id at every moment, during a reload too
// (the retired generation stays until every reader that could hold its number is done). It also moves the
// __LIVE_LABEL__ label (Live for the default graph), a convenience for browsing: Neo4j reads are read-committed, so a
// label scan running across the switch can miss or double a node. The app itself reads by _generation.
// Switches are taken one at a time, behind the write lock on the GraphState node: a switch that read the active
// generation while another instance's switch was under way would leave two generations active.
MATCH (state:GraphState {key: 'generations'})
SET state.lastSwitchTo = $generation
WITH state
MATCH (next:Generation {number: $generation, graph: $graph, status: 'loading'})
OPTIONAL MATCH (previous:Generation {graph: $graph, status: 'active'})
SET previous.status = 'retired', previous.retiredAt = timestamp()
SET next.status = 'active'
WITH DISTINCT next
MERGE (live:LiveGraph {graph: $graph})
SET live.generation = next.number
WITH next
CALL (next) {
  MATCH (old:__LIVE_LABEL__)
  WHERE old._generation <> next.number
  REMOVE old:__LIVE_LABEL__
}
CALL (next) {
  MATCH (node:Entity|Passage|Approach|Version {_generation: next.number})
  SET node:__LIVE_LABEL__
}
RETURN next.number AS generation
