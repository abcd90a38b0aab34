// What the graph's version is made of (graph.version.graph_version). No parameters.
// Node and relationship counts per label/type come from Neo4j's count store (constant time);
// last_loaded_at is the latest load recorded on a Source node (every load sets it), and
// analysed_at the latest finished AnalyticsRun. A load, a purge (counts drop) or an analytics
// run therefore changes at least one of them.
CALL () { MATCH (o:Organisation) RETURN count(o) AS organisations }
CALL () { MATCH (p:Project) RETURN count(p) AS projects }
CALL () { MATCH (:Organisation)-[r:PARTICIPATES_IN]->() RETURN count(r) AS participations }
CALL () { MATCH (:Organisation)-[r:MEMBER_OF]->() RETURN count(r) AS memberships }
CALL () { MATCH (n) RETURN count(n) AS nodes }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
CALL () { MATCH (s:Source) RETURN max(s.last_loaded_at) AS loaded_at }
CALL () { MATCH (a:AnalyticsRun) RETURN max(a.finished_at) AS analysed_at }
RETURN organisations, projects, participations, memberships, nodes, relationships,
       toString(loaded_at) AS loaded_at, toString(analysed_at) AS analysed_at
