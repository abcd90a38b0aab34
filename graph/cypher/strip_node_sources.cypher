// Takes purged sources off nodes that other sources still support: their new `sources`,
// creator (`source`, `source_ref` cleared when it changed) and `field_sources`, and the fields
// only the purged sources had set (removed). Parameters: $rows [{eid, sources, source,
// source_changed, field_sources, remove}]
UNWIND $rows AS row
MATCH (n) WHERE elementId(n) = row.eid
FOREACH (k IN row.remove | SET n[k] = null)
SET n.sources = row.sources, n.source = row.source,
    n.field_sources = CASE WHEN size(row.field_sources) = 0 THEN null ELSE row.field_sources END,
    n.source_ref = CASE WHEN row.source_changed THEN null ELSE n.source_ref END
RETURN count(*) AS stripped
