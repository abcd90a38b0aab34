// Every Source node's id and whether it gave only synthetic or only example data (what a
// purge resolves --synthetic, --examples and --source NAME against). No parameters.
MATCH (s:Source)
RETURN s.id AS id, coalesce(s.synthetic, false) AS synthetic,
       coalesce(s.example, false) AS example
ORDER BY id
