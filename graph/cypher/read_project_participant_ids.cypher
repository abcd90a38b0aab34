// Organisations taking part in each project, one row per project; withdrawn participations
// are left out. Parameters: none.
MATCH (o:Organisation)-[r:PARTICIPATES_IN]->(p:Project)
WHERE r.status IS NULL OR r.status <> 'withdrawn'
RETURN p.id AS project, collect(o.id) AS organisations
