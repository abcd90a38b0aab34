// Removes the SECTOR_LINK relationships of one via and level that run $run_id did not write.
// Parameters: $via, $level, $run_id
MATCH (:Sector)-[r:SECTOR_LINK]->(:Sector)
WHERE r.via = $via AND r.level = $level AND (r.run_id IS NULL OR r.run_id <> $run_id)
DELETE r
RETURN count(*) AS deleted
