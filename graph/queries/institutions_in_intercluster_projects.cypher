// title: Knowledge institutions in intercluster projects
// question: Which knowledge institutions take part in the most intercluster projects? A project
//   counts as intercluster when it is recorded with kind 'intercluster', when two or more
//   clusters take part in it, or when its participating organisations are, together, members
//   of two or more clusters (the bundled intercluster projects list clusters, not
//   organisations, so the last test finds the projects the members really work in).
//   `synthetic` is true for a synthetic or example institution (the demo's generated members).
// param limit: the most rows to return (default: 20)
MATCH (o:Organisation {kind: 'knowledge_institution'})-[:PARTICIPATES_IN]->(p:Project)
WHERE p.kind = 'intercluster'
   OR COUNT { (:Cluster)-[:PARTICIPATES_IN]->(p) } >= 2
   OR COUNT { MATCH (p)<-[:PARTICIPATES_IN]-(:Organisation)-[:MEMBER_OF]->(c:Cluster)
              RETURN DISTINCT c } >= 2
WITH o, count(DISTINCT p) AS projects, collect(DISTINCT p.title) AS titles
RETURN o.id AS id, o.name AS name, projects, titles[..10] AS project_titles,
       coalesce(o.synthetic, false) OR coalesce(o.example, false) AS synthetic
ORDER BY projects DESC, name
LIMIT $limit
