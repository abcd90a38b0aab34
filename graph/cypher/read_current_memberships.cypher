// Current cluster memberships (no end date, or one not yet passed) with their provenance, for
// the match model. Parameters: $today (ISO date string, e.g. '2025-01-31').
MATCH (o:Organisation)-[m:MEMBER_OF]->(c:Cluster)
WHERE m.until IS NULL OR toString(m.until) >= $today
RETURN o.id AS org, c.id AS cluster, c.name AS cluster_name, c.type AS cluster_type,
       m.role AS role, toString(m.since) AS since, toString(m.until) AS until,
       m.source AS source, m.source_ref AS source_ref
