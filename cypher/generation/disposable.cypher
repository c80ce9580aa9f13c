// Generations of graph $graph whose data can go: loads whose owner has gone (no heartbeat for $staleMs; never
// $loading, the caller's own) and generations retired long enough ago that no read transaction can still be
// using them. A load another instance is still making beats every few seconds, so it is never among them.
MATCH (generation:Generation {graph: $graph})
WHERE (
    generation.status = 'loading'
    AND generation.number <> coalesce($loading, -1)
    AND coalesce(generation.heartbeat, generation.startedAt) <= timestamp() - $staleMs
  )
   OR (generation.status = 'retired' AND generation.retiredAt <= timestamp() - $graceMs)
RETURN generation.number AS generation
