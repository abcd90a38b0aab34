// Cluster overlaps as analytics wrote them (OVERLAPS), one row per pair and direction.
// No parameters.
MATCH (a:Cluster)-[r:OVERLAPS]->(b:Cluster)
WHERE a.id <> b.id
RETURN a.id AS a, b.id AS b, r.shared AS shared, r.jaccard AS jaccard,
       r.overlap_coefficient AS overlap_coefficient, r.source AS source,
       r.source_ref AS source_ref, coalesce(r.from_synthetic, false) AS from_synthetic,
       r.synthetic_share AS synthetic_share
ORDER BY a, b
