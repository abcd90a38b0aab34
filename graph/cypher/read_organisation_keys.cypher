// Every organisation's identifying keys, for resolving incoming records. No parameters.
MATCH (o:Organisation)
RETURN o.id AS id, o.enterprise_number AS enterprise_number, o.pic AS pic,
       o.name_key AS name_key, o.alias_keys AS alias_keys, o.aliases AS aliases,
       o.country AS country, o.source AS source, o.sources AS sources
