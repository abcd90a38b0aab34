// title: Members of a cluster by province
// question: How are the members of cluster $cluster spread over the provinces?
// param cluster: the id of the cluster (example: "catalisti")
// pick: MATCH (c:Cluster)<-[:MEMBER_OF]-(:Organisation)
//   RETURN c.id AS cluster, count(*) AS n ORDER BY n DESC, cluster LIMIT 1
MATCH (:Cluster {id: $cluster})<-[:MEMBER_OF]-(o:Organisation)
WITH coalesce(o.province, 'unknown') AS province, count(*) AS members,
     sum(CASE WHEN o.kind = 'firm' THEN 1 ELSE 0 END) AS firms
RETURN province, members, firms
ORDER BY members DESC, province
