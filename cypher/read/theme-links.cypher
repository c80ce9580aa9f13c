// The theme links of each given country, as stored on its node at load (_themeLinks: JSON, theme id → the
// instruments and provisions of the country that address it; see indexThemeLinks in server/graph/graph-store.ts).
UNWIND $countries AS countryId
MATCH (country:Country {_generation: $generation, id: countryId})
RETURN countryId AS country, country._themeLinks AS links
