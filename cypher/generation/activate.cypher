// Switches readers of graph $graph to a fully loaded generation in one transaction; the previous one is retired.
// The same transaction moves the __LIVE_LABEL__ label (Live for the default graph) from the previous generation's
// nodes to the new one's, so that a query written by hand (MATCH (c:Live:Country)) sees exactly one node per id at
// every moment, during a reload too. The app itself reads by _generation.
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
