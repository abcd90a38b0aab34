// Clusters taking part in projects themselves; withdrawn participations are left out.
// Parameters: none.
MATCH (c:Cluster)-[r:PARTICIPATES_IN]->(p:Project)
WHERE r.status IS NULL OR r.status <> 'withdrawn'
RETURN c.id AS cluster, p.id AS project
