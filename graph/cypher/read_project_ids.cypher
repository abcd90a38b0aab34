// The id of every project (what references in a new source may name). No parameters.
MATCH (p:Project) RETURN p.id AS id
