// MERGE nodes of one label on their key and SET their properties, keeping provenance.
// Template: __LABEL__ comes from graph.model. Parameters: $rows [{id, props, source, ref}], $now (ISO datetime)
// A re-load overwrites properties (SET +=: the newest source's values win); `source`/`source_ref`
// keep the first origin, `sources` collects every source; loaded_at moves only on a real change.
UNWIND $rows AS row
MERGE (n:__LABEL__ {id: row.id})
WITH n, row,
     n.loaded_at IS NULL AS created,
     any(k IN keys(row.props) WHERE n[k] IS NULL OR n[k] <> row.props[k]) AS changed,
     NOT row.source IN coalesce(n.sources, []) AS new_source
SET n += row.props,
    n.source = coalesce(n.source, row.source),
    n.source_ref = coalesce(n.source_ref, row.ref),
    n.sources = CASE WHEN new_source THEN coalesce(n.sources, []) + row.source ELSE n.sources END,
    n.loaded_at = CASE WHEN created OR changed OR new_source THEN datetime($now) ELSE n.loaded_at END
RETURN sum(CASE WHEN created THEN 1 ELSE 0 END) AS created,
       sum(CASE WHEN NOT created AND (changed OR new_source) THEN 1 ELSE 0 END) AS updated,
       count(*) AS matched
