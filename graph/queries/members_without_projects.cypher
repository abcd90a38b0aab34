// title: Members of a cluster not yet in any project
// question: Which members of cluster $cluster take part in no project at all?
// param cluster: the id of the cluster (example: "catalisti")
// pick: MATCH (c:Cluster)<-[:MEMBER_OF]-(o:Organisation)
//   WHERE NOT EXISTS { (o)-[:PARTICIPATES_IN]->(:Project) }
//   RETURN c.id AS cluster, count(*) AS n ORDER BY n DESC, cluster LIMIT 1
MATCH (:Cluster {id: $cluster})<-[r:MEMBER_OF]-(o:Organisation)
WHERE NOT EXISTS { (o)-[:PARTICIPATES_IN]->(:Project) }
RETURN o.id AS id, o.name AS name, o.kind AS kind, o.size AS size, o.province AS province,
       r.since AS member_since
ORDER BY name, id
