// Organisations for the match model (NACE from the property, else from IN_SECTOR).
// No parameters.
MATCH (o:Organisation)
RETURN o.id AS id, o.name AS name, o.kind AS kind, o.size AS size, o.country AS country,
       coalesce(o.nace, head([(o)-[:IN_SECTOR]->(s:Sector) | s.id])) AS nace,
       o.province AS province, o.description AS description,
       coalesce(o.synthetic, false) AS synthetic
