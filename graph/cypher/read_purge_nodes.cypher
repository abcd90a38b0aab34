// Candidate nodes of a purge: those flagged synthetic or example (when $synthetic / $examples)
// and those that name one of $sources (exact Source ids) among their sources, or are one of
// those Source nodes. graph.purge decides which go and which only lose a source.
// Parameters: $synthetic (bool), $examples (bool), $sources (list of Source ids)
MATCH (n)
WHERE ($synthetic AND coalesce(n.synthetic, false))
   OR ($examples AND coalesce(n.example, false))
   OR (n:Source AND n.id IN $sources)
   OR any(s IN coalesce(n.sources, []) WHERE s IN $sources)
RETURN elementId(n) AS eid, head(labels(n)) AS kind, n:Source AS is_source, n.id AS id,
       coalesce(n.synthetic, false) AS synthetic, coalesce(n.example, false) AS example,
       coalesce(n.sources, []) AS sources, n.source AS source,
       coalesce(n.field_sources, []) AS field_sources, keys(n) AS fields
