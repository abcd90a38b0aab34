// One organisation: its properties, clusters, sectors, region, ties and project count.
// Parameters: $id.
MATCH (o:Organisation {id: $id})
RETURN o {.*} AS organisation,
       COUNT { (o)-[:PARTICIPATES_IN]->(:Project) } AS projects,
       COLLECT { MATCH (o)-[r:MEMBER_OF]->(c:Cluster)
                 RETURN {id: c.id, name: c.name, type: c.type, role: r.role, since: r.since,
                         until: r.until} AS row ORDER BY row.name } AS clusters,
       COLLECT { MATCH (o)-[r:TIED_TO|MANAGES]->(c:Cluster)
                 RETURN {id: c.id, name: c.name, type: c.type,
                         relation: coalesce(r.relation, toLower(type(r)))} AS row
                 ORDER BY row.name } AS ties,
       COLLECT { MATCH (o)-[:IN_SECTOR]->(s:Sector)
                 RETURN {id: s.id, level: s.level, label: s.label_en} AS row ORDER BY row.id } AS sectors,
       COLLECT { MATCH (o)-[:LOCATED_IN]->(g:Region) RETURN coalesce(g.name, g.id) AS g } AS regions
