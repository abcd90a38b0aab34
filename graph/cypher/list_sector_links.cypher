// The sector x sector collaboration links analytics wrote (SECTOR_LINK), most links first.
// Parameters: $level (section|division or null), $via (or null), $limit.
MATCH (a:Sector)-[r:SECTOR_LINK]->(b:Sector)
WHERE ($level IS NULL OR r.level = $level) AND ($via IS NULL OR r.via = $via)
RETURN a.id AS sector_a, a.label_en AS label_a, b.id AS sector_b, b.label_en AS label_b,
       r.links AS links, r.via AS via, r.level AS level, r.run_id AS run_id,
       coalesce(r.from_synthetic, false) AS from_synthetic, r.synthetic_share AS synthetic_share
ORDER BY links DESC, sector_a, sector_b
LIMIT $limit
