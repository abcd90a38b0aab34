// Records the end of one analytics run and what it wrote.
// Parameters: $id (run id), $finished_at (ISO datetime), $results (JSON text of counts)
MATCH (r:AnalyticsRun {id: $id})
SET r.finished_at = datetime($finished_at), r.results = $results
RETURN r.id AS id
