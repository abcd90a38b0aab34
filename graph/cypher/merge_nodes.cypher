// MERGE nodes of one label on their key and SET their properties, each field kept by its source.
// Template: __LABEL__ comes from graph.model. Parameters: $rows [{id, props, source, ref}],
// $now (ISO datetime), $ranks [[source prefix, rank]] and $flags (graph.precedence.params()).
// A field goes to a source when it is empty, when that source set it before, or when that
// source ranks higher than the one that set it (graph.precedence); the flags ($flags) only on
// creation or by the creating source. `field_sources` lists "field=source" for the fields a
// source other than the creator (`source`) set; `sources` collects every source; loaded_at
// moves only on a real change, so an unchanged re-load writes nothing.
UNWIND $rows AS row
MERGE (n:__LABEL__ {id: row.id})
WITH n, row, n.loaded_at IS NULL AS created, coalesce(n.field_sources, []) AS owned,
     coalesce(n.source, row.source) AS creator,
     coalesce(head([p IN $ranks WHERE row.source STARTS WITH p[0] | p[1]]), 0) AS rank
WITH n, row, created, owned, creator, rank,
     [k IN keys(row.props) | [k, coalesce(head([e IN owned WHERE e STARTS WITH k + '='
                                                | substring(e, size(k) + 1)]), creator)]] AS owners
WITH n, row, created, owned, creator,
     [o IN owners WHERE (n[o[0]] IS NULL OR n[o[0]] <> row.props[o[0]])
        AND (created OR o[1] = row.source
             OR (NOT o[0] IN $flags
                 AND (n[o[0]] IS NULL
                      OR rank > coalesce(head([p IN $ranks WHERE o[1] STARTS WITH p[0] | p[1]]), 0))))
      | o[0]] AS changes,
     NOT row.source IN coalesce(n.sources, []) AS new_source
FOREACH (k IN changes | SET n[k] = row.props[k])
WITH n, row, created, creator, changes, new_source,
     [e IN owned WHERE NOT split(e, '=')[0] IN changes]
       + [k IN changes WHERE row.source <> creator | k + '=' + row.source] AS field_sources
SET n.field_sources = CASE WHEN size(field_sources) = 0 THEN null ELSE field_sources END,
    n.source = creator,
    n.source_ref = coalesce(n.source_ref, row.ref),
    n.sources = CASE WHEN new_source THEN coalesce(n.sources, []) + row.source ELSE n.sources END,
    n.loaded_at = CASE WHEN created OR size(changes) > 0 OR new_source THEN datetime($now)
                       ELSE n.loaded_at END
RETURN sum(CASE WHEN created THEN 1 ELSE 0 END) AS created,
       sum(CASE WHEN NOT created AND (size(changes) > 0 OR new_source) THEN 1 ELSE 0 END) AS updated,
       count(*) AS matched
