// Organisations whose name, short name or description match a full-text (Lucene) query, with
// the same filters as list_organisations, best match first, paged.
// Parameters: $text (a Lucene query), $kind, $sector, $province, $cluster, $skip, $limit.
CALL db.index.fulltext.queryNodes('organisation_names', $text) YIELD node AS o, score
WHERE ($kind IS NULL OR o.kind = $kind)
  AND ($province IS NULL OR o.province = $province
       OR EXISTS { (o)-[:LOCATED_IN]->(:Region {id: $province}) })
  AND ($sector IS NULL OR replace(coalesce(o.nace, ''), '.', '') STARTS WITH $sector
       OR EXISTS { (o)-[:IN_SECTOR]->(s:Sector) WHERE replace(s.id, '.', '') STARTS WITH $sector })
  AND ($cluster IS NULL OR EXISTS { (o)-[:MEMBER_OF]->(:Cluster {id: $cluster}) })
WITH o, score ORDER BY score DESC, o.name, o.id
WITH collect(o {.id, .name, .kind, .size, .province, .nace, .enterprise_number, .country,
                .synthetic, score: score}) AS hits
RETURN size(hits) AS total, hits[$skip..$skip + $limit] AS items
