// MATCH both ends by label and key, MERGE the bare relationship, SET its properties.
// Template: __START__, __END__, __TYPE__ come from graph.model.
// Parameters: $rows [{start, end, props, source, ref}], $now (ISO datetime)
UNWIND $rows AS row
MATCH (a:__START__ {id: row.start})
MATCH (b:__END__ {id: row.end})
MERGE (a)-[r:__TYPE__]->(b)
WITH r, row,
     r.loaded_at IS NULL AS created,
     any(k IN keys(row.props) WHERE r[k] IS NULL OR r[k] <> row.props[k]) AS changed,
     NOT row.source IN coalesce(r.sources, []) AS new_source
SET r += row.props,
    r.source = coalesce(r.source, row.source),
    r.source_ref = coalesce(r.source_ref, row.ref),
    r.sources = CASE WHEN new_source THEN coalesce(r.sources, []) + row.source ELSE r.sources END,
    r.loaded_at = CASE WHEN created OR changed OR new_source THEN datetime($now) ELSE r.loaded_at END
RETURN sum(CASE WHEN created THEN 1 ELSE 0 END) AS created,
       sum(CASE WHEN NOT created AND (changed OR new_source) THEN 1 ELSE 0 END) AS updated,
       count(*) AS matched
