// Deletes the AnalyticsRun nodes other than $keep (after a purge recomputed every derived
// fact under the run $keep, the earlier runs describe a graph that no longer exists).
// Parameters: $keep (run id)
MATCH (r:AnalyticsRun) WHERE r.id <> $keep
DELETE r
RETURN count(*) AS deleted
