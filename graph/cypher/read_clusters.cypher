// Clusters (spearhead clusters and IBNs) for the analytics projection. Parameters: none.
MATCH (c:Cluster)
RETURN c.id AS id, c.name AS name, c.type AS type,
       coalesce(c.synthetic, false) AS synthetic, coalesce(c.example, false) AS example
