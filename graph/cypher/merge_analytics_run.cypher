// Records the start of one analytics run.
// Parameters: $id (run id), $kind (overlap|centrality|cross-sector|helix|all),
// $started_at (ISO datetime), $params (JSON text of the run's parameters)
MERGE (r:AnalyticsRun {id: $id})
SET r.kind = $kind, r.started_at = datetime($started_at), r.params = $params
RETURN r.id AS id
