// One cluster, for the centre of its ego-network map. Parameters: $id (cluster id).
MATCH (c:Cluster {id: $id})
RETURN c.id AS id, c.name AS name, c.type AS type, c.domain AS domain,
       COUNT { (c)<-[:MEMBER_OF]-() } AS members,
       c.pagerank AS pagerank, c.degree AS degree, c.betweenness AS betweenness,
       c.source AS source, c.source_ref AS source_ref
