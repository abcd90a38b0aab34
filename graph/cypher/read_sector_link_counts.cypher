// Cross-sector links as analytics wrote them (SECTOR_LINK), at one NACE level.
// Parameters: $level (section | division), $via (e.g. project; null for every kind of tie).
MATCH (a:Sector)-[r:SECTOR_LINK]->(b:Sector)
WHERE coalesce(r.level, a.level_name) = $level AND ($via IS NULL OR r.via = $via)
RETURN a.id AS a, b.id AS b, r.links AS links, r.via AS via,
       coalesce(r.synthetic_share, 0.0) AS synthetic_share
ORDER BY a, b
