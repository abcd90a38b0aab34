// Cluster overlaps counted from MEMBER_OF, when analytics has not written OVERLAPS:
// shared members, Jaccard = shared / |A ∪ B|, overlap coefficient = shared / min(|A|, |B|).
// Parameters: $min_shared (int).
MATCH (a:Cluster)<-[:MEMBER_OF]-(o:Organisation)-[:MEMBER_OF]->(b:Cluster)
WHERE a.id < b.id
WITH a, b, count(DISTINCT o) AS shared
WHERE shared >= $min_shared
WITH a, b, shared, COUNT { (a)<-[:MEMBER_OF]-() } AS na, COUNT { (b)<-[:MEMBER_OF]-() } AS nb
RETURN a.id AS a, b.id AS b, shared,
       round(toFloat(shared) / (na + nb - shared), 4) AS jaccard,
       round(toFloat(shared) / CASE WHEN na < nb THEN na ELSE nb END, 4) AS overlap_coefficient
ORDER BY a, b
