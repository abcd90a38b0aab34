// title: Most central members of a cluster
// question: Which members of cluster $cluster have the highest PageRank on the organisation
//   network (as `innograph analyze centrality` wrote it), with their degree and betweenness?
// param cluster: the id of the cluster (example: "catalisti")
// param limit: the most rows to return (default: 10)
// pick: MATCH (c:Cluster)<-[:MEMBER_OF]-(o:Organisation) WHERE o.pagerank IS NOT NULL
//   RETURN c.id AS cluster, count(*) AS n ORDER BY n DESC, cluster LIMIT 1
MATCH (:Cluster {id: $cluster})<-[:MEMBER_OF]-(o:Organisation)
WHERE o.pagerank IS NOT NULL
RETURN o.id AS id, o.name AS name, o.kind AS kind, o.pagerank AS pagerank,
       o.degree AS degree, o.betweenness AS betweenness
ORDER BY pagerank DESC, name
LIMIT $limit
