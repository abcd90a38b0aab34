// Members of each cluster, one row per cluster (fewer records than one per membership).
// Parameters: none.
MATCH (o:Organisation)-[:MEMBER_OF]->(c:Cluster)
RETURN c.id AS cluster, collect(o.id) AS organisations
