// title: Firms that bridge clusters
// question: Which firms belong to at least $min_clusters clusters, and which clusters are they?
// param min_clusters: the least number of clusters a firm belongs to (default: 2)
// param limit: the most rows to return (default: 100)
MATCH (o:Organisation {kind: 'firm'})-[:MEMBER_OF]->(c:Cluster)
WITH o, c ORDER BY c.name
WITH o, collect(c.name) AS names, count(c) AS n
WHERE n >= $min_clusters
RETURN o.id AS id, o.name AS name, n AS clusters, names AS cluster_names,
       COUNT { (o)-[:PARTICIPATES_IN]->(:Project) } AS projects
ORDER BY clusters DESC, projects DESC, name
LIMIT $limit
