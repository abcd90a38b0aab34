// Members of a cluster with their membership, by name, paged; no row when the cluster does not
// exist.
// Parameters: $id, $kind (or null), $skip, $limit.
MATCH (c:Cluster {id: $id})
RETURN COUNT { (c)<-[:MEMBER_OF]-(o:Organisation) WHERE $kind IS NULL OR o.kind = $kind } AS total,
       COLLECT { MATCH (c)<-[r:MEMBER_OF]-(o:Organisation)
                 WHERE $kind IS NULL OR o.kind = $kind
                 WITH o, r ORDER BY o.name, o.id SKIP $skip LIMIT $limit
                 RETURN o {.id, .name, .kind, .size, .province, .region, .nace, .synthetic, .example,
                           role: r.role, since: r.since, until: r.until} AS row } AS items
