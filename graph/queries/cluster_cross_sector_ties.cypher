// title: Cross-sector ties of a cluster
// question: Between which NACE divisions do the members of cluster $cluster collaborate, that
//   is, how many distinct pairs of organisations in different divisions share a project in
//   which at least one of them is a member?
// param cluster: the id of the cluster (example: "catalisti")
// pick: MATCH (c:Cluster)<-[:MEMBER_OF]-(a:Organisation)-[:PARTICIPATES_IN]->(:Project)
//     <-[:PARTICIPATES_IN]-(b:Organisation)
//   WHERE left(replace(a.nace, '.', ''), 2) <> left(replace(b.nace, '.', ''), 2)
//   RETURN c.id AS cluster LIMIT 1
MATCH (c:Cluster {id: $cluster})<-[:MEMBER_OF]-(a:Organisation)-[:PARTICIPATES_IN]->(p:Project)
      <-[:PARTICIPATES_IN]-(b:Organisation)
WHERE a <> b AND a.nace IS NOT NULL AND b.nace IS NOT NULL
WITH a, b, p, left(replace(a.nace, '.', ''), 2) AS da, left(replace(b.nace, '.', ''), 2) AS db
WHERE da <> db
WITH CASE WHEN da < db THEN da ELSE db END AS sector_a,
     CASE WHEN da < db THEN db ELSE da END AS sector_b,
     CASE WHEN a.id < b.id THEN [a.id, b.id] ELSE [b.id, a.id] END AS pair, p
WITH sector_a, sector_b, count(DISTINCT pair) AS ties, collect(DISTINCT p.title) AS titles
OPTIONAL MATCH (sa:Sector {id: sector_a})
OPTIONAL MATCH (sb:Sector {id: sector_b})
RETURN sector_a, sa.label_en AS label_a, sector_b, sb.label_en AS label_b, ties,
       titles[..5] AS projects
ORDER BY ties DESC, sector_a, sector_b
