// Organisations the ecosystem map draws one by one, with their links to clusters: every
// organisation that manages a cluster or is tied to one, and the $limit most central
// real (non-synthetic) non-firm members (PageRank, then number of memberships and
// participations); synthetic members are only ever counted in the groups.
// Parameters: $limit (int).
CALL {
  MATCH (o:Organisation)-[:MANAGES|TIED_TO]->(:Cluster)
  RETURN DISTINCT o
  UNION
  MATCH (o:Organisation)-[:MEMBER_OF]->(:Cluster)
  WITH DISTINCT o
  WHERE coalesce(o.kind, 'other') <> 'firm' AND NOT coalesce(o.synthetic, false)
  RETURN o
  ORDER BY coalesce(o.pagerank, 0.0) DESC, COUNT { (o)-[:MEMBER_OF|PARTICIPATES_IN]->() } DESC,
           o.id
  LIMIT $limit
}
MATCH (o)-[r:MEMBER_OF|TIED_TO|MANAGES]->(c:Cluster)
RETURN o.id AS id, o.name AS name, o.kind AS kind, o.size AS size, o.nace AS nace,
       o.province AS province, o.country AS country, o.synthetic AS synthetic,
       o.pagerank AS pagerank, o.degree AS degree, o.betweenness AS betweenness,
       o.source AS source, o.source_ref AS source_ref,
       collect({cluster: c.id, type: type(r), relation: r.relation, role: r.role,
                source: r.source, source_ref: r.source_ref}) AS links
ORDER BY id
