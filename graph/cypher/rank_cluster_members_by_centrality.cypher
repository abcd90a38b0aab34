// The most central members of a cluster by a centrality analytics stored on Organisation.
// Parameters: $id, $metric (degree|weighted_degree|betweenness|pagerank), $limit.
MATCH (c:Cluster {id: $id})
RETURN COLLECT {
  MATCH (c)<-[:MEMBER_OF]-(o:Organisation)
  WHERE o[$metric] IS NOT NULL
  WITH o ORDER BY o[$metric] DESC, o.name, o.id LIMIT $limit
  RETURN o {.id, .name, .kind, .degree, .weighted_degree, .betweenness, .pagerank,
            from_synthetic: coalesce(o.centrality_from_synthetic, false),
            synthetic_share: o.centrality_synthetic_share} AS row
} AS central
