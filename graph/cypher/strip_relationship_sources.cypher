// Takes purged sources off relationships that other sources still support (as
// strip_node_sources does for nodes). Parameters: $rows [{eid, sources, source,
// source_changed, field_sources, remove}]
UNWIND $rows AS row
MATCH ()-[n]->() WHERE elementId(n) = row.eid
FOREACH (k IN row.remove | SET n[k] = null)
SET n.sources = row.sources, n.source = row.source,
    n.field_sources = CASE WHEN size(row.field_sources) = 0 THEN null ELSE row.field_sources END,
    n.source_ref = CASE WHEN row.source_changed THEN null ELSE n.source_ref END
RETURN count(*) AS stripped
