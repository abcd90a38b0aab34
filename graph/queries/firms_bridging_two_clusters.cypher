// title: Firms that bridge two clusters
// question: Which firms are members of both cluster $a and cluster $b?
// param a: the id of the first cluster (example: "catalisti")
// param b: the id of the second cluster (example: "flux50")
// pick: MATCH (a:Cluster)<-[:MEMBER_OF]-(:Organisation {kind: 'firm'})-[:MEMBER_OF]->(b:Cluster)
//   WHERE a.id < b.id RETURN a.id AS a, b.id AS b, count(*) AS n ORDER BY n DESC, a, b LIMIT 1
MATCH (a:Cluster {id: $a})<-[:MEMBER_OF]-(o:Organisation {kind: 'firm'})-[:MEMBER_OF]->(b:Cluster {id: $b})
RETURN o.id AS id, o.name AS name, o.size AS size, o.province AS province,
       COUNT { (o)-[:MEMBER_OF]->(:Cluster) } AS clusters,
       COUNT { (o)-[:PARTICIPATES_IN]->(:Project) } AS projects
ORDER BY name, id
