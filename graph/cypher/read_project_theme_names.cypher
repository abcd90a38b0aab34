// Theme names of the projects that have HAS_THEME relationships, for the match model.
// No parameters.
MATCH (p:Project)-[:HAS_THEME]->(t:Theme)
RETURN p.id AS project, collect(DISTINCT coalesce(t.name, t.id)) AS themes
