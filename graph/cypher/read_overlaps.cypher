// The cluster overlaps of the latest run, most shared members first.
// Parameters: $min_shared (int), $limit (int)
MATCH (a:Cluster)-[r:OVERLAPS]->(b:Cluster)
WHERE r.shared >= $min_shared
RETURN a.id AS a, b.id AS b, r.shared AS shared, r.jaccard AS jaccard,
       r.overlap_coefficient AS overlap_coefficient, r.shared_ids AS shared_ids,
       r.sector_jaccard AS sector_jaccard, r.theme_jaccard AS theme_jaccard,
       r.run_id AS run_id, coalesce(r.from_synthetic, false) AS from_synthetic,
       r.synthetic_share AS synthetic_share
ORDER BY shared DESC, a, b
LIMIT $limit
