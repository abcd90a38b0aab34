// title: Which IBN overlaps most with which spearhead cluster
// question: For each innovative business network (IBN), which spearhead cluster shares the
//   most members with it, with the Jaccard index and the overlap coefficient? Computed live
//   from MEMBER_OF, so it holds even before `innograph analyze overlap` has run.
// param min_shared: the least number of shared members to report (default: 1)
MATCH (i:Cluster {type: 'ibn'})<-[:MEMBER_OF]-(o:Organisation)-[:MEMBER_OF]->(s:Cluster {type: 'spearhead'})
WITH i, s, count(DISTINCT o) AS shared
WHERE shared >= $min_shared
WITH i, s, shared,
     COUNT { (i)<-[:MEMBER_OF]-(:Organisation) } AS ni,
     COUNT { (s)<-[:MEMBER_OF]-(:Organisation) } AS ns
WITH i, s, shared, toFloat(shared) / (ni + ns - shared) AS jaccard,
     toFloat(shared) / CASE WHEN ni < ns THEN ni ELSE ns END AS overlap_coefficient
ORDER BY shared DESC, jaccard DESC, s.name
WITH i, collect({s: s, shared: shared, jaccard: jaccard, oc: overlap_coefficient}) AS ranked
WITH i, ranked[0] AS best
RETURN i.id AS ibn, i.name AS ibn_name, best.s.id AS spearhead, best.s.name AS spearhead_name,
       best.shared AS shared, best.jaccard AS jaccard, best.oc AS overlap_coefficient
ORDER BY shared DESC, jaccard DESC, ibn_name
