// Tells other store instances that the load of generation $generation is still going: its owner $owner is alive.
MATCH (generation:Generation {number: $generation, owner: $owner, status: 'loading'})
SET generation.heartbeat = timestamp()
