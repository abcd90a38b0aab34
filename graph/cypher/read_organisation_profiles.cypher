// Organisations for the match model (NACE from the property, else from IN_SECTOR), with every
// name people may type (aliases, short and legal names) and the numbers that identify them.
// No parameters.
MATCH (o:Organisation)
RETURN o.id AS id, o.name AS name, o.kind AS kind, o.size AS size, o.country AS country,
       coalesce(o.nace, head([(o)-[:IN_SECTOR]->(s:Sector) | s.id])) AS nace,
       o.province AS province, o.region AS region, o.description AS description,
       coalesce(o.synthetic, false) AS synthetic, coalesce(o.example, false) AS example,
       [x IN coalesce(o.aliases, []) + [o.short_name, o.legal_name, o.acronym]
        WHERE x IS NOT NULL] AS aliases,
       o.enterprise_number AS enterprise_number, o.pic AS pic
