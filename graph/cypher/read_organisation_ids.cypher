// The id of every organisation (what references in a new source may name). No parameters.
MATCH (o:Organisation) RETURN o.id AS id
