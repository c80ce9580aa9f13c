// Generations of graph $graph whose data can go: loads that never finished (other than the one in progress,
// $loading) and generations retired long enough ago that no read transaction can still be using them.
MATCH (generation:Generation {graph: $graph})
WHERE (generation.status = 'loading' AND generation.number <> coalesce($loading, -1))
   OR (generation.status = 'retired' AND generation.retiredAt <= timestamp() - $graceMs)
RETURN generation.number AS generation
