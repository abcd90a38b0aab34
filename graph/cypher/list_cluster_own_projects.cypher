// The projects a cluster itself takes part in (intercluster projects), newest first, paged;
// no row when the cluster does not exist. Its members' projects: list_cluster_projects.
// Parameters: $id, $skip, $limit.
MATCH (c:Cluster {id: $id})
RETURN COUNT { (c)-[:PARTICIPATES_IN]->(:Project) } AS total,
       COLLECT { MATCH (c)-[r:PARTICIPATES_IN]->(p:Project)
                 WITH p, r ORDER BY p.year DESC, p.title, p.id SKIP $skip LIMIT $limit
                 RETURN p {.id, .title, .instrument, .year, .kind, direct: true,
                           status: r.status,
                           members: COUNT { (c)<-[:MEMBER_OF]-(:Organisation)
                                            -[:PARTICIPATES_IN]->(p) }} AS row } AS items
