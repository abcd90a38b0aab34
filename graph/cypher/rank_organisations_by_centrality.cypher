// Organisations ranked by a centrality analytics stored on them, filtered, paged.
// Parameters: $metric (degree|weighted_degree|betweenness|pagerank), $cluster, $kind (or null),
// $skip, $limit.
MATCH (o:Organisation)
WHERE o[$metric] IS NOT NULL
  AND ($kind IS NULL OR o.kind = $kind)
  AND ($cluster IS NULL OR EXISTS { (o)-[:MEMBER_OF]->(:Cluster {id: $cluster}) })
WITH o ORDER BY o[$metric] DESC, o.name, o.id
WITH collect(o) AS os
RETURN size(os) AS total,
       [o IN os[$skip..$skip + $limit] | o {.id, .name, .kind, .degree, .weighted_degree,
         .betweenness, .pagerank, from_synthetic: coalesce(o.centrality_from_synthetic, false),
         synthetic_share: o.centrality_synthetic_share}] AS items
