// Instruments and provisions that address each theme, once per wanted country among the instrument's countries
// (those that enacted it or are party to it).
UNWIND $themes AS themeId
MATCH (theme:Theme {_generation: $generation, id: themeId})<-[:ADDRESSES]-(addressing:Entity)
WHERE addressing:Instrument OR addressing:Provision
WITH theme, addressing, CASE WHEN addressing:Provision THEN addressing.instrument ELSE addressing.id END AS instrumentId
MATCH (instrument:Instrument {_generation: $generation, id: instrumentId})
UNWIND instrument.countries AS code
WITH theme, addressing, instrument, 'country:' + code AS country
WHERE country IN $countries
RETURN
  country,
  theme.id AS theme,
  instrument.id AS instrument,
  CASE WHEN addressing:Provision THEN addressing.id END AS provision,
  instrument.date AS date
