// The theme links of the given countries on the given themes, found by walking the graph: what a country's
// _themeLinks holds (read/theme-links.cypher), for a store loaded without its derived caches (NEO4J_CACHES=off).
// Every instrument of a country that addresses a theme, and every provision of one (PART_OF) that does.
UNWIND $countries AS countryId
MATCH (instrument:Instrument {_generation: $generation})
WHERE substring(countryId, size('country:')) IN instrument.countries
CALL (instrument) {
  MATCH (instrument)-[:ADDRESSES]->(theme:Theme)
  RETURN theme.id AS theme, null AS provision
  UNION ALL
  MATCH (provision:Provision)-[:PART_OF]->(instrument), (provision)-[:ADDRESSES]->(theme:Theme)
  RETURN theme.id AS theme, provision.id AS provision
}
WITH countryId, instrument, theme, provision
WHERE theme IN $themes
RETURN countryId AS country, theme, instrument.id AS instrument, provision, instrument.date AS date
