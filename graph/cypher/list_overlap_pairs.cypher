// Every pair of overlapping clusters, as analytics wrote them (OVERLAPS), once per pair.
// Parameters: $type (spearhead|ibn or null: both ends of that type), $min_shared, $names
// (at most this many shared organisations named per pair).
MATCH (a:Cluster)-[r:OVERLAPS]-(b:Cluster)
WHERE a.id < b.id
  AND ($type IS NULL OR (a.type = $type AND b.type = $type))
  AND coalesce(r.shared, 0) >= $min_shared
WITH a, b, r ORDER BY r.shared DESC
WITH a, b, head(collect(r)) AS r
RETURN a.id AS a, a.name AS a_name, b.id AS b, b.name AS b_name, r.shared AS shared, r.jaccard AS jaccard,
       r.overlap_coefficient AS overlap_coefficient, r.run_id AS run_id,
       coalesce(r.from_synthetic, false) AS from_synthetic, r.synthetic_share AS synthetic_share,
       COLLECT { UNWIND coalesce(r.shared_ids, [])[..$names] AS sid MATCH (o:Organisation {id: sid})
                 RETURN o {.id, .name, .kind} AS m ORDER BY m.name } AS shared_members
ORDER BY shared DESC, a, b
