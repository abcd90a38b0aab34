// Projects of a cluster: those it takes part in itself and those of its members (with how many
// members take part), newest first, paged; no row when the cluster does not exist.
// Parameters: $id, $skip, $limit.
MATCH (c:Cluster {id: $id})
WITH c, COLLECT {
  CALL (c) {
    MATCH (c)<-[:MEMBER_OF]-(:Organisation)-[:PARTICIPATES_IN]->(p:Project)
    RETURN p, 1 AS member, null AS status, 0 AS direct
    UNION ALL
    MATCH (c)-[r:PARTICIPATES_IN]->(p:Project)
    RETURN p, 0 AS member, r.status AS status, 1 AS direct
  }
  WITH p, sum(member) AS members, max(direct) AS direct, collect(status)[0] AS status
  ORDER BY p.year DESC, p.title, p.id
  RETURN {p: p, members: members, direct: direct = 1, status: status} AS row
} AS rows
RETURN size(rows) AS total,
       [r IN rows[$skip..$skip + $limit] | {id: r.p.id, title: r.p.title,
         instrument: r.p.instrument, year: r.p.year, kind: r.p.kind, direct: r.direct,
         status: r.status, members: r.members}] AS items
