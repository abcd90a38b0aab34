// Organisations for the analytics projection (NACE from the property, else from IN_SECTOR).
// Parameters: none.
MATCH (o:Organisation)
RETURN o.id AS id, o.name AS name, o.kind AS kind, o.size AS size,
       coalesce(o.nace, head([(o)-[:IN_SECTOR]->(s:Sector) | s.id])) AS nace,
       coalesce(o.synthetic, false) AS synthetic, coalesce(o.example, false) AS example
