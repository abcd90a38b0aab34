// Organisations filtered by kind, sector (NACE code prefix, dots ignored), province, cluster
// and enterprise number, paged.
// Parameters: $kind, $sector, $province, $cluster, $enterprise_number (each or null), $skip, $limit.
MATCH (o:Organisation)
WHERE ($enterprise_number IS NULL OR o.enterprise_number = $enterprise_number)
  AND ($kind IS NULL OR o.kind = $kind)
  AND ($province IS NULL OR o.province = $province
       OR EXISTS { (o)-[:LOCATED_IN]->(:Region {id: $province}) })
  AND ($sector IS NULL OR replace(coalesce(o.nace, ''), '.', '') STARTS WITH $sector
       OR EXISTS { (o)-[:IN_SECTOR]->(s:Sector) WHERE replace(s.id, '.', '') STARTS WITH $sector })
  AND ($cluster IS NULL OR EXISTS { (o)-[:MEMBER_OF]->(:Cluster {id: $cluster}) })
WITH o ORDER BY o.name, o.id
WITH collect(o) AS os
RETURN size(os) AS total,
       [o IN os[$skip..$skip + $limit] | o {.id, .name, .kind, .size, .province, .nace,
         .enterprise_number, .country, .synthetic}] AS items
