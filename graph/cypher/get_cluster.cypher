// One cluster: its properties, counts, helix mix, links, managers and themes (one pass over
// its members for the counts; demo_members counts the synthetic and example ones).
// Parameters: $id.
MATCH (c:Cluster {id: $id})
CALL (c) {
  OPTIONAL MATCH (c)<-[:MEMBER_OF]-(o:Organisation)
  WITH coalesce(o.kind, 'other') AS kind, count(o) AS n,
       sum(CASE WHEN o.kind = 'firm' AND o.size = 'sme' THEN 1 ELSE 0 END) AS smes,
       sum(CASE WHEN (coalesce(o.synthetic, false) OR coalesce(o.example, false)) THEN 1 ELSE 0 END) AS demo
  WHERE n > 0
  WITH kind, n, smes, demo ORDER BY kind
  RETURN sum(n) AS members, sum(CASE kind WHEN 'firm' THEN n ELSE 0 END) AS firms,
         sum(smes) AS smes, sum(demo) AS demo_members, collect({kind: kind, count: n}) AS helix
}
RETURN c {.*} AS cluster, members, firms, smes, helix, coalesce(demo_members, 0) AS demo_members,
       COUNT { (c)-[:PARTICIPATES_IN]->(:Project) } AS projects,
       COLLECT { MATCH (c)-[r:LINKED_TO]-(d:Cluster)
                 RETURN {id: d.id, name: d.name, type: d.type, relation: r.relation,
                         direction: CASE WHEN startNode(r) = c THEN 'to' ELSE 'from' END} AS row
                 ORDER BY row.name } AS linked,
       COLLECT { MATCH (m:Organisation)-[:MANAGES]->(c)
                 RETURN m {.id, .name, .kind} AS row ORDER BY row.name } AS managers,
       COLLECT { MATCH (c)-[:HAS_THEME]->(t:Theme) RETURN coalesce(t.name, t.id) AS t ORDER BY t } AS themes
