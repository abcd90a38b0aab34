// Removes the OVERLAPS relationships that run $run_id did not write (pairs that no longer
// share a member, or written the other way round). Parameters: $run_id
MATCH (:Cluster)-[r:OVERLAPS]->(:Cluster)
WHERE r.run_id IS NULL OR r.run_id <> $run_id
DELETE r
RETURN count(*) AS deleted
