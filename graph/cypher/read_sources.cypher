// Every Source node: what explanations cite (title, and the file where there is one).
// No parameters.
MATCH (s:Source)
RETURN s.id AS id, s.title AS title, s.path AS path, s.kind AS kind
