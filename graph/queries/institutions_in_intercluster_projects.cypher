// title: Knowledge institutions in intercluster projects
// question: Which knowledge institutions take part in the most intercluster projects (projects
//   with two or more participating clusters, or recorded with kind 'intercluster')?
// param limit: the most rows to return (default: 20)
MATCH (o:Organisation {kind: 'knowledge_institution'})-[:PARTICIPATES_IN]->(p:Project)
WHERE p.kind = 'intercluster' OR COUNT { (:Cluster)-[:PARTICIPATES_IN]->(p) } >= 2
WITH o, count(DISTINCT p) AS projects, collect(DISTINCT p.title) AS titles
RETURN o.id AS id, o.name AS name, projects, titles[..10] AS project_titles
ORDER BY projects DESC, name
LIMIT $limit
