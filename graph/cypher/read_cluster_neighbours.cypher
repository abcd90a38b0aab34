// Every organisation, cluster and project one relationship away from a cluster (members,
// ties, managers, linked clusters, projects), with the relationship's type and properties.
// Parameters: $id (cluster id).
MATCH (c:Cluster {id: $id})-[r:MEMBER_OF|TIED_TO|MANAGES|LINKED_TO|PARTICIPATES_IN]-(n)
WHERE n:Organisation OR n:Cluster OR n:Project
RETURN n.id AS id,
       CASE WHEN n:Organisation THEN 'Organisation' WHEN n:Cluster THEN 'Cluster'
            ELSE 'Project' END AS label,
       n.name AS name, n.title AS title, n.kind AS kind, n.type AS type, n.domain AS domain,
       n.size AS size, n.nace AS nace, n.province AS province, n.country AS country,
       n.synthetic AS synthetic, n.year AS year, n.instrument AS instrument,
       n.pagerank AS pagerank, n.degree AS degree, n.betweenness AS betweenness,
       CASE WHEN n:Cluster THEN COUNT { (n)<-[:MEMBER_OF]-() } END AS members,
       n.source AS source, n.source_ref AS source_ref,
       type(r) AS rel_type,
       {relation: r.relation, role: r.role, since: r.since, source: r.source,
        source_ref: r.source_ref} AS rel
ORDER BY id, rel_type
