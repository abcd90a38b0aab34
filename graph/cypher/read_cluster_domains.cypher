// Every cluster with the texts of its domain, for the inferred cluster fit of the partner
// search: its domain and description, the names and themes of the clusters it is linked to
// (IBNs and spearheads), and the titles of the projects the cluster itself takes part in
// (intercluster projects, Tabel 10-11). No parameters.
MATCH (c:Cluster)
RETURN c.id AS id, c.name AS name, c.type AS type, c.domain AS domain,
       c.description AS description,
       COLLECT { MATCH (c)-[:LINKED_TO]-(x:Cluster)
                 RETURN coalesce(x.name, '') + ' ' + coalesce(x.theme, x.domain, '') } +
       COLLECT { MATCH (c)-[:PARTICIPATES_IN]->(p:Project) RETURN coalesce(p.title, '') }
         AS texts
