// Candidate relationships of a purge: those flagged synthetic or example (when $synthetic /
// $examples), those that name one of $sources among their sources, and every relationship of
// a node that goes ($doomed: element ids). graph.purge decides which go and which only lose a
// source. Parameters: $synthetic (bool), $examples (bool), $sources (list of Source ids),
// $doomed (list of node element ids)
CALL () {
  MATCH ()-[r]->()
  WHERE ($synthetic AND coalesce(r.synthetic, false))
     OR ($examples AND coalesce(r.example, false))
     OR any(s IN coalesce(r.sources, []) WHERE s IN $sources)
  RETURN r, false AS attached
  UNION ALL
  UNWIND $doomed AS eid
  MATCH (n) WHERE elementId(n) = eid
  MATCH (n)-[r]-()
  RETURN r, true AS attached
}
WITH r, max(attached) AS attached
RETURN elementId(r) AS eid, type(r) AS kind, false AS is_source, attached,
       coalesce(r.synthetic, false) AS synthetic, coalesce(r.example, false) AS example,
       coalesce(r.sources, []) AS sources, r.source AS source,
       coalesce(r.field_sources, []) AS field_sources, keys(r) AS fields
