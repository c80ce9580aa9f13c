// Instruments and provisions that address each theme, once per wanted country among the instrument's countries
// (those that enacted it or are party to it). A provision reaches its instrument by its PART_OF relationship,
// which is cheaper than looking the instrument up by id.
UNWIND $themes AS themeId
MATCH (theme:Theme {_generation: $generation, id: themeId})<-[:ADDRESSES]-(addressing:Entity)
WHERE addressing:Instrument OR addressing:Provision
OPTIONAL MATCH (addressing:Provision)-[:PART_OF]->(parent:Instrument)
WITH theme, addressing, coalesce(parent, addressing) AS instrument
WHERE instrument:Instrument
UNWIND instrument.countries AS code
WITH theme, addressing, instrument, 'country:' + code AS country
WHERE country IN $countries
RETURN
  country,
  theme.id AS theme,
  instrument.id AS instrument,
  CASE WHEN addressing:Provision THEN addressing.id END AS provision,
  instrument.date AS date
