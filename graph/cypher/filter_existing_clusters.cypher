// Which of the given cluster ids exist.
// Parameters: $ids.
UNWIND $ids AS id
MATCH (c:Cluster {id: id})
RETURN c.id AS id
