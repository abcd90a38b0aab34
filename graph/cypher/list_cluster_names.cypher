// The first 25 clusters' ids and names: the example the analysts' Cypher form opens with.
// No parameters.
MATCH (c:Cluster) RETURN c.id AS id, c.name AS name LIMIT 25
