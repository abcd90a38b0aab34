// IBN -> spearhead cluster links (LINKED_TO), for the ecosystem map. No parameters.
MATCH (a:Cluster)-[r:LINKED_TO]->(b:Cluster)
RETURN a.id AS start, b.id AS end, 'LINKED_TO' AS type, r.relation AS relation,
       r.source AS source, r.source_ref AS source_ref
ORDER BY start, end
