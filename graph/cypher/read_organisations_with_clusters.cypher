// Organisations by id (or enterprise number), with the clusters they belong to: the focus
// and the partners of a match map. Parameters: $ids (list of ids or enterprise numbers).
MATCH (o:Organisation)
WHERE o.id IN $ids OR o.enterprise_number IN $ids
OPTIONAL MATCH (o)-[:MEMBER_OF]->(c:Cluster)
RETURN o.id AS id, o.name AS name, o.kind AS kind, o.size AS size, o.nace AS nace,
       o.province AS province, o.country AS country, o.synthetic AS synthetic,
       o.pagerank AS pagerank, o.degree AS degree, o.betweenness AS betweenness,
       o.source AS source, o.source_ref AS source_ref, o.enterprise_number AS enterprise_number,
       collect(CASE WHEN c IS NULL THEN NULL ELSE {id: c.id, name: c.name, type: c.type} END)
         AS clusters
ORDER BY id
