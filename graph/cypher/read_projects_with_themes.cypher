// Projects with their year and themes (a `themes` property and/or HAS_THEME relationships).
// Parameters: none.
MATCH (p:Project)
RETURN p.id AS id, p.year AS year, p.themes AS theme_property,
       [(p)-[:HAS_THEME]->(t:Theme) | coalesce(t.name, t.id)] AS theme_names,
       coalesce(p.synthetic, false) AS synthetic, coalesce(p.example, false) AS example
