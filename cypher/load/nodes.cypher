// Loads a batch of nodes of one kind into a generation. __NODE_LABEL__ is replaced by a kind from
// ingest/model.ts nodeKinds (validated); MERGE + SET makes a replayed batch leave the same nodes. Besides its
// properties and _doc, each row carries _neighbours (the node's first neighbour ids in id order) and _links (the
// relationships it owns, as JSON): Neo4jGraphStore.neighborhood reads these instead of walking a hub's thousands
// of relationships. Country rows also carry _themeLinks (see read/theme-links.cypher). The element ids returned
// are how the relationship loads find the nodes.
UNWIND $rows AS row
MERGE (node:Entity:__NODE_LABEL__ {_generation: $generation, id: row.id})
SET node = row, node._generation = $generation
RETURN row.id AS id, elementId(node) AS elementId
