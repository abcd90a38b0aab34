// One OVERLAPS relationship per pair of clusters sharing members, from the smaller id (a) to
// the larger (b); MERGE then SET, so a re-run overwrites the values instead of adding a copy.
// Parameters: $rows (list of {from_synthetic, synthetic_share, a, b, shared, jaccard, overlap_coefficient, shared_ids,
// sector_jaccard, theme_jaccard}), $run_id, $computed_at (ISO datetime)
UNWIND $rows AS row
MATCH (a:Cluster {id: row.a})
MATCH (b:Cluster {id: row.b})
MERGE (a)-[r:OVERLAPS]->(b)
SET r.shared = row.shared, r.jaccard = row.jaccard,
    r.overlap_coefficient = row.overlap_coefficient, r.shared_ids = row.shared_ids,
    r.sector_jaccard = row.sector_jaccard, r.theme_jaccard = row.theme_jaccard,
    r.from_synthetic = row.from_synthetic, r.synthetic_share = row.synthetic_share,
    r.run_id = $run_id, r.computed_at = datetime($computed_at)
RETURN count(r) AS written
