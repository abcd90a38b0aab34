// title: Cluster pairs with the most shared members
// question: Which pairs of clusters share the most members, as `innograph analyze overlap`
//   wrote them back (OVERLAPS), with Jaccard and overlap coefficient?
// param min_shared: the least number of shared members (default: 1)
// param limit: the most rows to return (default: 50)
MATCH (a:Cluster)-[r:OVERLAPS]-(b:Cluster)
WHERE a.id < b.id AND r.shared >= $min_shared
WITH a, b, max(r.shared) AS shared, max(r.jaccard) AS jaccard,
     max(r.overlap_coefficient) AS overlap_coefficient
RETURN a.id AS a, a.name AS a_name, b.id AS b, b.name AS b_name, shared, jaccard,
       overlap_coefficient
ORDER BY shared DESC, jaccard DESC, a, b
LIMIT $limit
