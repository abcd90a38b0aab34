// Cluster overlaps counted from MEMBER_OF, when analytics has not written OVERLAPS:
// shared members, Jaccard = shared / |A ∪ B|, overlap coefficient = shared / min(|A|, |B|),
// synthetic_share = synthetic or example members of A ∪ B / |A ∪ B| (analytics.provenance).
// Parameters: $min_shared (int).
MATCH (a:Cluster)<-[:MEMBER_OF]-(o:Organisation)-[:MEMBER_OF]->(b:Cluster)
WHERE a.id < b.id
WITH a, b, count(DISTINCT o) AS shared,
     count(DISTINCT CASE WHEN (coalesce(o.synthetic, false) OR coalesce(o.example, false)) THEN o END) AS shared_demo
WHERE shared >= $min_shared
WITH a, b, shared, shared_demo,
     COUNT { (a)<-[:MEMBER_OF]-() } AS na, COUNT { (b)<-[:MEMBER_OF]-() } AS nb,
     COUNT { (a)<-[:MEMBER_OF]-(o:Organisation) WHERE (coalesce(o.synthetic, false) OR coalesce(o.example, false)) } AS da,
     COUNT { (b)<-[:MEMBER_OF]-(o:Organisation) WHERE (coalesce(o.synthetic, false) OR coalesce(o.example, false)) } AS db
WITH a, b, shared, na, nb, round(toFloat(da + db - shared_demo) / (na + nb - shared), 4) AS share
RETURN a.id AS a, b.id AS b, shared,
       round(toFloat(shared) / (na + nb - shared), 4) AS jaccard,
       round(toFloat(shared) / CASE WHEN na < nb THEN na ELSE nb END, 4) AS overlap_coefficient,
       share > 0 AS from_synthetic, share AS synthetic_share
ORDER BY a, b
