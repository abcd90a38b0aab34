// The most central members of one cluster, by PageRank of the latest centrality run.
// Parameters: $cluster (cluster id), $limit (int)
MATCH (o:Organisation)-[:MEMBER_OF]->(c:Cluster {id: $cluster})
WHERE o.pagerank IS NOT NULL
RETURN o.id AS id, o.name AS name, o.pagerank AS pagerank, o.betweenness AS betweenness,
       o.degree AS degree, o.weighted_degree AS weighted_degree,
       coalesce(o.centrality_from_synthetic, false) AS from_synthetic,
       o.centrality_synthetic_share AS synthetic_share
ORDER BY pagerank DESC, id
LIMIT $limit
