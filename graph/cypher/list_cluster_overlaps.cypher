// A cluster's overlaps with the other clusters, as analytics wrote them (OVERLAPS, either
// direction, one row per other cluster), with the shared organisations' names.
// Parameters: $id, $names (at most this many shared organisations named per pair).
MATCH (c:Cluster {id: $id})
RETURN COLLECT {
  MATCH (c)-[r:OVERLAPS]-(d:Cluster)
  WITH d, r ORDER BY r.shared DESC
  WITH d, head(collect(r)) AS r
  RETURN {id: d.id, name: d.name, type: d.type, shared: r.shared, jaccard: r.jaccard,
          overlap_coefficient: r.overlap_coefficient, run_id: r.run_id,
          from_synthetic: coalesce(r.from_synthetic, false), synthetic_share: r.synthetic_share,
          shared_members: COLLECT { UNWIND coalesce(r.shared_ids, [])[..$names] AS sid
                                    MATCH (o:Organisation {id: sid})
                                    RETURN o {.id, .name, .kind} AS m ORDER BY m.name }} AS row
  ORDER BY row.shared DESC, row.name
} AS overlaps
