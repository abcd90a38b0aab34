// The ids of the spearhead clusters, in id order. No parameters.
MATCH (c:Cluster {type: 'spearhead'}) RETURN c.id AS id ORDER BY id
