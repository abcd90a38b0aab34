// Every cluster with its member count, for the ecosystem and overlap maps. No parameters.
// (MEMBER_OF always ends at a Cluster and starts at an Organisation: counting the bare
// relationships reads the degree store instead of expanding.)
MATCH (c:Cluster)
RETURN c.id AS id, c.name AS name, c.type AS type, c.domain AS domain,
       COUNT { (c)<-[:MEMBER_OF]-() } AS members,
       c.pagerank AS pagerank, c.degree AS degree, c.betweenness AS betweenness,
       c.source AS source, c.source_ref AS source_ref
ORDER BY id
