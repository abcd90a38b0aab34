// Clusters, filtered and paged, with member and project counts (demo_members: synthetic or
// example members; demo: the cluster itself is).
// Parameters: $type (spearhead|ibn or null), $q (part of the name or the id, or null), $skip, $limit.
MATCH (c:Cluster)
WHERE ($type IS NULL OR c.type = $type)
  AND ($q IS NULL OR toLower(c.name) CONTAINS toLower($q) OR toLower(c.id) = toLower($q))
WITH c ORDER BY c.name, c.id
WITH collect(c) AS cs
RETURN size(cs) AS total,
       [c IN cs[$skip..$skip + $limit] | c {.id, .name, .type, .domain,
         members: COUNT { (c)<-[:MEMBER_OF]-(:Organisation) },
         demo_members: COUNT { (c)<-[:MEMBER_OF]-(o:Organisation) WHERE (coalesce(o.synthetic, false) OR coalesce(o.example, false)) },
         demo: coalesce(c.synthetic, false) OR coalesce(c.example, false),
         projects: COUNT { (c)-[:PARTICIPATES_IN]->(:Project) }}] AS items
