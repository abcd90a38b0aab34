// Records the applied schema version, touching the node only when the version or the files
// changed (re-applying the same schema leaves applied_at as it was).
// Parameters: $version (int), $files (list of names), $now (datetime string)
MERGE (v:SchemaVersion {id: 'schema'})
WITH v
WHERE v.version IS NULL OR v.version <> $version OR v.files <> $files
SET v.version = $version, v.files = $files, v.applied_at = datetime($now)
RETURN v.version AS version
