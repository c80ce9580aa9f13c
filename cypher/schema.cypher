// The Neo4j schema of the knowledge graph, applied by the app at start (Neo4jGraphStore) and usable as is with
// cypher-shell. Every node carries :Entity and the label of its kind (ingest/model.ts nodeKinds). A graph is
// loaded as a new generation (the _generation property) and switched to atomically, so ids are unique within
// a generation: each constraint is on (_generation, id), which also serves lookups by id and listing in id order.
// Every fact is a property or a relationship: scalars as they are, provenance as sourceUrl / checked / document,
// approaches as (:Country)-[:HAS_APPROACH]->(:Approach)-[:ON_THEME]->(:Theme), versions as
// (:Instrument)-[:HAS_VERSION]->(:Version)<-[:IN_VERSION]-(:Provision), passages as (:Provision)-[:HAS_PASSAGE]->(:Passage).
// Derived properties, rebuilt on every load and never a fact's only home: `_doc` (the whole object as JSON, what the
// app reads back), `_neighbours` and `_links` on nodes, `_themeLinks` on countries (see load/nodes.cypher).

CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE (n._generation, n.id) IS UNIQUE;
CREATE CONSTRAINT country_id IF NOT EXISTS FOR (n:Country) REQUIRE (n._generation, n.id) IS UNIQUE;
CREATE CONSTRAINT organization_id IF NOT EXISTS FOR (n:Organization) REQUIRE (n._generation, n.id) IS UNIQUE;
CREATE CONSTRAINT person_id IF NOT EXISTS FOR (n:Person) REQUIRE (n._generation, n.id) IS UNIQUE;
CREATE CONSTRAINT event_id IF NOT EXISTS FOR (n:Event) REQUIRE (n._generation, n.id) IS UNIQUE;
CREATE CONSTRAINT instrument_id IF NOT EXISTS FOR (n:Instrument) REQUIRE (n._generation, n.id) IS UNIQUE;
CREATE CONSTRAINT provision_id IF NOT EXISTS FOR (n:Provision) REQUIRE (n._generation, n.id) IS UNIQUE;
CREATE CONSTRAINT quote_id IF NOT EXISTS FOR (n:Quote) REQUIRE (n._generation, n.id) IS UNIQUE;
CREATE CONSTRAINT theme_id IF NOT EXISTS FOR (n:Theme) REQUIRE (n._generation, n.id) IS UNIQUE;
CREATE CONSTRAINT passage_id IF NOT EXISTS FOR (n:Passage) REQUIRE (n._generation, n.id) IS UNIQUE;
CREATE CONSTRAINT approach_id IF NOT EXISTS FOR (n:Approach) REQUIRE (n._generation, n.id) IS UNIQUE;
CREATE CONSTRAINT version_id IF NOT EXISTS FOR (n:Version) REQUIRE (n._generation, n.id) IS UNIQUE;
CREATE CONSTRAINT generation_number IF NOT EXISTS FOR (n:Generation) REQUIRE n.number IS UNIQUE;
CREATE CONSTRAINT live_graph IF NOT EXISTS FOR (n:LiveGraph) REQUIRE n.graph IS UNIQUE;
CREATE CONSTRAINT graph_state_key IF NOT EXISTS FOR (n:GraphState) REQUIRE n.key IS UNIQUE;

// Relationship ids, one constraint per type (ingest/model.ts relationshipSpec); they also make MERGE on a reload fast.
CREATE CONSTRAINT enacted_id IF NOT EXISTS FOR ()-[r:ENACTED]-() REQUIRE (r._generation, r.id) IS UNIQUE;
CREATE CONSTRAINT party_to_id IF NOT EXISTS FOR ()-[r:PARTY_TO]-() REQUIRE (r._generation, r.id) IS UNIQUE;
CREATE CONSTRAINT member_of_id IF NOT EXISTS FOR ()-[r:MEMBER_OF]-() REQUIRE (r._generation, r.id) IS UNIQUE;
CREATE CONSTRAINT amends_id IF NOT EXISTS FOR ()-[r:AMENDS]-() REQUIRE (r._generation, r.id) IS UNIQUE;
CREATE CONSTRAINT implements_id IF NOT EXISTS FOR ()-[r:IMPLEMENTS]-() REQUIRE (r._generation, r.id) IS UNIQUE;
CREATE CONSTRAINT supersedes_id IF NOT EXISTS FOR ()-[r:SUPERSEDES]-() REQUIRE (r._generation, r.id) IS UNIQUE;
CREATE CONSTRAINT references_id IF NOT EXISTS FOR ()-[r:REFERENCES]-() REQUIRE (r._generation, r.id) IS UNIQUE;
CREATE CONSTRAINT modeled_on_id IF NOT EXISTS FOR ()-[r:MODELED_ON]-() REQUIRE (r._generation, r.id) IS UNIQUE;
CREATE CONSTRAINT part_of_id IF NOT EXISTS FOR ()-[r:PART_OF]-() REQUIRE (r._generation, r.id) IS UNIQUE;
CREATE CONSTRAINT addresses_id IF NOT EXISTS FOR ()-[r:ADDRESSES]-() REQUIRE (r._generation, r.id) IS UNIQUE;
CREATE CONSTRAINT mentions_id IF NOT EXISTS FOR ()-[r:MENTIONS]-() REQUIRE (r._generation, r.id) IS UNIQUE;
CREATE CONSTRAINT delivered_id IF NOT EXISTS FOR ()-[r:DELIVERED]-() REQUIRE (r._generation, r.id) IS UNIQUE;
CREATE CONSTRAINT authored_id IF NOT EXISTS FOR ()-[r:AUTHORED]-() REQUIRE (r._generation, r.id) IS UNIQUE;
CREATE CONSTRAINT presented_at_id IF NOT EXISTS FOR ()-[r:PRESENTED_AT]-() REQUIRE (r._generation, r.id) IS UNIQUE;
CREATE CONSTRAINT held_during_id IF NOT EXISTS FOR ()-[r:HELD_DURING]-() REQUIRE (r._generation, r.id) IS UNIQUE;
CREATE CONSTRAINT participated_in_id IF NOT EXISTS FOR ()-[r:PARTICIPATED_IN]-() REQUIRE (r._generation, r.id) IS UNIQUE;
CREATE CONSTRAINT held_role_id IF NOT EXISTS FOR ()-[r:HELD_ROLE]-() REQUIRE (r._generation, r.id) IS UNIQUE;
CREATE CONSTRAINT based_in_id IF NOT EXISTS FOR ()-[r:BASED_IN]-() REQUIRE (r._generation, r.id) IS UNIQUE;
CREATE CONSTRAINT said_id IF NOT EXISTS FOR ()-[r:SAID]-() REQUIRE (r._generation, r.id) IS UNIQUE;

// Listing nodes of a kind, passages of a provision, and finding the active generation of a graph.
CREATE INDEX entity_kind IF NOT EXISTS FOR (n:Entity) ON (n._generation, n.kind, n.id);
CREATE INDEX passage_provision IF NOT EXISTS FOR (n:Passage) ON (n._generation, n.provision);
// Hand-written queries on the live graph (see generation/activate.cypher) find a node by id.
CREATE INDEX live_id IF NOT EXISTS FOR (n:Live) ON (n.id);
CREATE INDEX generation_graph IF NOT EXISTS FOR (n:Generation) ON (n.graph, n.status);

CALL db.awaitIndexes(300);
