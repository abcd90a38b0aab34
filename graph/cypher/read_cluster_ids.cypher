// The id of every cluster (what references in a new source may name). No parameters.
MATCH (c:Cluster) RETURN c.id AS id
