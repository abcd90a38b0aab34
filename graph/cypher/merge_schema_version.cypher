// Records the applied schema version. Parameters: $version (int), $files (list of names), $now (datetime string)
MERGE (v:SchemaVersion {id: 'schema'})
SET v.version = $version, v.files = $files, v.applied_at = datetime($now)
RETURN v.version AS version
