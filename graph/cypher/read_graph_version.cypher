// The version of the collaboration graph that the match model is cached under. No parameters.
// The counts come from Neo4j's count store (constant time) and last_loaded_at is the latest
// load recorded on a Source node (a handful of nodes), so the check is cheap per request.
CALL () { MATCH (o:Organisation) RETURN count(o) AS organisations }
CALL () { MATCH (p:Project) RETURN count(p) AS projects }
CALL () { MATCH (:Organisation)-[r:PARTICIPATES_IN]->() RETURN count(r) AS participations }
CALL () { MATCH (:Organisation)-[r:MEMBER_OF]->() RETURN count(r) AS memberships }
CALL () { MATCH (s:Source) RETURN max(s.last_loaded_at) AS loaded_at }
RETURN organisations, projects, participations, memberships, toString(loaded_at) AS loaded_at
