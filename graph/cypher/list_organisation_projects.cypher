// Projects an organisation takes part in, newest first, paged; no row when it does not exist.
// Parameters: $id, $skip, $limit.
MATCH (o:Organisation {id: $id})
WITH COLLECT { MATCH (o)-[r:PARTICIPATES_IN]->(p:Project)
               WITH p, r ORDER BY p.year DESC, p.title, p.id
               RETURN p {.id, .title, .instrument, .year, .kind, role: r.role,
                         status: r.status} AS row } AS projects
RETURN size(projects) AS total, projects[$skip..$skip + $limit] AS items
