// Members the ecosystem map does not draw one by one, counted per cluster, kind and NACE
// division (the first two characters of `nace`; a section letter stays a letter); `synthetic`
// counts the synthetic and example ones.
// Parameters: $exclude (list of organisation ids drawn one by one).
MATCH (o:Organisation)-[:MEMBER_OF]->(c:Cluster)
WHERE NOT o.id IN $exclude
RETURN c.id AS cluster, coalesce(o.kind, 'other') AS kind, left(o.nace, 2) AS nace,
       count(*) AS count, sum(CASE WHEN (coalesce(o.synthetic, false) OR coalesce(o.example, false)) THEN 1 ELSE 0 END) AS synthetic
ORDER BY cluster, kind, nace
