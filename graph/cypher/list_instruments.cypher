// Every funding instrument's id and name, for the partner-search form. No parameters.
MATCH (i:Instrument)
RETURN i.id AS id, coalesce(i.name, i.id) AS name
ORDER BY name
